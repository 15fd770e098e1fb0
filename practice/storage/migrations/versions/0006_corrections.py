"""Trainers' corrections of turns.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column(
            "session_id", sa.String(40), sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("turn_index", sa.Integer, primary_key=True),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("not_flags", sa.JSON, nullable=False),
        sa.Column("captured", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("corrections")
