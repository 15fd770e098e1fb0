"""Sessions and turns.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("learner_id", sa.String(200), nullable=False),
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("scenario_version", sa.Integer, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("opening", sa.Text, nullable=True),
        sa.Column("exam", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reflection", sa.JSON, nullable=False),
    )
    op.create_index("ix_sessions_learner_id", "sessions", ["learner_id"])
    op.create_index("ix_sessions_scenario_id", "sessions", ["scenario_id"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id", sa.String(40), sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("turn_index", sa.Integer, nullable=False),
        sa.Column("beat_id", sa.String(64), nullable=False),
        sa.Column("client_before", sa.Text, nullable=False),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("score", sa.JSON, nullable=False),
        sa.Column("client_after", sa.Text, nullable=False),
        sa.Column("temperature", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "turn_index", name="uq_turn_per_session"),
    )


def downgrade() -> None:
    op.drop_table("turns")
    op.drop_index("ix_sessions_scenario_id", "sessions")
    op.drop_index("ix_sessions_learner_id", "sessions")
    op.drop_table("sessions")
