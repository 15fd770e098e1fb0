"""The scenario library: a folder of files, reloaded when they change; a broken file keeps its last good version."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from practice.scenarios.loader import Problem, ScenarioError, load_scenario_file, load_scenario_text
from practice.scenarios.model import Scenario, slug_ok

SUFFIXES = (".yaml", ".yml")
log = logging.getLogger("practice.scenarios")


@dataclass
class Entry:
    scenario: Scenario | None  # the last good version, if there ever was one
    mtime_ns: int
    problems: list[Problem] = field(default_factory=list)


class VersionNotNewer(ValueError):
    """A replacement must carry a higher `version` than the stored scenario, so results stay comparable."""

    def __init__(self, scenario_id: str, version: int, stored: int) -> None:
        super().__init__(
            f"scenario {scenario_id!r} is stored at version {stored}; a replacement needs a higher version "
            f"than that, not {version}"
        )


class UnknownScenario(KeyError):
    def __init__(self, scenario_id: str) -> None:
        super().__init__(scenario_id)
        self.scenario_id = scenario_id

    def __str__(self) -> str:
        return f"no scenario with id {self.scenario_id!r}"


class ScenarioLibrary:
    def __init__(self, directory: Path, check_every: float = 2.0) -> None:
        self.directory = directory
        self.check_every = check_every
        self._entries: dict[Path, Entry] = {}
        self._lock = threading.Lock()
        self._checked = 0.0
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> list[Problem]:
        """Reload changed files (at most every `check_every` seconds unless forced); returns new problems."""
        now = time.monotonic()
        if not force and now - self._checked < self.check_every:
            return []
        with self._lock:
            self._checked = now
            fresh: list[Problem] = []
            paths = (
                sorted(p for p in self.directory.glob("*") if p.suffix in SUFFIXES)
                if self.directory.is_dir()
                else []
            )
            for path in set(self._entries) - set(paths):
                del self._entries[path]
            for path in paths:
                try:
                    mtime = path.stat().st_mtime_ns
                except OSError:
                    continue
                entry = self._entries.get(path)
                if entry is not None and entry.mtime_ns == mtime:
                    continue
                try:
                    self._entries[path] = Entry(load_scenario_file(path), mtime)
                    if entry is not None:
                        log.info("scenario reloaded: %s", path)
                except ScenarioError as error:
                    kept = entry.scenario if entry else None
                    self._entries[path] = Entry(kept, mtime, error.problems)
                    fresh.extend(error.problems)
                    for problem in error.problems:
                        log.warning(
                            "scenario not loaded%s: %s", " (last good version kept)" if kept else "", problem
                        )
            return fresh

    def all(self) -> list[Scenario]:
        self.refresh()
        with self._lock:
            found = [e.scenario for e in self._entries.values() if e.scenario is not None]
        return sorted(found, key=lambda s: (s.difficulty != "easy", s.difficulty == "hard", s.title))

    def get(self, scenario_id: str) -> Scenario:
        found = self.find(scenario_id)
        if found is None:
            raise UnknownScenario(scenario_id)
        return found

    def find(self, scenario_id: str) -> Scenario | None:
        """The scenario, or None when there is none of that id."""
        if not slug_ok(scenario_id):
            return None
        return next((s for s in self.all() if s.id == scenario_id), None)

    def text(self, scenario_id: str) -> str | None:
        """The file of the scenario as written, or None when no valid file holds it (a broken file's last good
        version is served, but its text is gone)."""
        self.refresh()
        with self._lock:
            paths = [
                p
                for p, e in self._entries.items()
                if e.scenario is not None and e.scenario.id == scenario_id and not e.problems
            ]
        for path in paths:
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        return None

    def problems(self) -> dict[str, list[Problem]]:
        self.refresh()
        with self._lock:
            return {str(p): e.problems for p, e in self._entries.items() if e.problems}

    def save(self, scenario_id: str, text: str) -> tuple[Scenario, bool]:
        """Validate `text` as the scenario `scenario_id` and write it atomically; the scenario, and whether it is
        new. Raises ScenarioError, or VersionNotNewer when it replaces one without a higher version."""
        if not slug_ok(scenario_id):
            raise ScenarioError(
                [Problem(f"{scenario_id}.yaml", None, "id", "must be lower-case letters, digits and dashes")]
            )
        path = self.directory / f"{scenario_id}.yaml"
        scenario = load_scenario_text(text, path.name, expected_id=scenario_id)
        self.refresh(force=True)
        with self._lock:
            entry = self._entries.get(path)
        stored = entry.scenario if entry else None
        if stored is not None and scenario.version <= stored.version:
            raise VersionNotNewer(scenario_id, scenario.version, stored.version)
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".upload-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.refresh(force=True)
        return scenario, stored is None
