"""`SqlSessionRepository`: every write is one transaction, so a crash leaves no half-written turn."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.outbox import OutboxItem
from practice.sessions.model import Cursor, Finish, Session, SessionFinished, Turn, TurnConflict
from practice.sessions.review import Correction
from practice.simulation.state import SessionState
from practice.storage import listing, reviews, tables
from practice.storage.outbox import insert_items
from practice.storage.rows import session_of


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class SqlSessionRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_session(self, session: Session, token_hash: str) -> None:
        with self.engine.begin() as db:
            db.execute(
                insert(tables.sessions).values(
                    id=session.id,
                    token_hash=token_hash,
                    learner_id=session.learner_id,
                    scenario_id=session.scenario_id,
                    scenario_version=session.scenario_version,
                    state=session.state.to_json(),
                    opening=session.opening,
                    exam=session.exam,
                    created_at=session.created_at,
                    finished_at=None,
                    reflection={},
                    lti=session.lti,
                    practice=session.practice,
                )
            )

    def get_session(self, session_id: str) -> tuple[Session, str] | None:
        with self.engine.connect() as db:
            row = (
                db.execute(select(tables.sessions).where(tables.sessions.c.id == session_id))
                .mappings()
                .first()
            )
        return (session_of(row), str(row["token_hash"])) if row else None

    def add_turn(
        self,
        session_id: str,
        turn: Turn,
        state: SessionState,
        outbox: Sequence[OutboxItem] = (),
        finish: Finish | None = None,
    ) -> None:
        try:
            with self.engine.begin() as db:
                db.execute(
                    insert(tables.turns).values(
                        session_id=session_id,
                        turn_index=turn.index,
                        beat_id=turn.beat_id,
                        client_before=turn.client_before,
                        reply=turn.reply,
                        score=turn.score,
                        client_after=turn.client_after,
                        temperature=turn.temperature,
                        outcome=turn.outcome,
                        created_at=turn.created_at,
                        moment=turn.moment,
                        state_before=turn.state_before,
                        superseded=False,
                    )
                )
                changes: dict[str, Any] = {"state": state.to_json()}
                if finish is not None:
                    changes["finished_at"] = finish.at
                open_session = (tables.sessions.c.id == session_id, tables.sessions.c.finished_at.is_(None))
                if not db.execute(update(tables.sessions).where(*open_session).values(**changes)).rowcount:
                    raise SessionFinished(f"session {session_id} has ended")  # rolls the turn back
                insert_items(db, outbox, turn.created_at)
                if finish is not None:
                    insert_items(db, finish.outbox, finish.at)
        except IntegrityError as error:
            raise TurnConflict(f"turn {turn.index} of session {session_id} is already stored") from error

    def turns(self, session_id: str, superseded: bool = False) -> list[Turn]:
        return listing.turns_by_session(self.engine, [session_id], superseded)[session_id]

    def turns_by_session(self, session_ids: Sequence[str], superseded: bool = False) -> dict[str, list[Turn]]:
        return listing.turns_by_session(self.engine, session_ids, superseded)

    def rewind(self, session_id: str, index: int, state: SessionState) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(tables.turns)
                .where(
                    tables.turns.c.session_id == session_id,
                    tables.turns.c.turn_index >= index,
                    tables.turns.c.superseded.is_(False),
                )
                .values(superseded=True)
            )
            db.execute(
                update(tables.sessions)
                .where(tables.sessions.c.id == session_id)
                .values(state=state.to_json(), finished_at=None)
            )

    def pin_scenario(self, scenario_id: str, version: int, content: dict[str, Any], at: datetime) -> None:
        row = {"scenario_id": scenario_id, "version": version, "content": content, "created_at": at}
        try:
            with self.engine.begin() as db:
                if self.pinned_scenario(scenario_id, version, db) is None:
                    db.execute(insert(tables.scenario_versions).values(**row))
        except IntegrityError:
            pass  # another request kept it first: the first kept copy stays

    def pinned_scenario(self, scenario_id: str, version: int, db: Any = None) -> dict[str, Any] | None:
        query = select(tables.scenario_versions.c.content).where(
            tables.scenario_versions.c.scenario_id == scenario_id,
            tables.scenario_versions.c.version == version,
        )
        if db is not None:
            found = db.execute(query).scalar()
        else:
            with self.engine.connect() as connection:
                found = connection.execute(query).scalar()
        return dict(found) if found is not None else None

    def finish(self, session_id: str, finished_at: datetime, outbox: Sequence[OutboxItem] = ()) -> bool:
        with self.engine.begin() as db:
            done = db.execute(
                update(tables.sessions)
                .where(tables.sessions.c.id == session_id, tables.sessions.c.finished_at.is_(None))
                .values(finished_at=finished_at)
            )
            if not done.rowcount:
                return False  # finished before: its messages went out then
            insert_items(db, outbox, finished_at)
            return True

    def save_reflection(self, session_id: str, reflection: dict[str, str]) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(tables.sessions)
                .where(tables.sessions.c.id == session_id)
                .values(reflection=reflection)
            )

    def sessions(
        self,
        learner_id: str | None = None,
        scenario_id: str | None = None,
        limit: int | None = None,
        after: Cursor | None = None,
        learners: Sequence[str] | None = None,
    ) -> list[Session]:
        return listing.sessions(self.engine, learner_id, scenario_id, limit, after, learners)

    def all_sessions(self, scenario_id: str | None = None) -> list[Session]:
        return listing.sessions(self.engine, scenario_id=scenario_id)

    def attempt_counts(self) -> dict[str, int]:
        return listing.attempt_counts(self.engine)

    def save_correction(self, correction: Correction, outbox: Sequence[OutboxItem] = ()) -> None:
        reviews.save(self.engine, correction, outbox)

    def corrections(self, session_ids: Sequence[str]) -> dict[str, dict[int, Correction]]:
        return reviews.of_sessions(self.engine, session_ids)

    def all_corrections(self) -> list[Correction]:
        return reviews.every(self.engine)
