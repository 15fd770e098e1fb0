"""API keys at the edge: scopes, revocation, rate limits, and what an LMS may read."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.security import API_KEY_HEADER
from practice.storage import tables
from tests.api.conftest import issue_key
from tests.api.test_sessions_api import start
from tests.helpers import assert_error

BODY = {"client_message": "The order was late.", "response": "So it came late."}


def test_scoring_refuses_missing_wrong_revoked_and_wrongly_scoped_keys(fake_client: TestClient) -> None:
    def score(key: str | None) -> object:
        headers = {API_KEY_HEADER: key} if key is not None else {}
        return fake_client.post("/api/v1/score", json=BODY, headers=headers)

    assert_error(score(None), 401, API_KEY_HEADER)
    assert_error(score("gym_000000000000_" + "x" * 32), 401, API_KEY_HEADER)
    assert_error(score("not-a-key"), 401, API_KEY_HEADER)
    good = issue_key(fake_client, ["score"], name="lms")
    assert score(good).status_code == 200  # type: ignore[attr-defined]
    tampered = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    assert_error(score(tampered), 401, API_KEY_HEADER)
    sessions_only = issue_key(fake_client, ["sessions"])
    assert "lacks scope 'score'" in assert_error(score(sessions_only), 403, API_KEY_HEADER)["message"]
    fake_client.app.state.keys.revoke("lms", datetime.now(UTC))  # type: ignore[attr-defined]
    assert "revoked" in assert_error(score(good), 401, API_KEY_HEADER)["message"]
    # The bearer form works too, for clients that only set Authorization.
    other = issue_key(fake_client, ["score"])
    bearer = fake_client.post("/api/v1/score", json=BODY, headers={"authorization": f"Bearer {other}"})
    assert bearer.status_code == 200


def test_keys_are_stored_hashed(fake_client: TestClient) -> None:
    secret = issue_key(fake_client, ["score"])
    engine = fake_client.app.state.keys.engine  # type: ignore[attr-defined]
    with engine.connect() as db:
        rows = db.execute(select(tables.api_keys)).mappings().all()
    assert rows and all(secret not in str(dict(r)) for r in rows)


def test_rate_limit_answers_429_with_retry_after(fake_client: TestClient) -> None:
    key = issue_key(fake_client, ["score"], rate=3)
    headers = {API_KEY_HEADER: key}
    codes = [fake_client.post("/api/v1/score", json=BODY, headers=headers).status_code for _ in range(3)]
    refused = fake_client.post("/api/v1/score", json=BODY, headers=headers)
    if codes != [200, 200, 200]:  # the minute turned between requests: the window restarted
        codes = [fake_client.post("/api/v1/score", json=BODY, headers=headers).status_code for _ in range(2)]
        refused = fake_client.post("/api/v1/score", json=BODY, headers=headers)
    error = assert_error(refused, 429, API_KEY_HEADER)
    assert "3 requests per minute" in error["message"]
    # Sliding window: three in this minute still weigh on the next, until a third of it has gone (20 to 80 s).
    assert 1 <= int(refused.headers["retry-after"]) <= 80
    # Another key is not affected.
    assert (
        fake_client.post(
            "/api/v1/score", json=BODY, headers={API_KEY_HEADER: issue_key(fake_client, ["score"])}
        ).status_code
        == 200
    )


def test_results_are_for_sessions_scoped_keys_only(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client, learner="ana")
    start(fake_client, learner="ben")
    fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "Tell me more."}, headers=auth)
    fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth)

    assert_error(fake_client.get("/api/v1/results"), 401, API_KEY_HEADER)
    score_key = issue_key(fake_client, ["score"])
    assert_error(fake_client.get("/api/v1/results", headers={API_KEY_HEADER: score_key}), 403)
    # A learner's session token is no LMS credential either.
    assert_error(fake_client.get("/api/v1/results", headers=auth), 401)

    lms = {API_KEY_HEADER: issue_key(fake_client, ["sessions"])}
    everyone = fake_client.get("/api/v1/results", headers=lms).json()["results"]
    assert {r["learner_id"] for r in everyone} == {"ana", "ben"}
    ana = fake_client.get("/api/v1/results", params={"learner_id": "ana"}, headers=lms).json()["results"]
    assert [r["session_id"] for r in ana] == [session_id]
    assert ana[0]["finished_at"] and 0 <= ana[0]["overall"] <= 1 and set(ana[0]["habits"])
    assert_error(fake_client.get("/api/v1/results", params={"limit": 0}, headers=lms), 422, "limit")


def test_trainer_endpoints_take_trainer_keys_and_refuse_others(fake_client: TestClient) -> None:
    trainer = issue_key(fake_client, ["trainer"], name="ops")
    assert fake_client.get("/api/v1/scenarios/problems", headers={API_KEY_HEADER: trainer}).status_code == 200
    assert (
        fake_client.get("/trainer/scenarios/missed-delivery", headers={API_KEY_HEADER: trainer}).status_code
        == 200
    )
    score_only = {API_KEY_HEADER: issue_key(fake_client, ["score"])}
    assert_error(fake_client.get("/api/v1/scenarios/problems", headers=score_only), 403)
    fake_client.app.state.keys.revoke("ops", datetime.now(UTC))  # type: ignore[attr-defined]
    assert_error(fake_client.get("/api/v1/scenarios/problems", headers={API_KEY_HEADER: trainer}), 401)
