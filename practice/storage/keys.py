"""`SqlKeyRepository`: API keys by id, and per-minute request counts kept in the database (so every replica
counts against the same limit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from practice.integrations.keys import ApiKey
from practice.storage import tables
from practice.storage.rows import aware
from practice.storage.throttle import count_in_window


class SqlKeyRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_key(self, key: ApiKey, secret_hash: str) -> None:
        with self.engine.begin() as db:
            db.execute(
                insert(tables.api_keys).values(
                    id=key.id,
                    name=key.name,
                    secret_hash=secret_hash,
                    scopes=list(key.scopes),
                    rate_per_minute=key.rate_per_minute,
                    created_at=key.created_at,
                    revoked_at=None,
                )
            )

    def get_key(self, key_id: str) -> tuple[ApiKey, str] | None:
        with self.engine.connect() as db:
            row = db.execute(select(tables.api_keys).where(tables.api_keys.c.id == key_id)).mappings().first()
        return (_key(row), str(row["secret_hash"])) if row else None

    def keys(self) -> list[ApiKey]:
        with self.engine.connect() as db:
            rows = db.execute(select(tables.api_keys).order_by(tables.api_keys.c.created_at)).mappings().all()
        return [_key(r) for r in rows]

    def revoke(self, key_id_or_name: str, at: datetime) -> list[ApiKey]:
        t = tables.api_keys
        with self.engine.begin() as db:
            match = (t.c.id == key_id_or_name) | (t.c.name == key_id_or_name)
            ids = [r[0] for r in db.execute(select(t.c.id).where(match, t.c.revoked_at.is_(None)))]
            if ids:
                db.execute(update(t).where(t.c.id.in_(ids)).values(revoked_at=at))
            rows = db.execute(select(t).where(t.c.id.in_(ids))).mappings().all()
        return [_key(r) for r in rows]

    def count_use(self, key_id: str, window_start: int, cost: int = 1) -> int:
        t = tables.api_key_usage
        return count_in_window(self.engine, t, t.c.key_id, key_id, window_start, cost)

    def used_in(self, key_id: str, window_start: int) -> int:
        t = tables.api_key_usage
        where = (t.c.key_id == key_id) & (t.c.window_start == window_start)
        with self.engine.connect() as db:
            return int(db.execute(select(t.c.count).where(where)).scalar_one_or_none() or 0)


def _key(row: object) -> ApiKey:
    r = dict(row)  # type: ignore[call-overload]
    return ApiKey(
        id=r["id"],
        name=r["name"],
        scopes=tuple(r["scopes"]),
        rate_per_minute=int(r["rate_per_minute"]),
        created_at=aware(r["created_at"]) or r["created_at"],
        revoked_at=aware(r["revoked_at"]),
    )
