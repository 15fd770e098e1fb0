"""The typed answers of the session API, so the OpenAPI schema describes what a client gets back."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class TurnView(BaseModel):
    index: int
    client_before: str
    reply: str
    client_after: str
    temperature: int
    outcome: str | None
    tone: str = Field(description="How the reply landed, for colouring: good, mixed or poor.")
    score: dict[str, Any] | None = Field(
        None,
        description="The scorer's judgement (as POST /api/v1/score answers); absent in exam mode until the end.",
    )


class SessionView(BaseModel):
    session_id: str
    scenario_id: str
    scenario_version: int
    learner_id: str
    exam: bool
    phase: str
    finished: bool
    beat: int = Field(description="Index of the client's current beat.")
    ending: str | None
    temperature: int
    temperatures: list[int]
    client_message: str | None = Field(description="What the client said last.")
    opening: str | None
    commitments: list[str]
    turns: list[TurnView]


class Started(SessionView):
    token: str = Field(description="The session's bearer token: shown once, keep it.")


class TurnResult(BaseModel):
    index: int
    moment: int
    outcome: str | None
    score: dict[str, Any] | None = Field(description="Null in exam mode.")


class ClientAnswer(BaseModel):
    text: str
    temperature: int
    outcome: str | None
    phase: str
    ending: str | None = None
    revealed: str | None = None


class TurnAnswer(BaseModel):
    turn: TurnResult
    client: ClientAnswer
    phase: str
    ending: str | None


class Saved(BaseModel):
    status: str = "saved"
