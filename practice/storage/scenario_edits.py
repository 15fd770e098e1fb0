"""`SqlEditRepository`: the scenario editor's drafts and the text of published versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.scenarios.drafts import Draft, Published
from practice.storage import tables
from practice.storage.rows import aware

D, P = tables.scenario_drafts, tables.scenario_texts


class SqlEditRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def draft(self, scenario_id: str) -> Draft | None:
        with self.engine.connect() as db:
            row = db.execute(select(D).where(D.c.scenario_id == scenario_id)).mappings().first()
        return _draft(row) if row is not None and row["text"] is not None else None

    def drafts(self) -> list[Draft]:
        query = select(D).where(D.c.text.is_not(None)).order_by(D.c.scenario_id)
        with self.engine.connect() as db:
            return [_draft(r) for r in db.execute(query).mappings()]

    def save_draft(self, scenario_id: str, text: str, by: str, at: datetime) -> Draft:
        values = {"text": text, "updated_at": at, "updated_by": by}
        for _ in range(3):  # two first saves at once: one inserts, the other updates
            with self.engine.begin() as db:
                done = db.execute(
                    update(D)
                    .where(D.c.scenario_id == scenario_id)
                    .values(revision=D.c.revision + 1, **values)
                )
                if not done.rowcount:
                    try:
                        db.execute(insert(D).values(scenario_id=scenario_id, revision=1, **values))
                    except IntegrityError:
                        continue
            found = self.draft(scenario_id)
            if found is not None:
                return found
        raise RuntimeError(f"could not save the draft of {scenario_id!r}")

    def drop_draft(self, scenario_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(D).where(D.c.scenario_id == scenario_id).values(text=None))

    def record(self, published: Published) -> None:
        try:
            with self.engine.begin() as db:
                db.execute(
                    insert(P).values(
                        scenario_id=published.scenario_id,
                        version=published.version,
                        text=published.text,
                        published_at=published.published_at,
                        published_by=published.published_by,
                    )
                )
        except IntegrityError:
            pass  # recorded before: the first text of a version stays

    def history(self, scenario_id: str) -> list[Published]:
        query = select(P).where(P.c.scenario_id == scenario_id).order_by(P.c.version.desc())
        with self.engine.connect() as db:
            return [_published(r) for r in db.execute(query).mappings()]

    def published(self, scenario_id: str, version: int) -> Published | None:
        query = select(P).where(P.c.scenario_id == scenario_id, P.c.version == version)
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        return _published(row) if row is not None else None


def _draft(row: Any) -> Draft:
    return Draft(
        row["scenario_id"], row["text"], row["revision"], aware(row["updated_at"]), row["updated_by"]
    )


def _published(row: Any) -> Published:
    return Published(
        row["scenario_id"],
        row["version"],
        row["text"],
        aware(row["published_at"]),
        row["published_by"],
    )
