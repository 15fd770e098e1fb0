"""Rows to domain objects: a session and a turn as the tables hold them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from practice.sessions.model import Session, Turn
from practice.simulation.state import SessionState


@overload
def aware(value: datetime) -> datetime: ...


@overload
def aware(value: None) -> None: ...


def aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def session_of(row: Any) -> Session:
    return Session(
        id=row["id"],
        learner_id=row["learner_id"],
        scenario_id=row["scenario_id"],
        scenario_version=row["scenario_version"],
        state=SessionState.from_json(dict(row["state"])),
        opening=row["opening"],
        exam=bool(row["exam"]),
        created_at=aware(row["created_at"]) or datetime.now(UTC),
        finished_at=aware(row["finished_at"]),
        reflection=dict(row["reflection"] or {}),
        lti=dict(row["lti"]) if row["lti"] else None,
        practice=bool(row["practice"]),
    )


def turn_of(r: Any) -> Turn:
    return Turn(
        r["turn_index"],
        r["beat_id"],
        r["client_before"],
        r["reply"],
        dict(r["score"]),
        r["client_after"],
        r["temperature"],
        r["outcome"],
        aware(r["created_at"]) or datetime.now(UTC),
        r["moment"] or r["turn_index"],
        dict(r["state_before"]) if r["state_before"] else None,
        bool(r["superseded"]),
    )
