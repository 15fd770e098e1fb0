"""The outbox: messages to other systems (LRS statements, gradebook scores) stored with the event that caused
them, in one transaction, then delivered with retries and backoff until the receiver has them.

Each item has a stable id (the xAPI statement id, or the session's score id): stored once, sent until
acknowledged, and a receiver that sees it twice can tell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

log = logging.getLogger("practice.outbox")


@dataclass(frozen=True)
class OutboxItem:
    id: str
    kind: str  # "xapi" or "ags"
    payload: dict[str, Any]
    target: str = ""  # where it goes when not the one configured receiver (an AGS line item)


@dataclass(frozen=True)
class Pending:
    item: OutboxItem
    attempts: int  # failed attempts so far


class DeliveryFailed(Exception):
    """The receiver did not take the item. `permanent`: retrying cannot help (a 400: the item is malformed)."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class OutboxStore(Protocol):
    def due(self, now: datetime, limit: int) -> list[Pending]: ...

    def claim(self, item_id: str, now: datetime, lease_until: datetime) -> bool:
        """Take the item for delivery unless another worker holds it; True if taken."""

    def delivered(self, item_id: str, at: datetime) -> None: ...

    def failed(self, item_id: str, error: str, retry_at: datetime | None) -> None:
        """Record a failed attempt; retry_at None means given up (kept, never deleted)."""

    def counts(self) -> dict[str, int]: ...


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float = 5.0
    max_seconds: float = 3600.0
    max_attempts: int = 50  # about two days at the cap: an LRS outage of a weekend loses nothing
    lease_seconds: float = 60.0

    def delay(self, attempts: int) -> float:
        return float(min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1)))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    given_up: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_due(
    store: OutboxStore,
    send: Callable[[OutboxItem], None],
    now: datetime,
    policy: RetryPolicy,
    limit: int = 50,
) -> DeliveryReport:
    """Send every item that is due, once each; failures are rescheduled with exponential backoff."""
    report = DeliveryReport()
    for pending in store.due(now, limit):
        item = pending.item
        if not store.claim(item.id, now, now + timedelta(seconds=policy.lease_seconds)):
            continue  # another replica is sending it
        try:
            send(item)
        except DeliveryFailed as error:
            attempts = pending.attempts + 1
            give_up = error.permanent or attempts >= policy.max_attempts
            retry_at = None if give_up else now + timedelta(seconds=policy.delay(attempts))
            store.failed(item.id, str(error)[:500], retry_at)
            report.failed += 1
            report.given_up += give_up
            report.errors.append(f"{item.kind} {item.id}: {error}")
            log.warning("outbox: %s %s not delivered (attempt %d): %s", item.kind, item.id, attempts, error)
        else:
            store.delivered(item.id, now)
            report.sent += 1
    return report
