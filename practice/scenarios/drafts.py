"""Scenario drafts and published versions as the editor keeps them: the YAML text a trainer wrote, not only the
validated model, so a version can be shown and restored as it was written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Draft:
    """A scenario being edited: playable by trainers as a preview, by nobody else until published.

    `revision` counts saves of this scenario's drafts; a preview session is pinned to -revision, so it plays the
    draft exactly as it was when the preview started, and never collides with a published version (≥ 1)."""

    scenario_id: str
    text: str
    revision: int
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class Published:
    scenario_id: str
    version: int
    text: str
    published_at: datetime
    published_by: str


class EditRepository(Protocol):
    def draft(self, scenario_id: str) -> Draft | None: ...

    def drafts(self) -> list[Draft]: ...

    def save_draft(self, scenario_id: str, text: str, by: str, at: datetime) -> Draft:
        """Store the draft, one per scenario, with the next revision number."""

    def drop_draft(self, scenario_id: str) -> None: ...

    def record(self, published: Published) -> None:
        """Keep a published version's text; a version recorded before stays as it was."""

    def history(self, scenario_id: str) -> list[Published]:
        """Every recorded version, newest first."""

    def published(self, scenario_id: str, version: int) -> Published | None: ...
