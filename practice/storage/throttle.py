"""`SqlThrottle`: requests counted per bucket and unix minute, in the database, shared by every replica."""

from __future__ import annotations

from sqlalchemy import Column, Engine, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.storage import tables

W = tables.rate_windows


def count_in_window(
    engine: Engine, table: Table, key: Column[str], value: str, window_start: int, cost: int = 1
) -> int:
    """Adds `cost` to the count of (`key` = `value`, `window_start`) in a table of per-minute counts, and returns
    the new total: an update, or the insert that opens the window (two replicas may race to open it; one
    insert wins, the other updates)."""
    where = (key == value) & (table.c.window_start == window_start)
    for _ in range(3):
        with engine.begin() as db:
            counted = db.execute(
                update(table).where(where).values(count=table.c.count + cost).returning(table.c.count)
            )
            total = counted.scalar_one_or_none()
            if total is not None:
                return int(total)
            try:
                with db.begin_nested():
                    db.execute(
                        insert(table).values({key.name: value, "window_start": window_start, "count": cost})
                    )
                return cost
            except IntegrityError:
                continue
    raise RuntimeError("could not count a request against its rate window")


class SqlThrottle:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def count(self, bucket: str, window_start: int, cost: int = 1) -> int:
        """Adds `cost` to the bucket's window and returns the new total, atomically across replicas."""
        return count_in_window(self.engine, W, W.c.bucket, bucket, window_start, cost)

    def used(self, bucket: str, window_start: int) -> int:
        where = (W.c.bucket == bucket) & (W.c.window_start == window_start)
        with self.engine.connect() as db:
            return int(db.execute(select(W.c.count).where(where)).scalar_one_or_none() or 0)

    def forget_before(self, window_start: int) -> int:
        """Drops windows older than `window_start`: only the current and the previous minute are ever read."""
        with self.engine.begin() as db:
            return int(db.execute(delete(W).where(W.c.window_start < window_start)).rowcount)
