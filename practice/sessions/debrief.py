"""The debrief: per-habit scores, the annotated transcript, temperatures, commitments, better phrasings."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from practice.scenarios.model import Scenario
from practice.sessions.model import Session, Turn

LISTENING_OUTCOMES = {"understood", "partly", "missed", "rebutted", "premature_solution"}
HABITS = ("understanding", "no_rebuttal", "no_premature_solution", "questions", "emotion_labelling")
PASS_MARK = 0.6
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


@dataclass(frozen=True)
class Debrief:
    session_id: str
    scenario_id: str
    scenario_title: str
    learner_id: str
    ending: str | None
    overall: float
    passed: bool
    habits: dict[str, float]
    turns: list[AnnotatedTurn]
    temperatures: list[int]
    commitments: list[str]
    revealed: list[str]
    reflection_prompts: list[str] = field(default_factory=lambda: list(REFLECTION_PROMPTS))
    reflection: dict[str, str] = field(default_factory=dict)


def habit_scores(turns: list[Turn]) -> dict[str, float]:
    listening = [t for t in turns if t.outcome in LISTENING_OUTCOMES] or turns
    n = len(listening)
    if n == 0:
        return dict.fromkeys(HABITS, 0.0)

    def flagged(name: str) -> int:
        return sum(1 for t in listening if name in t.score.get("flags", []))

    outcomes = [t.outcome for t in listening]
    return {
        "understanding": round(sum(float(t.score.get("understanding", 0.0)) for t in listening) / n, 4),
        "no_rebuttal": round(1 - outcomes.count("rebutted") / n, 4),
        "no_premature_solution": round(1 - outcomes.count("premature_solution") / n, 4),
        "questions": round(min(1.0, flagged("open_question") / math.ceil(n / 2)), 4),
        "emotion_labelling": round(min(1.0, flagged("emotion_label") / math.ceil(n / 3)), 4),
    }


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
    )


def debrief(scenario: Scenario, session: Session, turns: list[Turn]) -> Debrief:
    habits = habit_scores(turns)
    weights = {h: scenario.scoring.weights.get(h, 0.0) for h in HABITS}
    total = sum(weights.values()) or 1.0
    overall = round(sum(habits[h] * weights[h] for h in HABITS) / total, 4)
    return Debrief(
        session_id=session.id,
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        learner_id=session.learner_id,
        ending=session.state.ending,
        overall=overall,
        passed=overall >= PASS_MARK and session.state.ending == "resolved",
        habits=habits,
        turns=[annotate(scenario, t) for t in turns],
        temperatures=list(session.state.history),
        commitments=list(session.state.commitments),
        revealed=list(session.state.revealed),
        reflection=dict(session.reflection),
    )
