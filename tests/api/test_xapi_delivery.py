"""xAPI end to end on loopback: statements wait in the outbox through an LRS outage and a restart, then arrive
once each, valid, with Basic auth."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

from practice.integrations.xapi import VERBS
from practice.settings import Settings
from tests.api.test_sessions_api import fake_app, start
from tests.lrs import StandInLrs
from tests.xapi_spec import violations


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def lrs_settings(lrs: StandInLrs, scenarios_dir: Path, data_dir: Path) -> Settings:
    return Settings(
        scenarios_dir=scenarios_dir,
        scenarios_check_every=0,
        data_dir=data_dir,
        public_url="https://gym.example.org",
        lrs_endpoint=lrs.url,
        lrs_username="lrs-user",
        lrs_password=SecretStr("lrs-secret"),
        outbox_poll_seconds=0.05,
        outbox_retry_base_seconds=0.05,
        outbox_retry_max_seconds=0.2,
    )


def play(client: TestClient) -> str:
    session_id, auth = start(client, learner="learner-42")
    for reply in ("So the units came late and nobody told you.", "What would help most now?"):
        assert client.post(
            f"/api/v1/sessions/{session_id}/turns", json={"reply": reply}, headers=auth
        ).is_success
    assert client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth).is_success
    return session_id


def test_an_lrs_outage_and_a_restart_lose_nothing_and_send_nothing_twice(
    scenarios_dir: Path, tmp_path: Path
) -> None:
    with StandInLrs() as lrs:
        settings = lrs_settings(lrs, scenarios_dir, tmp_path / "data")
        lrs.down = True
        with fake_app(settings) as app:
            play(app)
            wait_for(lambda: lrs.requests >= 8)  # the worker kept trying through the outage
            outbox = app.app.state.outbox  # type: ignore[attr-defined]
            assert outbox.counts() == {"delivered": 0, "pending": 4, "given_up": 0}
        assert lrs.statements == {}
        lrs.down = False
        with fake_app(settings) as restarted:  # the outbox is in the database, not in the process
            outbox = restarted.app.state.outbox  # type: ignore[attr-defined]
            wait_for(lambda: outbox.counts()["delivered"] == 4)
            time.sleep(0.3)  # a few more worker rounds: nothing is sent again
            assert outbox.counts() == {"delivered": 4, "pending": 0, "given_up": 0}
    assert lrs.refused == []
    assert len(lrs.statements) == 4 and set(lrs.stored.values()) == {1}
    verbs = sorted(s["verb"]["id"] for s in lrs.statements.values())
    assert verbs.count(VERBS["scored"]) == 2 and VERBS["completed"] in verbs
    assert {VERBS["passed"], VERBS["failed"]} & set(verbs)
    for statement in lrs.statements.values():
        assert violations(statement) == []
        assert statement["actor"]["account"] == {"homePage": "https://gym.example.org", "name": "learner-42"}


def test_a_statement_the_lrs_rejects_is_kept_and_reported_not_retried_forever(
    scenarios_dir: Path, tmp_path: Path
) -> None:
    with StandInLrs(password="something-else") as lrs:  # our credentials are wrong: 401 on every try
        settings = lrs_settings(lrs, scenarios_dir, tmp_path / "data")
        settings = settings.model_copy(update={"outbox_max_attempts": 3})
        with fake_app(settings) as app:
            play(app)
            outbox = app.app.state.outbox  # type: ignore[attr-defined]
            wait_for(lambda: outbox.counts()["given_up"] == 4)
        assert lrs.statements == {}
        assert lrs.requests == 12  # three tries each, then kept for an operator to look at
