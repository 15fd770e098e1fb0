"""Table definitions, shared by the repository and the Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("token_hash", String(64), nullable=False),
    Column("learner_id", String(200), nullable=False, index=True),
    Column("scenario_id", String(64), nullable=False, index=True),
    Column("scenario_version", Integer, nullable=False),
    Column("state", JSON, nullable=False),
    Column("opening", Text, nullable=True),
    Column("exam", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("reflection", JSON, nullable=False, default=dict),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(40), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("turn_index", Integer, nullable=False),
    Column("beat_id", String(64), nullable=False),
    Column("client_before", Text, nullable=False),
    Column("reply", Text, nullable=False),
    Column("score", JSON, nullable=False),
    Column("client_after", Text, nullable=False),
    Column("temperature", Integer, nullable=False),
    Column("outcome", String(32), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # One stored answer per turn: a double submit or a race loses, nothing is stored twice.
    UniqueConstraint("session_id", "turn_index", name="uq_turn_per_session"),
)
