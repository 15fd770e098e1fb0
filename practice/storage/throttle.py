"""`SqlThrottle`: requests counted per bucket and unix minute, in the database, shared by every replica."""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.storage import tables

W = tables.rate_windows


class SqlThrottle:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def count(self, bucket: str, window_start: int, cost: int = 1) -> int:
        """Adds `cost` to the bucket's window and returns the new total, atomically across replicas."""
        where = (W.c.bucket == bucket) & (W.c.window_start == window_start)
        for _ in range(3):  # two replicas may both open the window; one insert wins, the other updates
            with self.engine.begin() as db:
                counted = db.execute(
                    update(W).where(where).values(count=W.c.count + cost).returning(W.c.count)
                )
                total = counted.scalar_one_or_none()
                if total is not None:
                    return int(total)
                try:
                    with db.begin_nested():
                        db.execute(insert(W).values(bucket=bucket, window_start=window_start, count=cost))
                    return cost
                except IntegrityError:
                    continue
        raise RuntimeError("could not count a request against its rate window")

    def used(self, bucket: str, window_start: int) -> int:
        where = (W.c.bucket == bucket) & (W.c.window_start == window_start)
        with self.engine.connect() as db:
            return int(db.execute(select(W.c.count).where(where)).scalar_one_or_none() or 0)

    def forget_before(self, window_start: int) -> int:
        """Drops windows older than `window_start`: only the current and the previous minute are ever read."""
        with self.engine.begin() as db:
            return int(db.execute(delete(W).where(W.c.window_start < window_start)).rowcount)
