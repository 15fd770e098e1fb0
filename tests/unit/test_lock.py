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
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        match = re.match(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(==\s*([^;\s]+))?", requirement)
        assert match, requirement
        name = normal(match.group(1))
        assert name in lock, f"{name} is not in requirements.lock"
        if match.group(4):
            assert lock[name] == match.group(4), (
                f"{name}: pyproject pins {match.group(4)}, the lock {lock[name]}"
            )
