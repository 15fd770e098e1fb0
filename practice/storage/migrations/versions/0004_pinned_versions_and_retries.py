"""Pinned scenario versions, and turns that can be retried.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenario_versions",
        sa.Column("scenario_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("state_before", sa.JSON, nullable=True))
        batch.add_column(sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("moment", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("moment")
        batch.drop_column("superseded")
        batch.drop_column("state_before")
    op.drop_table("scenario_versions")
