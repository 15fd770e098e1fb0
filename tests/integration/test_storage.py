"""The SQL repository on SQLite: migrations, one stored answer per turn, atomic writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from practice.accounts.model import AccountError
from practice.accounts.service import (
    accept_invite,
    authenticate,
    create_user,
    invite,
    platform_user,
    sign_in,
    sign_out,
    signed_in_user,
)
from practice.integrations.keys import create_key
from practice.outbox import DeliveryFailed, OutboxItem, RetryPolicy, deliver_due
from practice.sessions.model import Finish, Session, SessionFinished, Turn, TurnConflict
from practice.simulation.state import SessionState
from practice.storage import tables
from practice.storage.accounts import SqlAccountRepository
from practice.storage.keys import SqlKeyRepository
from practice.storage.migrate import upgrade
from practice.storage.outbox import SqlOutbox
from practice.storage.sql import SqlSessionRepository, make_engine
from practice.storage.throttle import SqlThrottle


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
        for table in (
            tables.turns,
            tables.sessions,
            tables.outbox,
            tables.api_keys,
            tables.api_key_usage,
            tables.scenario_versions,
            tables.sign_ins,
            tables.invites,
            tables.users,
            tables.rate_windows,
        ):
            db.execute(table.delete())


def session(session_id: str = "s1", learner: str = "ana") -> Session:
    state = SessionState("missed-delivery", 1, temperature=75, history=(75,))
    return Session(session_id, learner, "missed-delivery", 1, state, "Hello?", False, datetime.now(UTC))


def turn(index: int, reply: str = "So it was late.", state_before: SessionState | None = None) -> Turn:
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
        moment=index,
        state_before=state_before.to_json() if state_before else None,
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
    assert [s.id for s in repo.sessions(learner_id="ana")] == ["s1"] and repo.sessions(learner_id="bob") == []


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
    done = OutboxItem("done-1", "xapi", {"verb": "completed"})
    assert repo.finish("s1", first, [done]) is True
    assert repo.finish("s1", datetime(2027, 1, 1, tzinfo=UTC), [done]) is False  # and no duplicate row
    assert repo.get_session("s1")[0].finished_at == first  # type: ignore[index]


def item(n: int) -> OutboxItem:
    return OutboxItem(f"item-{n}", "xapi", {"n": n})


def test_outbox_items_are_stored_with_their_turn_or_not_at_all(repo: SqlSessionRepository) -> None:
    outbox = SqlOutbox(repo.engine)
    repo.add_session(session(), "hash")
    state = session().state.evolve(turns=1)
    repo.add_turn("s1", turn(1), state, [item(1)])
    with pytest.raises(TurnConflict):  # the losing double submit brings no statement with it
        repo.add_turn("s1", turn(1, "again"), state, [item(2)])
    now = datetime.now(UTC)
    assert [p.item for p in outbox.due(now, 10)] == [item(1)]


def test_outbox_retries_with_backoff_and_delivers_once(repo: SqlSessionRepository) -> None:
    outbox = SqlOutbox(repo.engine)
    repo.add_session(session(), "hash")
    repo.add_turn("s1", turn(1), session().state.evolve(turns=1), [item(1), item(2)])
    sent: list[str] = []
    failing = {"item-2"}

    def send(it: OutboxItem) -> None:
        if it.id in failing:
            raise DeliveryFailed("LRS answered 503")
        sent.append(it.id)

    policy = RetryPolicy(base_seconds=10, max_seconds=60, max_attempts=5)
    t0 = datetime.now(UTC)
    report = deliver_due(outbox, send, t0, policy)
    assert (report.sent, report.failed) == (1, 1) and sent == ["item-1"]
    from datetime import timedelta

    assert outbox.due(t0 + timedelta(seconds=9), 10) == []  # not before the backoff has passed
    again = outbox.due(t0 + timedelta(seconds=10), 10)
    assert [(p.item.id, p.attempts) for p in again] == [("item-2", 1)]
    deliver_due(outbox, send, t0 + timedelta(seconds=10), policy)  # fails again: next wait doubles
    assert outbox.due(t0 + timedelta(seconds=29), 10) == []
    failing.clear()
    deliver_due(outbox, send, t0 + timedelta(seconds=30), policy)
    deliver_due(outbox, send, t0 + timedelta(days=1), policy)  # nothing left to send
    assert sent == ["item-1", "item-2"]
    assert outbox.counts() == {"delivered": 2, "pending": 0, "given_up": 0}


def test_a_claimed_item_is_not_sent_by_another_worker(repo: SqlSessionRepository) -> None:
    outbox = SqlOutbox(repo.engine)
    repo.add_session(session(), "hash")
    repo.add_turn("s1", turn(1), session().state.evolve(turns=1), [item(1)])
    from datetime import timedelta

    now = datetime.now(UTC)
    assert outbox.claim("item-1", now, now + timedelta(seconds=60))
    assert not outbox.claim("item-1", now, now + timedelta(seconds=60))  # the other replica backs off
    assert outbox.due(now, 10) == []
    assert outbox.claim("item-1", now + timedelta(seconds=61), now + timedelta(seconds=120))  # lease ran out


def test_keys_revoke_and_count_per_minute(repo: SqlSessionRepository) -> None:
    keys = SqlKeyRepository(repo.engine)
    now = datetime.now(UTC)
    new, secret_hash = create_key("lms", ["score", "sessions"], 60, now)
    keys.add_key(new.key, secret_hash)
    stored, stored_hash = keys.get_key(new.key.id)  # type: ignore[misc]
    assert stored.scopes == ("score", "sessions") and stored_hash == secret_hash and stored.active
    assert [keys.count_use(new.key.id, 1000) for _ in range(3)] == [1, 2, 3]
    assert keys.count_use(new.key.id, 1001) == 1  # a new minute, a new window
    assert keys.count_use(new.key.id, 1002, 5) == 5  # a batch of five counts five
    assert keys.count_use(new.key.id, 1002, 3) == 8 and keys.used_in(new.key.id, 1002) == 8
    assert [k.id for k in keys.revoke("lms", now)] == [new.key.id]
    assert keys.revoke("lms", now) == []  # already revoked
    assert not keys.get_key(new.key.id)[0].active  # type: ignore[index]


def test_accounts_sign_ins_invites_and_throttle_windows(repo: SqlSessionRepository) -> None:
    accounts = SqlAccountRepository(repo.engine)
    now = datetime.now(UTC)
    tina = create_user(accounts, "tina", "Tina T", "trainer", "a long enough password", now)
    with pytest.raises(AccountError):
        create_user(accounts, "TINA", "Another", "learner", "a long enough password", now)
    assert authenticate(accounts, "Tina", "a long enough password") == tina
    assert authenticate(accounts, "tina", "the wrong password") is None
    token = sign_in(accounts, tina, now, days=1)
    assert signed_in_user(accounts, token, now) == tina
    assert signed_in_user(accounts, token, now + timedelta(days=2)) is None  # expired
    sign_out(accounts, token)
    assert signed_in_user(accounts, token, now) is None
    link = invite(accounts, tina, "learner", now)
    lena = accept_invite(accounts, link, "lena", "Lena", "another long password", now)
    assert accounts.user(lena.id) == lena and lena.role == "learner"
    with pytest.raises(AccountError, match="unknown, used or expired"):
        accept_invite(accounts, link, "lena2", "Lena again", "another long password", now)
    assert platform_user(accounts, "lti-abc", "Pat", now) == platform_user(accounts, "lti-abc", "Pat", now)
    assert [u.username for u in accounts.users()] == ["lena", "lti-abc", "tina"]
    throttle = SqlThrottle(repo.engine)
    assert [throttle.count("starts:10.0.0.1", 500) for _ in range(3)] == [1, 2, 3]
    assert throttle.count("starts:10.0.0.1", 500, cost=5) == 8 and throttle.used("starts:10.0.0.2", 500) == 0
    throttle.count("starts:10.0.0.1", 499)
    assert throttle.forget_before(500) == 1 and throttle.used("starts:10.0.0.1", 500) == 8


def _item(item_id: str) -> OutboxItem:
    return OutboxItem(item_id, "xapi", {"id": item_id})


def test_a_turn_that_ends_the_session_stores_turn_state_items_and_finish_together(
    repo: SqlSessionRepository,
) -> None:
    repo.add_session(session(), "hash")
    ended = SessionState("missed-delivery", 1, temperature=20, phase="ended", ending="resolved")
    at = datetime.now(UTC)
    repo.add_turn("s1", turn(1), ended, [_item("t1")], Finish(at, [_item("done")]))
    stored, _ = repo.get_session("s1")  # type: ignore[misc]
    assert stored.finished_at is not None and stored.state.ending == "resolved"
    with pytest.raises(SessionFinished):
        repo.add_turn("s1", turn(2), ended, [_item("t2")])
    assert [t.index for t in repo.turns("s1")] == [1]  # the late turn and its item were rolled back
    with repo.engine.connect() as db:
        assert sorted(r.id for r in db.execute(tables.outbox.select())) == ["done", "t1"]


def test_rewind_keeps_earlier_attempts_restores_the_state_and_reopens(repo: SqlSessionRepository) -> None:
    repo.add_session(session(), "hash")
    first = SessionState("missed-delivery", 1, temperature=75, history=(75,))
    second = first.evolve(temperature=60, turns=1)
    repo.add_turn("s1", turn(1, state_before=first), second)
    repo.add_turn("s1", turn(2, state_before=second), second.evolve(turns=2), (), Finish(datetime.now(UTC)))
    repo.rewind("s1", 2, second)
    stored, _ = repo.get_session("s1")  # type: ignore[misc]
    assert stored.finished_at is None and stored.state == second
    assert [t.index for t in repo.turns("s1")] == [1]
    assert [(t.index, t.superseded) for t in repo.turns("s1", superseded=True)] == [(1, False), (2, True)]
    assert SessionState.from_json(repo.turns("s1", superseded=True)[1].state_before or {}) == second


def test_a_pinned_scenario_version_is_kept_once(repo: SqlSessionRepository) -> None:
    at = datetime.now(UTC)
    repo.pin_scenario("missed-delivery", 1, {"title": "first"}, at)
    repo.pin_scenario("missed-delivery", 1, {"title": "changed on disk"}, at)
    repo.pin_scenario("missed-delivery", 2, {"title": "second"}, at)
    assert repo.pinned_scenario("missed-delivery", 1) == {"title": "first"}
    assert repo.pinned_scenario("missed-delivery", 2) == {"title": "second"}
    assert repo.pinned_scenario("missed-delivery", 3) is None
