"""API keys for integrations: shown once, stored as a SHA-256 hash, scoped, revocable, rate-limited."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# What a key may do. "score": the scoring API; "sessions": read any learner's sessions and results (an LMS);
# "trainer": everything a trainer may do (scenario upload, cohort results).
SCOPES = ("score", "sessions", "trainer")
DEFAULT_RATE_PER_MINUTE = 600
PREFIX = "gym"
_SHAPE = re.compile(rf"^{PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{20,64}})$")


@dataclass(frozen=True)
class ApiKey:
    id: str  # public part of the key, also its primary key
    name: str
    scopes: tuple[str, ...]
    rate_per_minute: int
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str  # the whole key as the integration sends it; never stored


class InvalidKeyRequest(ValueError):
    """A key request that cannot be honoured (unknown scope, bad name, bad rate)."""


class KeyRepository(Protocol):
    def add_key(self, key: ApiKey, secret_hash: str) -> None: ...

    def get_key(self, key_id: str) -> tuple[ApiKey, str] | None:
        """The key and its secret's hash, or None."""

    def keys(self) -> list[ApiKey]: ...

    def revoke(self, key_id_or_name: str, at: datetime) -> list[ApiKey]:
        """Revoke the key with this id, or every active key with this name; the keys revoked."""

    def count_use(self, key_id: str, window_start: int, cost: int = 1) -> int:
        """Count `cost` (a request: 1, a batch: its items) in this key's rate window; the count so far, this
        one included."""

    def used_in(self, key_id: str, window_start: int) -> int:
        """The requests counted in this key's rate window (0 for none)."""


def sliding_rate(previous: int, current: int, elapsed: float, rate: int, cost: int = 1) -> int | None:
    """A sliding one-minute window, so no burst gets twice the rate across a minute boundary: the previous
    minute's count weighs by the share of it still inside the last 60 seconds. `previous` and `current` count the
    requests of the previous and the current minute before this one, `elapsed` is the share of the minute gone,
    `cost` is what this one counts (a batch: its items). None when it is allowed now; otherwise the whole seconds
    until it would be, if no other came (at most 120: never, for a cost above the rate)."""

    def allowed(at: float) -> bool:  # `at`: minutes from the start of the current one
        if at < 1:
            return previous * (1 - at) + current + cost <= rate + 1e-9  # tolerance for float shares
        return current * max(0.0, 2 - at) + cost <= rate + 1e-9

    if allowed(elapsed):
        return None
    return next((s for s in range(1, 121) if allowed(elapsed + s / 60)), 120)


def retry_after(
    count: Callable[[int, int], int], used: Callable[[int], int], rate: int, cost: int, now: float
) -> int | None:
    """Counts `cost` in the current minute's window (first, atomically: concurrent requests and replicas never let
    more through than the rate, and a refused request counts too) and applies the sliding window: None when this
    request may pass, else the seconds until one would. `count(window, cost)` returns the window's new total,
    `used(window)` its total; with `cost` 0 nothing is counted, the window is only checked for one more."""
    window = int(now // 60)
    before = count(window, cost) - cost if cost else used(window)
    return sliding_rate(used(window - 1), before, now / 60 - window, rate, max(cost, 1))


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(name: str, scopes: list[str], rate_per_minute: int, now: datetime) -> tuple[NewKey, str]:
    """A new key and the hash to store. Raises InvalidKeyRequest with a clear message on bad input."""
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidKeyRequest("--name must be 1 to 100 characters")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise InvalidKeyRequest(
            f"--scope must be one or more of {', '.join(SCOPES)} (got {', '.join(unknown) or 'none'})"
        )
    if not 1 <= rate_per_minute <= 100_000:
        raise InvalidKeyRequest("--rate must be between 1 and 100000 requests per minute")
    key_id = secrets.token_hex(6)
    secret = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(24)}"
    key = ApiKey(key_id, name, tuple(s for s in SCOPES if s in scopes), rate_per_minute, now)
    return NewKey(key, secret), hash_secret(secret)


def key_id_of(secret: str) -> str | None:
    """The key id a presented secret claims, or None when it is not shaped like one of our keys."""
    match = _SHAPE.match(secret.strip())
    return match.group(1) if match else None


def secret_matches(secret: str, secret_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret.strip()), secret_hash)
