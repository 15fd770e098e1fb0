"""Trainers' corrections of turns: stored one per turn (the latest replaces the one before), with any scores
they change for other systems in the same transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from practice.outbox import OutboxItem
from practice.sessions.review import Correction
from practice.storage import tables
from practice.storage.outbox import insert_items
from practice.storage.rows import aware

C = tables.corrections


def save(engine: Engine, correction: Correction, outbox: Sequence[OutboxItem] = ()) -> None:
    with engine.begin() as db:
        db.execute(
            delete(C).where(C.c.session_id == correction.session_id, C.c.turn_index == correction.turn_index)
        )
        db.execute(
            insert(C).values(
                session_id=correction.session_id,
                turn_index=correction.turn_index,
                created_by=correction.by,
                created_at=correction.at,
                outcome=correction.outcome,
                comment=correction.comment,
                not_flags=list(correction.not_flags),
                captured=list(correction.captured),
            )
        )
        ids = [i.id for i in outbox]
        known = (
            set(db.execute(select(tables.outbox.c.id).where(tables.outbox.c.id.in_(ids))).scalars())
            if ids
            else set()
        )
        insert_items(
            db, [i for i in outbox if i.id not in known], correction.at
        )  # a score already sent stays once


def of_sessions(engine: Engine, session_ids: Sequence[str]) -> dict[str, dict[int, Correction]]:
    found: dict[str, dict[int, Correction]] = defaultdict(dict)
    for start in range(0, len(session_ids), 500):
        query = select(C).where(C.c.session_id.in_(session_ids[start : start + 500]))
        with engine.connect() as db:
            for row in db.execute(query).mappings():
                found[row["session_id"]][row["turn_index"]] = _correction(row)
    return {sid: found.get(sid, {}) for sid in session_ids}


def every(engine: Engine) -> list[Correction]:
    with engine.connect() as db:
        return [_correction(r) for r in db.execute(select(C).order_by(C.c.created_at)).mappings()]


def _correction(row: Any) -> Correction:
    at: datetime = aware(row["created_at"]) or row["created_at"]
    return Correction(
        row["session_id"],
        row["turn_index"],
        row["created_by"],
        at,
        row["outcome"],
        row["comment"],
        tuple(row["not_flags"]),
        tuple(row["captured"]),
    )
