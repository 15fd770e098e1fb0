"""The whole HTTP API fuzzed from its own OpenAPI schema (schemathesis, in-process): whatever arrives, the
answer is never a 5xx, and every API error has the one JSON shape."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient

from api.security import API_KEY_HEADER
from practice.settings import Settings
from server.main import create_app
from tests.api.conftest import ROOT, TRAINER_TOKEN, issue_key
from tests.fakes import fake_scorer

pytestmark = pytest.mark.slow
CALLS: list[int] = []


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    settings = Settings(
        scenarios_dir=root / "scenarios",
        scenarios_check_every=0,
        data_dir=root / "data",
        trainer_token=TRAINER_TOKEN,
        max_body_bytes=50_000,
    )
    app = create_app(settings, scorer=fake_scorer())
    with TestClient(app) as client:  # runs the lifespan: the app's state stays wired for schemathesis' calls
        key = issue_key(client, ["score", "sessions"], rate=100_000)
        started = client.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"})
        headers = {API_KEY_HEADER: key, "authorization": f"Bearer {started.json()['token']}"}
        yield client, headers


def test_no_input_makes_the_api_fail(running: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = running
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # every documented endpoint, none skipped
    for operation in operations:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=60, deadline=None, suppress_health_check=list(hypothesis.HealthCheck)
        )
        def never_fails(case: Any) -> None:
            extra = dict(headers)
            if case.method.upper() == "PUT" or case.path.endswith("/problems"):
                # Trainer endpoints: fuzz what lies behind the lock, not just the lock.
                extra = {"authorization": f"Bearer {TRAINER_TOKEN}"}
            response = case.call(headers={**extra, **(case.headers or {})})
            CALLS.append(response.status_code)
            where = (case.method, case.path, response.status_code, response.text[:300])
            assert response.status_code < 500, where
            if response.status_code >= 400 and case.path.startswith("/api/"):
                error = response.json()["error"]
                assert set(error) == {"status", "code", "message", "fields"}, where
                assert error["status"] == response.status_code, where

        never_fails()
    # The fuzzing reached the handlers, not only the locks and the 404s.
    assert sum(200 <= c < 300 for c in CALLS) >= 50 and CALLS.count(422) >= 20, sorted(set(CALLS))
