"""Teams and assignments, and the repository port their storage implements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class Assignment:
    id: str
    team_id: str
    scenario_id: str
    due_at: datetime | None
    pass_mark: float  # the overall score (0..1) a resolved session needs to pass the assignment
    attempts: int  # how many sessions count towards it; 0 means no limit
    created_by: str
    created_at: datetime


class TeamError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class TeamRepository(Protocol):
    def add_team(self, team: Team) -> None:
        """Raises TeamError naming `name` when a team of that name exists."""

    def teams(self) -> list[Team]: ...

    def team(self, team_id: str) -> Team | None: ...

    def add_member(self, team_id: str, user_id: str) -> None:
        """Idempotent: a member added twice is a member once."""

    def members(self, team_id: str) -> list[str]:
        """The members' user ids."""

    def teams_of(self, user_id: str) -> list[Team]: ...

    def add_assignment(self, assignment: Assignment) -> None: ...

    def assignments(self, team_ids: list[str]) -> list[Assignment]:
        """The assignments of these teams, soonest due first (undated last)."""
