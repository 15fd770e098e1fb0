"""Teams, their members and assignments; sessions marked private practice.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("practice", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "teams",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.String(16), sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("team_id", sa.String(16), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scenario_id", sa.String(64), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pass_mark", sa.Float, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_assignments_team_id", "assignments", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_assignments_team_id", "assignments")
    op.drop_table("assignments")
    op.drop_table("team_members")
    op.drop_table("teams")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("practice")
