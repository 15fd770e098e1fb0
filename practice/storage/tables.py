"""Table definitions, shared by the repository and the Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
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
    # The LTI launch that started it (issuer, client id, user, line item), so its score can go back.
    Column("lti", JSON, nullable=True),
    Column("practice", Boolean, nullable=False, default=False),
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
    # Retry this moment: the client's state before the reply (to go back to), whether a later retry replaced
    # this attempt, and its place in the conversation (replies before it, plus one).
    Column("state_before", JSON, nullable=True),
    Column("superseded", Boolean, nullable=False, default=False),
    Column("moment", Integer, nullable=True),
    # One stored answer per turn: a double submit or a race loses, nothing is stored twice.
    UniqueConstraint("session_id", "turn_index", name="uq_turn_per_session"),
)

# Every scenario version a session was started on, whole: a session plays to its end on its own version.
scenario_versions = Table(
    "scenario_versions",
    metadata,
    Column("scenario_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("content", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Integrations: API keys (hashed), their rate windows, and the outbox of messages to LRS and gradebooks.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("scopes", JSON, nullable=False),
    Column("rate_per_minute", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

api_key_usage = Table(
    "api_key_usage",
    metadata,
    Column("key_id", String(16), primary_key=True),
    Column("window_start", Integer, primary_key=True),  # unix minute
    Column("count", Integer, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column(
        "next_attempt_at", DateTime(timezone=True), nullable=True, index=True
    ),  # null: delivered or given up
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("last_error", Text, nullable=True),
)

# LTI 1.3: registered platforms, one-time login states, and the tool's own signing key.
lti_platforms = Table(
    "lti_platforms",
    metadata,
    Column("issuer", String(300), primary_key=True),
    Column("client_id", String(300), primary_key=True),
    Column("deployment_ids", JSON, nullable=False),
    Column("login_url", Text, nullable=False),
    Column("token_url", Text, nullable=False),
    Column("jwks_url", Text, nullable=False),
    Column("name", String(200), nullable=False),
)

lti_states = Table(
    "lti_states",
    metadata,
    Column("state", String(64), primary_key=True),
    Column("nonce", String(64), nullable=False),
    Column("issuer", String(300), nullable=False),
    Column("client_id", String(300), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

lti_tool_keys = Table(
    "lti_tool_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_pem", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# People: accounts, their server-side sign-ins (only the token's SHA-256 is kept) and one-time invites.
users = Table(
    "users",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("username", String(40), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("role", String(16), nullable=False),
    Column("learner_id", String(200), nullable=False, unique=True),
    Column("origin", String(16), nullable=False),
    Column("password_hash", String(200), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sign_ins = Table(
    "sign_ins",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(16), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

invites = Table(
    "invites",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("created_by", String(16), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

# Per-client throttles: requests counted per bucket ("starts:<client>", ...) per unix minute, in the database so
# that every replica counts against the same limit.
rate_windows = Table(
    "rate_windows",
    metadata,
    Column("bucket", String(120), primary_key=True),
    Column("window_start", Integer, primary_key=True),
    Column("count", Integer, nullable=False),
)

# Trainers' reviews of turns: one per turn (the latest), applied when the session is graded.
corrections = Table(
    "corrections",
    metadata,
    Column("session_id", String(40), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("turn_index", Integer, primary_key=True),
    Column("created_by", String(120), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("comment", Text, nullable=False),
    Column("not_flags", JSON, nullable=False),
    Column("captured", JSON, nullable=False),
)

# Teams of learners and the scenarios assigned to them.
teams = Table(
    "teams",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

team_members = Table(
    "team_members",
    metadata,
    Column("team_id", String(16), ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", String(16), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

assignments = Table(
    "assignments",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("team_id", String(16), ForeignKey("teams.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("scenario_id", String(64), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=True),
    Column("pass_mark", Float, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The scenario editor: one draft per scenario (its text NULL once published; the row keeps the revision count,
# so a preview's pinned version -revision is never reused), and the text of every published version.
scenario_drafts = Table(
    "scenario_drafts",
    metadata,
    Column("scenario_id", String(64), primary_key=True),
    Column("text", Text, nullable=True),
    Column("revision", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(120), nullable=False),
)

scenario_texts = Table(
    "scenario_texts",
    metadata,
    Column("scenario_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(120), nullable=False),
)
