"""Values the scorer takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field

DEPTHS: tuple[str, ...] = ("none", "simple", "complex")


@dataclass(frozen=True)
class ScoreInput:
    client_message: str
    response: str
    key_points: tuple[str, ...] | None = None
    language: str = "en"
    # Per-behaviour flag thresholds for this reply (a scenario's own), over the registry's defaults.
    thresholds: tuple[tuple[str, float], ...] = ()
    # Indices of the key points that are about the client's feelings (a trainer's "feelings" layer).
    feeling_points: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class KeyPointResult:
    text: str
    captured: bool
    similarity: float
    evidence: Span | None
    contradicted: bool = False
    dismissed: bool = False


@dataclass(frozen=True)
class Commitment:
    text: str
    when: str | None


@dataclass(frozen=True)
class ScoreResult:
    understanding: float
    key_points: list[KeyPointResult]
    parroting: bool
    parroting_score: float
    depth: str
    behaviours: dict[str, float]
    flags: list[str]
    contradiction: float
    dismissal: float
    commitments: list[Commitment]
    feedback: str
    model: dict[str, str] = field(default_factory=dict)
