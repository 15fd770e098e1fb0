"""The session grade: each habit, progress, overall and passed, with exact values."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from practice.scenarios.loader import load_scenario_file
from practice.scoring.results import ScoreResult
from practice.sessions.debrief import debrief
from practice.sessions.model import Session, Turn
from practice.simulation.state import SessionState
from tests.fakes import fake_result

SCENARIO = load_scenario_file(Path(__file__).parent / "data" / "unit-tracking.yaml")
AT = datetime(2026, 1, 1, tzinfo=UTC)


def _turn(index: int, outcome: str, result: ScoreResult) -> Turn:
    return Turn(index, "late", "client", "reply", asdict(result), "answer", 50, outcome, AT)


def _session(**state: object) -> Session:
    values: dict[str, object] = {
        "scenario_id": SCENARIO.id,
        "scenario_version": 1,
        "temperature": 50,
        **state,
    }
    return Session("s1", "ana", SCENARIO.id, 1, SessionState(**values), None, False, AT)  # type: ignore[arg-type]


def test_four_empty_replies_and_an_end_grade_near_zero() -> None:
    turns = [_turn(i, "missed", fake_result(0.05)) for i in range(1, 5)]
    report = debrief(SCENARIO, _session(ending=None), turns)
    assert report.habits == {
        "understanding": 0.05,
        "no_rebuttal": 0.0,
        "no_premature_solution": 0.0,
        "questions": 0.0,
        "emotion_labelling": 0.0,
        "commitment": 0.0,
    }
    assert (report.progress, report.overall, report.passed) == (0.0, 0.0, False)


def test_one_perfect_reply_then_abandoned_keeps_a_low_grade() -> None:
    perfect = fake_result(0.9, ("retelling", "emotion_label", "open_question"))
    report = debrief(SCENARIO, _session(beat=1), [_turn(1, "understood", perfect)])
    assert report.habits == {
        "understanding": 0.9,
        "no_rebuttal": 1.0,
        "no_premature_solution": 1.0,
        "questions": 1.0,
        "emotion_labelling": 1.0,
        "commitment": 0.0,
    }
    # weights 0.4, 0.2, 0.15, 0.15, 0.1, 0.15 (sum 1.15): habits 0.96 / 1.15 = 0.8348; one of three steps
    assert report.progress == 0.3333
    assert report.overall == round(0.96 / 1.15 * 0.3333, 4) == 0.2782
    assert not report.passed


def test_a_resolved_session_of_shown_listening_passes_at_the_pass_mark() -> None:
    good = fake_result(0.8, ("retelling", "emotion_label"))
    asked = fake_result(0.5, ("open_question",))
    turns = [
        _turn(1, "understood", good),
        _turn(2, "rebutted", fake_result(0.2, ("rebuttal", "open_question"))),
        _turn(3, "understood", asked),
        _turn(4, "proposal", fake_result(0.3, ("commitment",))),
    ]
    report = debrief(SCENARIO, _session(beat=3, ending="resolved", wants_covered=(0, 1)), turns)
    assert report.habits == {
        "understanding": 0.5,  # (0.8 + 0.2 + 0.5) / 3 listening replies
        "no_rebuttal": 0.6667,  # the rebuttal asked a question, so it showed listening but not restraint
        "no_premature_solution": 1.0,
        "questions": 1.0,  # 2 of ceil(3 / 2)
        "emotion_labelling": 1.0,  # 1 of ceil(3 / 3)
        "commitment": 1.0,
    }
    assert report.progress == 1.0
    weighted = 0.4 * 0.5 + 0.2 * 0.6667 + 0.15 + 0.15 + 0.1 + 0.15
    assert report.overall == round(weighted / 1.15, 4) == 0.7681
    assert report.passed and report.pass_mark == 0.6
    strict = SCENARIO.model_copy(update={"scoring": SCENARIO.scoring.model_copy(update={"pass_mark": 0.8})})
    assert not debrief(strict, _session(beat=3, ending="resolved", wants_covered=(0, 1)), turns).passed


def test_a_commitment_covering_part_of_the_wants_counts_that_part_and_does_not_pass() -> None:
    good = fake_result(0.9, ("retelling", "emotion_label", "open_question"))
    turns = [_turn(1, "understood", good), _turn(2, "understood", good)]
    report = debrief(SCENARIO, _session(beat=3, phase="closing", wants_covered=(1,)), turns)
    assert report.habits["commitment"] == 0.5
    assert report.progress == 0.6667
    assert not report.passed


def test_scenario_weights_change_the_overall() -> None:
    only_questions = SCENARIO.model_copy(
        update={"scoring": SCENARIO.scoring.model_copy(update={"weights": {"questions": 1.0}})}
    )
    turns = [_turn(1, "understood", fake_result(0.9, ("open_question",)))]
    report = debrief(only_questions, _session(beat=3, ending="resolved"), turns)
    assert (report.habits["questions"], report.overall) == (1.0, 1.0)
