"""The debrief: per-habit scores, the annotated transcript, temperatures, commitments, better phrasings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from practice.scenarios.model import HABITS, Scenario
from practice.sessions.model import Session, Turn
from practice.sessions.review import Correction, corrected

LISTENING_OUTCOMES = {"understood", "partly", "missed", "rebutted", "premature_solution"}
SHOWED_LISTENING = {"understood", "partly"}
LISTENING_FLAGS = {"open_question", "emotion_label"}
REFLECTION_PROMPTS = (
    "What went well in this conversation?",
    "Where did you feel the urge to defend or to fix, and what did you do with it?",
    "At the moment the client's temperature rose most, what would you say differently?",
    "Which commitment will you follow up, and when?",
)


@dataclass(frozen=True)
class AnnotatedTurn:
    index: int
    client_before: str
    reply: str
    understanding: float
    captured: list[str]
    missed: list[str]
    contradicted: list[str]
    flags: list[str]
    feedback: str
    outcome: str | None
    temperature: int
    client_after: str
    better: str | None  # a trainer's good retell for this beat, when the reply fell short
    moment: int = 0  # its place in the conversation; retries of a moment share it
    earlier: list[AnnotatedTurn] = field(
        default_factory=list
    )  # attempts at this moment that a retry replaced
    comment: str = ""  # a trainer's comment on this reply
    judged: str | None = None  # the scorer's verdict, when a trainer's correction replaced it
    struck: tuple[str, ...] = ()  # flags a trainer struck
    credited: tuple[str, ...] = ()  # points a trainer credited as captured


@dataclass(frozen=True)
class Debrief:
    session_id: str
    scenario_id: str
    scenario_title: str
    learner_id: str
    ending: str | None
    overall: float
    passed: bool
    pass_mark: float
    progress: float  # how far the conversation got: beats the client moved on from, and the resolution
    habits: dict[str, float]
    turns: list[AnnotatedTurn]
    temperatures: list[int]
    commitments: list[str]
    revealed: list[str]
    reflection_prompts: list[str] = field(default_factory=lambda: list(REFLECTION_PROMPTS))
    reflection: dict[str, str] = field(default_factory=dict)


def habit_scores(scenario: Scenario, session: Session, turns: list[Turn]) -> dict[str, float]:
    """Each habit from 0 to 1, for the listening the trainee showed.

    Not arguing and not fixing count only on replies that showed listening (a retell, a named feeling, an
    open question): an empty reply avoids both mistakes but shows nothing. A commitment counts by the share of
    what the client asked for that it covered (1 when the session resolved)."""
    listening = [t for t in turns if t.outcome in LISTENING_OUTCOMES]
    wants = len(scenario.close.want_points)
    resolved = session.state.ending == "resolved"
    commitment = 1.0 if resolved else (len(session.state.wants_covered) / wants if wants else 0.0)
    n = len(listening)
    if n == 0:
        return {**dict.fromkeys(HABITS, 0.0), "commitment": round(commitment, 4)}

    def flagged(name: str) -> int:
        return sum(1 for t in listening if name in t.score.get("flags", []))

    def showed(t: Turn) -> bool:
        return t.outcome in SHOWED_LISTENING or bool(LISTENING_FLAGS & set(t.score.get("flags", [])))

    shown = [t for t in listening if showed(t)]
    return {
        "understanding": round(sum(float(t.score.get("understanding", 0.0)) for t in listening) / n, 4),
        "no_rebuttal": round(sum(t.outcome != "rebutted" for t in shown) / n, 4),
        "no_premature_solution": round(sum(t.outcome != "premature_solution" for t in shown) / n, 4),
        "questions": round(min(1.0, flagged("open_question") / math.ceil(n / 2)), 4),
        "emotion_labelling": round(min(1.0, flagged("emotion_label") / math.ceil(n / 3)), 4),
        "commitment": round(commitment, 4),
    }


def progress(scenario: Scenario, session: Session) -> float:
    """The share of the conversation's steps reached: each beat everyone must get through, then a resolution.

    Hidden beats are a bonus the client opens up with, not a step; an abandoned session keeps a low grade."""
    required = [i for i, b in enumerate(scenario.beats) if not b.hidden]
    passed = sum(1 for i in required if i < session.state.beat)
    steps = passed + (1 if session.state.ending == "resolved" else 0)
    return round(steps / (len(required) + 1), 4)


def overall_score(scenario: Scenario, habits: dict[str, float], reached: float) -> float:
    """The weighted mean of the habits (the scenario's weights), times how far the conversation got."""
    weights = {h: scenario.scoring.weights.get(h, 0.0) for h in HABITS}
    total = sum(weights.values()) or 1.0
    return round(sum(habits[h] * weights[h] for h in HABITS) / total * reached, 4)


def annotate(scenario: Scenario, turn: Turn) -> AnnotatedTurn:
    points: list[dict[str, Any]] = turn.score.get("key_points", [])
    better = None
    if turn.outcome in LISTENING_OUTCOMES - {"understood"}:
        beat = next((b for b in scenario.beats if b.id == turn.beat_id), None)
        good = [e.reply for e in beat.exemplars if e.label == "good_retell"] if beat else []
        better = good[0] if good else None
    return AnnotatedTurn(
        index=turn.index,
        client_before=turn.client_before,
        reply=turn.reply,
        understanding=float(turn.score.get("understanding", 0.0)),
        captured=[p["text"] for p in points if p.get("captured")],
        missed=[p["text"] for p in points if not p.get("captured") and not p.get("contradicted")],
        contradicted=[p["text"] for p in points if p.get("contradicted")],
        flags=list(turn.score.get("flags", [])),
        feedback=str(turn.score.get("feedback", "")),
        outcome=turn.outcome,
        temperature=turn.temperature,
        client_after=turn.client_after,
        better=better,
        moment=turn.moment,
    )


def debrief(
    scenario: Scenario,
    session: Session,
    turns: list[Turn],
    corrections: Mapping[int, Correction] | None = None,
) -> Debrief:
    """The debrief of the conversation as it stands; `turns` may include attempts a retry replaced, which are
    shown beside the retry of their moment and graded no more. A trainer's corrections (by turn index) grade
    their turns instead of the scorer's verdict, and their comments are shown."""
    earlier: dict[int, list[AnnotatedTurn]] = {}
    for t in turns:
        if t.superseded:
            earlier.setdefault(t.moment, []).append(annotate(scenario, t))
    reviews = corrections or {}
    judged = {t.index: t.outcome for t in turns if not t.superseded}
    turns = [corrected(t, reviews.get(t.index)) for t in turns if not t.superseded]
    habits = habit_scores(scenario, session, turns)
    reached = progress(scenario, session)
    overall = overall_score(scenario, habits, reached)
    return Debrief(
        session_id=session.id,
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        learner_id=session.learner_id,
        ending=session.state.ending,
        overall=overall,
        passed=overall >= scenario.scoring.pass_mark and session.state.ending == "resolved",
        pass_mark=scenario.scoring.pass_mark,
        progress=reached,
        habits=habits,
        turns=[
            replace(
                annotate(scenario, t),
                earlier=earlier.get(t.moment, []),
                comment=reviews[t.index].comment if t.index in reviews else "",
                judged=judged[t.index] if t.index in reviews and judged[t.index] != t.outcome else None,
                struck=reviews[t.index].not_flags if t.index in reviews else (),
                credited=reviews[t.index].captured if t.index in reviews else (),
            )
            for t in turns
        ],
        temperatures=list(session.state.history),
        commitments=list(session.state.commitments),
        revealed=list(session.state.revealed),
        reflection=dict(session.reflection),
    )
