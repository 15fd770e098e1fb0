"""LTI 1.3: platforms, login states, the tool's key, and the launch behind a session.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lti_platforms",
        sa.Column("issuer", sa.String(300), primary_key=True),
        sa.Column("client_id", sa.String(300), primary_key=True),
        sa.Column("deployment_ids", sa.JSON, nullable=False),
        sa.Column("login_url", sa.Text, nullable=False),
        sa.Column("token_url", sa.Text, nullable=False),
        sa.Column("jwks_url", sa.Text, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "lti_states",
        sa.Column("state", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("client_id", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "lti_tool_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_pem", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("sessions", sa.Column("lti", sa.JSON, nullable=True))


def downgrade() -> None:
    op.drop_column("sessions", "lti")
    op.drop_table("lti_tool_keys")
    op.drop_table("lti_states")
    op.drop_table("lti_platforms")
