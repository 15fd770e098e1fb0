"""Where a learner stands on an assignment: which sessions count, and each status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from practice.scenarios.model import HABITS
from practice.sessions.debrief import Debrief
from practice.sessions.model import Session
from practice.simulation.state import SessionState
from practice.teams.model import Assignment
from practice.teams.progress import counted, habit_means, standing, weakest

T0 = datetime(2026, 3, 1, tzinfo=UTC)
TASK = Assignment("a1", "t1", "missed-delivery", T0 + timedelta(days=7), 0.7, 2, "tina", T0)


def session(
    n: int, hours: int, finished: bool = True, practice: bool = False, scenario: str = "missed-delivery"
) -> Session:
    state = SessionState(scenario_id=scenario, scenario_version=1, temperature=50)
    at = T0 + timedelta(hours=hours)
    return Session(
        f"s{n}", "ana", scenario, 1, state, None, False, at, at if finished else None, practice=practice
    )


def report(
    overall: float, ending: str | None = "resolved", habits: dict[str, float] | None = None
) -> Debrief:
    scores = habits or dict.fromkeys(
        HABITS,
        0.5,
    )
    turn_marker = [object()]  # a debrief with replies
    return Debrief(
        "s", "missed-delivery", "t", "ana", ending, overall, False, 0.7, 1.0, scores, turn_marker, [], [], []
    )  # type: ignore[arg-type]


def test_practice_other_scenarios_earlier_sessions_and_attempts_past_the_limit_do_not_count() -> None:
    early = replace(session(1, 1), created_at=T0 - timedelta(hours=1))
    sessions = [
        early,
        session(2, 1, practice=True),
        session(3, 2, scenario="disputed-invoice"),
        session(4, 3),
        session(5, 4),
        session(6, 5),
    ]
    assert [s.id for s in counted(TASK, sessions)] == ["s4", "s5"]  # the first two attempts only


def test_each_status() -> None:
    now = T0 + timedelta(days=1)
    late = T0 + timedelta(days=8)
    assert standing(TASK, [], {}, now).status == "not started"
    assert standing(TASK, [], {}, late).status == "overdue"
    assert standing(TASK, [session(1, 1, finished=False)], {"s1": None}, now).status == "in progress"
    low = {"s1": report(0.5), "s2": report(0.65)}
    one = standing(TASK, [session(1, 1)], low, now)
    assert (one.status, one.attempts_used, one.best) == ("not passed yet", 1, 0.5)
    assert standing(TASK, [session(1, 1)], low, late).status == "overdue"
    assert standing(TASK, [session(1, 1), session(2, 2)], low, now).status == "out of attempts"
    passed = standing(TASK, [session(1, 1), session(2, 2)], {"s1": report(0.5), "s2": report(0.8)}, late)
    assert (passed.status, passed.best) == ("passed", 0.8)
    unresolved = standing(TASK, [session(1, 1)], {"s1": report(0.9, ending="walked_out")}, now)
    assert unresolved.status == "not passed yet"


def test_the_weakest_habit_is_the_lowest_mean() -> None:
    habits = {
        "understanding": 0.8,
        "no_rebuttal": 0.4,
        "no_premature_solution": 0.9,
        "questions": 0.3,
        "emotion_labelling": 0.6,
        "commitment": 0.7,
    }
    other = {**habits, "questions": 0.5, "no_rebuttal": 0.2}
    means = habit_means([report(0.5, habits=habits), report(0.5, habits=other)])
    assert means["questions"] == 0.4 and means["no_rebuttal"] == 0.3
    assert weakest(means) == ("no_rebuttal", 0.3)
    assert weakest({}) is None and habit_means([]) == {}
