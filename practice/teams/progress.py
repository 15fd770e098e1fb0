"""Where a learner stands on an assignment, and how a team is doing: pure functions over their sessions' debriefs.

A session counts towards an assignment when it is of the assigned scenario, was started after the assignment was
made, and is not private practice; with a limit on attempts, only the first that many count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from practice.scenarios.model import HABITS
from practice.sessions.debrief import Debrief
from practice.sessions.model import Session
from practice.teams.model import Assignment

STATUSES = ("passed", "in progress", "not passed yet", "out of attempts", "overdue", "not started")


@dataclass(frozen=True)
class Standing:
    status: str  # one of STATUSES
    attempts_used: int
    best: float | None  # the best overall score of a finished counted session


def counted(assignment: Assignment, sessions: Sequence[Session]) -> list[Session]:
    """The learner's sessions that count towards the assignment, oldest first."""
    mine = sorted(
        (
            s
            for s in sessions
            if s.scenario_id == assignment.scenario_id
            and not s.practice
            and s.created_at >= assignment.created_at
        ),
        key=lambda s: s.created_at,
    )
    return mine[: assignment.attempts] if assignment.attempts else mine


def standing(
    assignment: Assignment, sessions: Sequence[Session], reports: dict[str, Debrief | None], now: datetime
) -> Standing:
    """One learner's standing, from their sessions and those sessions' debriefs (by session id)."""
    mine = counted(assignment, sessions)
    finished = [reports[s.id] for s in mine if s.finished_at is not None and reports.get(s.id) is not None]
    scores = [r.overall for r in finished if r is not None]
    best = max(scores) if scores else None
    passed = any(
        r is not None and r.ending == "resolved" and r.overall >= assignment.pass_mark for r in finished
    )
    overdue = assignment.due_at is not None and now > assignment.due_at
    if passed:
        status = "passed"
    elif not mine:
        status = "overdue" if overdue else "not started"
    elif any(s.finished_at is None for s in mine):
        status = "in progress"
    elif assignment.attempts and len(mine) >= assignment.attempts:
        status = "out of attempts"
    else:
        status = "overdue" if overdue else "not passed yet"
    return Standing(status, len(mine), best)


def habit_means(reports: Sequence[Debrief]) -> dict[str, float]:
    """Each habit's mean over finished debriefs that had replies; empty when there are none."""
    scored = [r for r in reports if r.turns]
    if not scored:
        return {}
    return {h: round(sum(r.habits[h] for r in scored) / len(scored), 4) for h in HABITS}


def weakest(means: dict[str, float]) -> tuple[str, float] | None:
    """The habit with the lowest mean (the first of HABITS on a tie), or None without data."""
    if not means:
        return None
    name = min(HABITS, key=lambda h: (means[h], HABITS.index(h)))
    return name, means[name]
