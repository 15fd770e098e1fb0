"""The library reloads changed files, keeps the last good version of a broken one, and saves safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from practice.scenarios.library import ScenarioLibrary, UnknownScenario, VersionNotNewer
from practice.scenarios.loader import ScenarioError

GOOD = (Path(__file__).parents[2] / "scenarios" / "missed-delivery.yaml").read_text(encoding="utf-8")


def write(path: Path, text: str, bump: int) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 1_000_000_000))


def test_changes_are_picked_up_and_a_broken_file_keeps_its_last_good_version(tmp_path: Path) -> None:
    path = tmp_path / "missed-delivery.yaml"
    write(path, GOOD, 0)
    library = ScenarioLibrary(tmp_path, check_every=0)
    assert library.get("missed-delivery").title == "The delivery nobody warned them about"

    write(path, GOOD.replace("title: The delivery nobody warned them about", "title: Renamed"), 1)
    assert library.get("missed-delivery").title == "Renamed"

    write(path, GOOD.replace("difficulty: easy", "difficulty: trivial"), 2)
    assert library.get("missed-delivery").title == "Renamed"  # the last good version stays
    [(name, problems)] = library.problems().items()
    assert name.endswith("missed-delivery.yaml") and problems[0].field == "difficulty"

    path.unlink()
    with pytest.raises(UnknownScenario):
        library.get("missed-delivery")


def test_save_validates_before_writing_and_refuses_bad_ids(tmp_path: Path) -> None:
    library = ScenarioLibrary(tmp_path, check_every=0)
    with pytest.raises(ScenarioError):
        library.save("missed-delivery", GOOD.replace("format: 1", "format: 9"))
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary left behind
    for bad in ("../etc/passwd", "Missed", "a/b", ".hidden"):
        with pytest.raises(ScenarioError):
            library.save(bad, GOOD)
        with pytest.raises(UnknownScenario):
            library.get(bad)
    saved, created = library.save("missed-delivery", GOOD)
    assert (saved.id, created) == ("missed-delivery", True)
    assert [p.name for p in tmp_path.iterdir()] == ["missed-delivery.yaml"]
    assert library.get("missed-delivery") == saved


def test_a_replacement_needs_a_higher_version(tmp_path: Path) -> None:
    library = ScenarioLibrary(tmp_path, check_every=0)
    first, _ = library.save("missed-delivery", GOOD)
    renamed = GOOD.replace("title: The delivery nobody warned them about", "title: Renamed")
    with pytest.raises(VersionNotNewer, match=f"stored at version {first.version}"):
        library.save("missed-delivery", renamed)
    assert library.get("missed-delivery") == first  # the stored one is untouched
    bumped = renamed.replace(f"version: {first.version}\n", f"version: {first.version + 1}\n")
    second, created = library.save("missed-delivery", bumped)
    assert (second.version, second.title, created) == (first.version + 1, "Renamed", False)


def test_missing_folder_is_an_empty_library(tmp_path: Path) -> None:
    assert ScenarioLibrary(tmp_path / "nope").all() == []
