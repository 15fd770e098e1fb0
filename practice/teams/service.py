"""Making teams and assignments, with their inputs checked (a field named on every refusal)."""

from __future__ import annotations

import secrets
from datetime import datetime

from practice.teams.model import Assignment, Team, TeamError, TeamRepository

MAX_ATTEMPTS = 100


def create_team(repo: TeamRepository, name: str, now: datetime) -> Team:
    clean = " ".join(name.split())
    if not 1 <= len(clean) <= 100:
        raise TeamError("name", "1 to 100 characters")
    team = Team(secrets.token_hex(8), clean, now)
    repo.add_team(team)
    return team


def assign(
    repo: TeamRepository,
    team: Team,
    scenario_id: str,
    due_at: datetime | None,
    pass_mark: float,
    attempts: int,
    by: str,
    now: datetime,
) -> Assignment:
    """Assign a scenario (already known to exist) to a team."""
    if not 0 < pass_mark <= 1:
        raise TeamError("pass_mark", "a share above 0 and at most 1 (e.g. 0.7 for 70%)")
    if not 0 <= attempts <= MAX_ATTEMPTS:
        raise TeamError("attempts", f"0 (no limit) to {MAX_ATTEMPTS}")
    if due_at is not None and due_at <= now:
        raise TeamError("due_at", "a date in the future")
    assignment = Assignment(secrets.token_hex(8), team.id, scenario_id, due_at, pass_mark, attempts, by, now)
    repo.add_assignment(assignment)
    return assignment
