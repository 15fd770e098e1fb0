"""A trainer's review of a turn: a comment, and a corrected verdict that grades the session from then on.

The scorer's own judgement stays stored with the turn; a correction is kept beside it and applied when the
session is graded (the debrief, the LMS's score, the cohort). Corrections are also labelled examples in the
training corpus's format, so a deployment's judgement can learn from its own trainers (`practice corrections
export`, `practice train --with-corrections`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from practice.sessions.model import Turn

VERDICTS = ("understood", "partly", "missed", "rebutted", "premature_solution")
# A trainer's verdict on how far the reply showed understanding replaces the scorer's number.
UNDERSTANDING = {"understood": 1.0, "partly": 0.5, "missed": 0.0}
# What a verdict says in the corpus's terms (practice/data/corpus/LABELLING.md): an understanding grade and a kind.
GRADE = {"understood": 3, "partly": 2, "missed": 1, "rebutted": 0, "premature_solution": 1}
KIND = {"understood": "faithful", "partly": "partial", "missed": "other", "rebutted": "rebuttal"}
# The flag a verdict rests on: a reply "not a rebuttal" cannot be judged rebutted.
RESTS_ON = {"rebutted": "rebuttal", "premature_solution": "premature_solution"}
MAX_COMMENT = 2000


@dataclass(frozen=True)
class Correction:
    session_id: str
    turn_index: int
    by: str  # who reviewed: a trainer account's id, or the credential they used
    at: datetime
    outcome: str  # the trainer's verdict (one of VERDICTS); the scorer's when they agreed with it
    comment: str = ""
    not_flags: tuple[str, ...] = ()  # behaviours the scorer flagged that the reply does not show
    captured: tuple[str, ...] = ()  # key points the reply did capture, though the scorer missed them


class InvalidCorrection(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check(correction: Correction, turn: Turn) -> None:
    """Refuses a correction that does not fit its turn, naming the field."""
    if correction.outcome not in VERDICTS:
        raise InvalidCorrection("outcome", f"one of {', '.join(VERDICTS)}")
    if len(correction.comment) > MAX_COMMENT:
        raise InvalidCorrection("comment", f"at most {MAX_COMMENT} characters")
    flags = set(turn.score.get("flags", []))
    if not set(correction.not_flags) <= flags:
        raise InvalidCorrection("not_flags", f"only flags the turn has: {', '.join(sorted(flags)) or 'none'}")
    points = {p["text"] for p in turn.score.get("key_points", [])}
    if not set(correction.captured) <= points:
        raise InvalidCorrection("captured", "only the key points of this turn")
    rests_on = RESTS_ON.get(correction.outcome)
    if rests_on and rests_on in correction.not_flags:
        raise InvalidCorrection(
            "outcome", f"a reply without {rests_on.replace('_', ' ')} cannot be judged so"
        )


def corrected(turn: Turn, correction: Correction | None) -> Turn:
    """The turn as the trainer judged it: their verdict, without the flags they struck, the points they
    credited captured."""
    if correction is None:
        return turn
    score: dict[str, Any] = dict(turn.score)
    score["flags"] = [f for f in score.get("flags", []) if f not in correction.not_flags]
    if rests_on := RESTS_ON.get(correction.outcome):
        score["flags"] = sorted({*score["flags"], rests_on})
    score["key_points"] = [
        {**p, "captured": True, "contradicted": False} if p["text"] in correction.captured else p
        for p in score.get("key_points", [])
    ]
    if correction.outcome in UNDERSTANDING:
        score["understanding"] = UNDERSTANDING[correction.outcome]
    if correction.outcome != turn.outcome:
        score["feedback"] = ""  # the scorer's coaching argued for the verdict the trainer overturned
    return replace(turn, score=score, outcome=correction.outcome)


def graded(turns: Sequence[Turn], corrections: Mapping[int, Correction]) -> list[Turn]:
    """The turns as they count for the grade: each with its trainer's correction, if any."""
    return [corrected(t, corrections.get(t.index)) if not t.superseded else t for t in turns]


def as_example(turn: Turn, correction: Correction, language: str = "en") -> dict[str, Any]:
    """The corrected turn as one line of the training corpus."""
    fixed = corrected(turn, correction)
    return {
        "id": f"correction-{correction.session_id}-{correction.turn_index}",
        "pass": "corrections",
        "setting": "deployment",
        "register": "learner",
        "language": language,
        "client": turn.client_before,
        "reply": turn.reply,
        "behaviours": sorted(fixed.score.get("flags", [])),
        "understanding": GRADE[correction.outcome],
        "kind": KIND.get(correction.outcome, "solution"),
    }
