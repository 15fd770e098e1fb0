"""NUL characters are refused with 422 wherever they arrive, before any database sees them (issue 13, finding 9)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TRAINER_TOKEN
from tests.api.test_sessions_api import start
from tests.helpers import assert_error
from tests.web.html import parse


def test_nul_in_a_learner_id_a_reply_or_an_address_is_422_and_stores_nothing(fake_client: TestClient) -> None:
    started = fake_client.post(
        "/api/v1/sessions", json={"scenario_id": "missed-delivery", "learner_id": "a\u0000b"}
    )
    assert_error(started, 422, "body")
    session_id, auth = start(fake_client)
    sent = fake_client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"reply": "so\u0000late"}, headers=auth
    )
    assert_error(sent, 422, "body")
    assert fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"] == []
    assert_error(fake_client.get("/api/v1/sessions/ab%00cd", headers=auth), 422, "path")
    assert_error(fake_client.get("/api/v1/scenarios?x=%00"), 422, "path")


@pytest.mark.parametrize("body", [b"reply=so%00late", b"reply=so\x00late"], ids=["percent-encoded", "raw"])
def test_nul_in_a_form_is_422(fake_client: TestClient, body: bytes) -> None:
    response = fake_client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
    session_path = response.headers["location"]
    sent = fake_client.post(
        session_path, content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert sent.status_code == 422
    assert parse(fake_client.get(session_path).text).find_all("li", class_="you") == []


def test_nul_in_an_uploaded_scenario_is_422(fake_client: TestClient) -> None:
    headers = {"authorization": f"Bearer {TRAINER_TOKEN}", "content-type": "application/yaml"}
    assert_error(
        fake_client.put("/api/v1/scenarios/nul", content=b"format: 1\x00", headers=headers), 422, "body"
    )


def test_a_percent_sign_in_a_json_reply_is_not_taken_for_a_nul(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    sent = fake_client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"reply": "up 100%00 now"}, headers=auth
    )
    assert sent.status_code == 200
