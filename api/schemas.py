"""Request and response bodies of the scoring API. Caps on sizes are part of the published schema."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from practice.scoring.limits import MAX_KEY_POINTS, MAX_TEXT_CHARS

MAX_MESSAGE_CHARS = MAX_TEXT_CHARS
MAX_KEY_POINT_CHARS = 500
MAX_BATCH_ITEMS = 64

KeyPointText = Annotated[str, StringConstraints(max_length=MAX_KEY_POINT_CHARS)]


class ScoreRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_message: str = Field(
        min_length=1, max_length=MAX_MESSAGE_CHARS, description="What the client said."
    )
    response: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS, description="The trainee's reply.")
    key_points: list[KeyPointText] | None = Field(
        None,
        max_length=MAX_KEY_POINTS,
        description="The points a good reply must capture; split from client_message when absent.",
    )
    language: str = Field("en", min_length=2, max_length=8, description="Language of both texts.")

    def cleaned_key_points(self) -> tuple[str, ...] | None:
        points = tuple(p.strip() for p in self.key_points or () if p.strip())
        return points or None


class ScoreBatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[ScoreRequest] = Field(
        min_length=1, description=f"Up to {MAX_BATCH_ITEMS} items; more is refused with 413."
    )


class SpanOut(BaseModel):
    text: str
    start: int
    end: int


class KeyPointOut(BaseModel):
    text: str
    captured: bool
    similarity: float
    evidence: SpanOut | None
    contradicted: bool
    dismissed: bool


class CommitmentOut(BaseModel):
    text: str
    when: str | None


class ScoreResponse(BaseModel):
    understanding: float = Field(
        description="0..1: how much of what the client said the reply shows it understood."
    )
    key_points: list[KeyPointOut]
    parroting: bool
    parroting_score: float
    depth: str = Field(description="none | simple (facts) | complex (motives, values or feelings too)")
    behaviours: dict[str, float]
    flags: list[str]
    contradiction: float
    dismissal: float
    commitments: list[CommitmentOut]
    feedback: str
    model: dict[str, str]


class ScoreBatchResponse(BaseModel):
    results: list[ScoreResponse]
