"""`SqlSessionRepository`: every write is one transaction, so a crash leaves no half-written turn."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.integrations.outbox import OutboxItem
from practice.sessions.model import Finish, Session, SessionFinished, Turn, TurnConflict
from practice.simulation.state import SessionState
from practice.storage import tables
from practice.storage.outbox import insert_items


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


def aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


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
                )
            )

    def get_session(self, session_id: str) -> tuple[Session, str] | None:
        with self.engine.connect() as db:
            row = (
                db.execute(select(tables.sessions).where(tables.sessions.c.id == session_id))
                .mappings()
                .first()
            )
        return (self._session(row), str(row["token_hash"])) if row else None

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
        query = (
            select(tables.turns)
            .where(tables.turns.c.session_id == session_id)
            .order_by(tables.turns.c.turn_index)
        )
        if not superseded:
            query = query.where(tables.turns.c.superseded.is_(False))
        with self.engine.connect() as db:
            rows = db.execute(query).mappings().all()
        return [
            Turn(
                r["turn_index"],
                r["beat_id"],
                r["client_before"],
                r["reply"],
                dict(r["score"]),
                r["client_after"],
                r["temperature"],
                r["outcome"],
                aware(r["created_at"]) or datetime.now(UTC),
                r["moment"] or r["turn_index"],
                dict(r["state_before"]) if r["state_before"] else None,
                bool(r["superseded"]),
            )
            for r in rows
        ]

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

    def sessions_of(self, learner_id: str) -> list[Session]:
        return self._sessions(tables.sessions.c.learner_id == learner_id)

    def all_sessions(self, scenario_id: str | None = None) -> list[Session]:
        return self._sessions(tables.sessions.c.scenario_id == scenario_id if scenario_id else None)

    def _sessions(self, condition: Any) -> list[Session]:
        query = select(tables.sessions).order_by(tables.sessions.c.created_at.desc())
        if condition is not None:
            query = query.where(condition)
        with self.engine.connect() as db:
            return [self._session(r) for r in db.execute(query).mappings().all()]

    @staticmethod
    def _session(row: Any) -> Session:
        return Session(
            id=row["id"],
            learner_id=row["learner_id"],
            scenario_id=row["scenario_id"],
            scenario_version=row["scenario_version"],
            state=SessionState.from_json(dict(row["state"])),
            opening=row["opening"],
            exam=bool(row["exam"]),
            created_at=aware(row["created_at"]) or datetime.now(UTC),
            finished_at=aware(row["finished_at"]),
            reflection=dict(row["reflection"] or {}),
            lti=dict(row["lti"]) if row["lti"] else None,
        )
