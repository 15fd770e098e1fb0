"""`SqlOutbox`: the outbox table. Items are inserted inside the transaction that stores their event
(`insert_items`), and handed to a delivery worker under a lease so two replicas never send one at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine, func, insert, select, update

from practice.outbox import OutboxItem, Pending
from practice.storage import tables


def insert_items(db: Connection, items: Sequence[OutboxItem], now: datetime) -> None:
    if not items:
        return
    db.execute(
        insert(tables.outbox),
        [
            {
                "id": i.id,
                "kind": i.kind,
                "target": i.target,
                "payload": i.payload,
                "created_at": now,
                "attempts": 0,
                "next_attempt_at": now,
                "lease_until": None,
                "delivered_at": None,
                "last_error": None,
            }
            for i in items
        ],
    )


class SqlOutbox:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def due(self, now: datetime, limit: int) -> list[Pending]:
        t = tables.outbox
        query = (
            select(t)
            .where(t.c.next_attempt_at.is_not(None), t.c.next_attempt_at <= now)
            .where(t.c.lease_until.is_(None) | (t.c.lease_until <= now))
            .order_by(t.c.created_at, t.c.id)
            .limit(limit)
        )
        with self.engine.connect() as db:
            rows = db.execute(query).mappings().all()
        return [
            Pending(OutboxItem(r["id"], r["kind"], dict(r["payload"]), r["target"]), int(r["attempts"]))
            for r in rows
        ]

    def claim(self, item_id: str, now: datetime, lease_until: datetime) -> bool:
        t = tables.outbox
        with self.engine.begin() as db:
            taken = db.execute(
                update(t)
                .where(t.c.id == item_id, t.c.next_attempt_at.is_not(None))
                .where(t.c.lease_until.is_(None) | (t.c.lease_until <= now))
                .values(lease_until=lease_until)
            )
            return bool(taken.rowcount)

    def delivered(self, item_id: str, at: datetime) -> None:
        t = tables.outbox
        with self.engine.begin() as db:
            db.execute(
                update(t)
                .where(t.c.id == item_id)
                .values(delivered_at=at, next_attempt_at=None, lease_until=None, last_error=None)
            )

    def failed(self, item_id: str, error: str, retry_at: datetime | None) -> None:
        t = tables.outbox
        with self.engine.begin() as db:
            db.execute(
                update(t)
                .where(t.c.id == item_id)
                .values(
                    attempts=t.c.attempts + 1, last_error=error, next_attempt_at=retry_at, lease_until=None
                )
            )

    def counts(self) -> dict[str, int]:
        t = tables.outbox
        with self.engine.connect() as db:
            delivered = db.execute(
                select(func.count()).select_from(t).where(t.c.delivered_at.is_not(None))
            ).scalar_one()
            pending = db.execute(
                select(func.count()).select_from(t).where(t.c.next_attempt_at.is_not(None))
            ).scalar_one()
            total = db.execute(select(func.count()).select_from(t)).scalar_one()
        return {
            "delivered": int(delivered),
            "pending": int(pending),
            "given_up": int(total - delivered - pending),
        }
