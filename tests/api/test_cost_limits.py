"""What a request may cost: the texts it expands into, and what it counts against an API key's rate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.security import API_KEY_HEADER
from practice.scoring.limits import MAX_TEXTS_PER_CALL
from practice.settings import Settings
from server.main import create_app
from tests.api.conftest import BrowserClient, issue_key
from tests.api.test_sessions_api import start
from tests.fakes import fake_scorer
from tests.helpers import assert_error
from tests.worst import worst_batch

GOOD = {"client_message": "It was late and nobody told us.", "response": "So it came late without warning?"}


@pytest.fixture
def roomy_client(scenarios_dir: Path) -> Iterator[TestClient]:
    """The fake-encoder app with the default body cap (1 MB), room for the costliest batches."""
    settings = Settings(scenarios_dir=scenarios_dir, data_dir=scenarios_dir.parent / "data")
    with TestClient(create_app(settings, scorer=fake_scorer())) as client:
        client.headers[API_KEY_HEADER] = issue_key(client, ["score"], rate=10_000)
        yield client


def test_a_batch_past_the_text_cap_is_422_naming_items(roomy_client: TestClient) -> None:
    error = assert_error(roomy_client.post("/api/v1/score/batch", json=worst_batch(23)), 422, "items")
    assert error["code"] == "too_large"
    assert f"at most {MAX_TEXTS_PER_CALL}" in error["message"] and "4140 texts" in error["message"]
    results = roomy_client.post("/api/v1/score/batch", json=worst_batch(22)).json()["results"]
    assert len(results) == 22


def test_a_batch_counts_each_item_against_the_rate(fake_client: TestClient) -> None:
    headers = {API_KEY_HEADER: issue_key(fake_client, ["score"], rate=10)}
    batch = {"items": [GOOD] * 4}
    assert fake_client.post("/api/v1/score/batch", json=batch, headers=headers).status_code == 200  # 4
    assert fake_client.post("/api/v1/score/batch", json=batch, headers=headers).status_code == 200  # 8
    refused = fake_client.post("/api/v1/score/batch", json=batch, headers=headers)  # 12 > 10
    error = assert_error(refused, 429, API_KEY_HEADER)
    assert "10 requests per minute (a batch counts one per item)" in error["message"]
    assert int(refused.headers["retry-after"]) >= 1
    assert_error(fake_client.post("/api/v1/score", json=GOOD, headers=headers), 429, API_KEY_HEADER)
    # Another key of the same rate has all of it: 10 single calls.
    other = {API_KEY_HEADER: issue_key(fake_client, ["score"], rate=10)}
    codes = [fake_client.post("/api/v1/score", json=GOOD, headers=other).status_code for _ in range(11)]
    assert codes == [200] * 10 + [429]


def test_a_batch_larger_than_the_keys_whole_rate_is_413_and_costs_nothing(fake_client: TestClient) -> None:
    headers = {API_KEY_HEADER: issue_key(fake_client, ["score"], rate=3)}
    error = assert_error(
        fake_client.post("/api/v1/score/batch", json={"items": [GOOD] * 4}, headers=headers), 413, "items"
    )
    assert "allows 3 items a minute, this batch has 4" in error["message"]
    codes = [fake_client.post("/api/v1/score", json=GOOD, headers=headers).status_code for _ in range(3)]
    assert codes == [200, 200, 200]


def test_a_batch_without_a_key_is_401_before_its_body_is_looked_at(fake_client: TestClient) -> None:
    assert_error(fake_client.post("/api/v1/score/batch", json={}), 401, API_KEY_HEADER)


def test_a_reply_past_the_cap_on_the_play_page_is_422_naming_reply(fake_client: BrowserClient) -> None:
    session_id, auth = start(fake_client)
    refused = fake_client.post(f"/play/{session_id}", data={"reply": "x" * 4001}, headers=auth)
    error = assert_error(refused, 422, "reply")
    assert error["code"] == "too_large" and "4001 characters; at most 4000" in error["message"]
    turns = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"]
    assert turns == []
    fake_client.post(f"/play/{session_id}", data={"reply": "x " * 2000}, headers=auth)  # 3,999 after strip
    assert len(fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"]) == 1
