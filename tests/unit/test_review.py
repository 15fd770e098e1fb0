"""A trainer's correction of a turn: what it changes in the turn, what it refuses, how it grades the session,
and the training example it becomes."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from practice.scoring.corpus import load_corpus
from practice.sessions.debrief import debrief
from practice.sessions.model import Turn
from practice.sessions.review import Correction, InvalidCorrection, as_example, check, corrected
from tests.fakes import fake_result
from tests.unit.test_grading import SCENARIO, _session

AT = datetime(2026, 1, 1, tzinfo=UTC)


def rebutted_retell() -> Turn:
    result = fake_result(0.3, ("rebuttal", "retelling"), points="cm")
    return Turn(
        1,
        "late",
        "Nobody told us the units were late.",
        "So nobody warned you, to be fair we did email.",
        {**asdict(result), "feedback": "You argued back."},
        "answer",
        60,
        "rebutted",
        AT,
    )


def review(outcome: str, **changes: object) -> Correction:
    return Correction("s1", 1, "user:tina", AT, outcome, **changes)  # type: ignore[arg-type]


def test_a_struck_rebuttal_and_a_credited_point_change_the_turn_and_nothing_else() -> None:
    turn = rebutted_retell()
    fixed = corrected(turn, review("understood", not_flags=("rebuttal",), captured=("point 1",)))
    assert fixed.outcome == "understood" and fixed.score["understanding"] == 1.0
    assert fixed.score["flags"] == ["retelling"]
    assert [p["captured"] for p in fixed.score["key_points"]] == [True, True]
    assert (
        turn.score["flags"] == ["rebuttal", "retelling"] and turn.outcome == "rebutted"
    )  # the original stays
    assert corrected(turn, None) is turn


def test_a_correction_that_does_not_fit_its_turn_is_refused_naming_the_field() -> None:
    turn = rebutted_retell()
    cases = [
        (review("brilliant"), "outcome"),
        (review("understood", not_flags=("dismissal",)), "not_flags"),
        (review("understood", captured=("a point nobody made",)), "captured"),
        (review("rebutted", not_flags=("rebuttal",)), "outcome"),
        (review("understood", comment="x" * 2001), "comment"),
    ]
    for correction, field in cases:
        with pytest.raises(InvalidCorrection) as refused:
            check(correction, turn)
        assert refused.value.field == field
    check(review("understood", not_flags=("rebuttal",)), turn)  # and a fitting one passes


def test_the_grade_uses_the_correction_and_the_debrief_shows_it() -> None:
    session = _session(beat=1)
    before = debrief(SCENARIO, session, [rebutted_retell()])
    note = review(
        "understood", not_flags=("rebuttal",), comment="That was a fair retell; the email was true."
    )
    after = debrief(SCENARIO, session, [rebutted_retell()], {1: note})
    assert before.habits["understanding"] == 0.3 and after.habits["understanding"] == 1.0
    assert after.overall > before.overall
    shown = after.turns[0]
    assert (shown.outcome, shown.judged, shown.comment) == ("understood", "rebutted", note.comment)
    assert shown.struck == ("rebuttal",) and "rebuttal" not in shown.flags
    assert shown.feedback == ""  # the scorer's coaching for the overturned verdict is not shown
    agreed = debrief(
        SCENARIO, session, [rebutted_retell()], {1: review("rebutted", comment="Yes, that argued.")}
    )
    assert agreed.turns[0].judged is None and agreed.turns[0].comment == "Yes, that argued."
    assert agreed.turns[0].feedback == "You argued back."  # agreeing keeps the scorer's coaching


def test_a_correction_becomes_a_valid_corpus_line(tmp_path: Path) -> None:
    line = as_example(rebutted_retell(), review("understood", not_flags=("rebuttal",)), "en")
    path = tmp_path / "corrections.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [example] = load_corpus(path)
    assert example.behaviours == frozenset({"retelling"}) and example.understanding == 3
    assert (example.kind, example.source, example.client) == (
        "faithful",
        "corrections",
        "Nobody told us the units were late.",
    )
