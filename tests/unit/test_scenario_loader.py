"""The scenario format: bundled files load; each kind of error names file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from practice.scenarios.library import ScenarioLibrary
from practice.scenarios.loader import (
    MAX_SCENARIO_BYTES,
    ScenarioError,
    load_scenario_file,
    load_scenario_text,
)
from practice.scenarios.model import Scenario

SCENARIOS = Path(__file__).parents[2] / "scenarios"
BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
GOOD = (SCENARIOS / "missed-delivery.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_scenario_loads(path: Path) -> None:
    scenario = load_scenario_file(path)
    assert scenario.id == path.stem
    assert scenario.beats and not scenario.beats[0].hidden
    labels = {e.label for b in scenario.beats for e in b.exemplars}
    assert {"good_retell", "rebuttal", "premature_solution"} <= labels


def test_the_published_json_schema_is_current() -> None:
    published = json.loads((SCENARIOS / "scenario.schema.json").read_text())
    assert published == Scenario.model_json_schema(), "run: practice schema > scenarios/scenario.schema.json"


def problems_of(text: str, name: str = "missed-delivery.yaml") -> list[tuple[int | None, str, str]]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, name, expected_id="missed-delivery")
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def line_of(fragment: str) -> int:
    return next(i for i, line in enumerate(GOOD.splitlines(), start=1) if fragment in line)


def test_yaml_syntax_error_has_its_line() -> None:
    broken = GOOD.replace("difficulty: easy", "difficulty: [easy")
    [(line, _field, message)] = problems_of(broken)
    assert message.startswith("not valid YAML") and line is not None and line >= line_of("difficulty:")


def test_misspelt_field_is_named_with_its_line() -> None:
    found = problems_of(GOOD.replace("  history: >-", "  histroy: >-"))
    by_field = {field: (line, message) for line, field, message in found}
    assert set(by_field) == {"persona.history", "persona.histroy"}
    assert by_field["persona.histroy"][0] == line_of("  history: >-")
    assert "check the spelling" in by_field["persona.histroy"][1]
    assert by_field["persona.history"] == (line_of("persona:"), "this required field is missing")


def test_wrong_value_names_the_choices() -> None:
    [(line, field, message)] = problems_of(GOOD.replace("difficulty: easy", "difficulty: trivial"))
    assert (line, field) == (line_of("difficulty:"), "difficulty")
    assert "'easy', 'medium' or 'hard'" in message


def test_nested_range_error_points_into_the_list() -> None:
    [(line, field, message)] = problems_of(GOOD.replace("  start: 75", "  start: 175"))
    assert (line, field) == (line_of("  start: 75"), "temperature.start")
    assert "100" in message


def test_missing_reaction_points_at_its_parent() -> None:
    text = GOOD.replace("      premature_solution:\n", "      x:\n", 1)
    found = problems_of(text)
    assert ("beats[0].reactions.premature_solution", "this required field is missing") in [
        (f, m) for _, f, m in found
    ]


def test_a_variant_needs_its_text_and_a_plain_line_is_one_neutral_variant() -> None:
    text = GOOD.replace("        - text: >-\n", "        - txt: >-\n", 1)
    assert ("beats[0].reactions.rebutted[0].text", "this required field is missing") in [
        (f, m) for _, f, m in problems_of(text)
    ]
    scenario = load_scenario_text(GOOD, "missed-delivery.yaml", expected_id="missed-delivery")
    assert [(v.text, v.about, v.needs) for v in scenario.beats[1].reactions.understood] == [
        (scenario.beats[1].reactions.understood[0].text, None, [])
    ]


def test_id_must_match_the_file_name() -> None:
    [(line, field, message)] = problems_of(GOOD.replace("id: missed-delivery", "id: other-name"))
    assert (line, field) == (line_of("id: missed-delivery"), "id")
    assert "file is named" in message


def test_duplicate_beat_ids_are_refused() -> None:
    found = problems_of(GOOD.replace("id: the-trust", "id: the-delay"))
    assert any("used twice" in m for _, _, m in found)


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just words"])
def test_not_a_mapping(text: str) -> None:
    [(_, _, message)] = problems_of(text)
    assert "mapping of fields" in message


def test_unsafe_yaml_tags_are_refused() -> None:
    [(_, _, message)] = problems_of("!!python/object/apply:os.system ['echo hacked']\n")
    assert "not valid YAML" in message


def test_size_and_encoding_caps(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (MAX_SCENARIO_BYTES + 1))
    with pytest.raises(ScenarioError, match="at most"):
        load_scenario_file(big)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: caf\xe9".encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario_file(latin)


def test_unknown_threshold_behaviour_is_named() -> None:
    text = GOOD.replace(
        "scoring:\n  understood_at: 0.55", "scoring:\n  thresholds: {rebutal: 0.5}\n  understood_at: 0.55"
    )
    [(line, field, message)] = problems_of(text)
    assert field == "scoring.thresholds" and "'rebutal'" in message and line == line_of("scoring:") + 1


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("format: 1\nbeats: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("format: 1\nversion: " + "9" * 5000 + "\n", "cannot be read as a scenario"),
    ],
    ids=["nested-5000-deep", "integer-of-5000-digits"],
)
def test_hostile_files_are_problems_not_crashes(text: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text, "hostile.yaml")
    [problem] = raised.value.problems
    assert problem.file == "hostile.yaml" and says in problem.message
    (tmp_path / "hostile.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "missed-delivery.yaml").write_text(GOOD, encoding="utf-8")
    library = ScenarioLibrary(tmp_path, check_every=0)  # starts, the hostile file skipped and reported
    assert [s.id for s in library.all()] == ["missed-delivery"]
    assert [p.message for p in library.problems()[str(tmp_path / "hostile.yaml")]] == [problem.message]
