"""The SQL repository on SQLite: migrations, one stored answer per turn, atomic writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from practice.sessions.model import Session, Turn, TurnConflict
from practice.simulation.state import SessionState
from practice.storage import tables
from practice.storage.migrate import upgrade
from practice.storage.sql import SqlSessionRepository, make_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlSessionRepository]:
    """The same repository code on both databases."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'gym.db'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
    upgrade(engine)
    upgrade(engine)  # idempotent
    _empty(engine)  # the PostgreSQL server is shared by the test session: start and leave it empty
    yield SqlSessionRepository(engine)
    _empty(engine)
    engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as db:
        db.execute(tables.turns.delete())
        db.execute(tables.sessions.delete())


def session(session_id: str = "s1", learner: str = "ana") -> Session:
    state = SessionState("missed-delivery", 1, temperature=75, history=(75,))
    return Session(session_id, learner, "missed-delivery", 1, state, "Hello?", False, datetime.now(UTC))


def turn(index: int, reply: str = "So it was late.") -> Turn:
    return Turn(
        index,
        "the-delay",
        "Hello?",
        reply,
        {"understanding": 0.5, "flags": []},
        "Yes.",
        60,
        "partly",
        datetime.now(UTC),
    )


def test_schema_is_created_by_migrations(repo: SqlSessionRepository) -> None:
    assert {"sessions", "turns", "alembic_version"} <= set(inspect(repo.engine).get_table_names())


def test_round_trip(repo: SqlSessionRepository) -> None:
    repo.add_session(session(), "hash")
    new_state = session().state.evolve(turns=1, temperature=60, history=(75, 60))
    repo.add_turn("s1", turn(1), new_state)
    stored, token_hash = repo.get_session("s1")  # type: ignore[misc]
    assert token_hash == "hash" and stored.state == new_state and stored.opening == "Hello?"
    assert repo.turns("s1")[0].reply == "So it was late."
    assert [s.id for s in repo.sessions_of("ana")] == ["s1"] and repo.sessions_of("bob") == []


def test_a_second_answer_to_the_same_turn_is_refused_and_changes_nothing(repo: SqlSessionRepository) -> None:
    repo.add_session(session(), "hash")
    first = session().state.evolve(turns=1, temperature=60)
    repo.add_turn("s1", turn(1), first)
    with pytest.raises(TurnConflict):
        repo.add_turn("s1", turn(1, "a double submit"), first.evolve(temperature=99))
    stored, _ = repo.get_session("s1")  # type: ignore[misc]
    assert stored.state.temperature == 60  # the losing write left no trace
    assert [t.reply for t in repo.turns("s1")] == ["So it was late."]


def test_finish_is_set_once(repo: SqlSessionRepository) -> None:
    repo.add_session(session(), "hash")
    first = datetime(2026, 1, 1, tzinfo=UTC)
    repo.finish("s1", first)
    repo.finish("s1", datetime(2027, 1, 1, tzinfo=UTC))
    assert repo.get_session("s1")[0].finished_at == first  # type: ignore[index]
