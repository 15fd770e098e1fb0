"""Trainer views need trainer credentials: library, cohort results, transcripts, CSV export."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from tests.api.conftest import TRAINER_TOKEN, lms_headers
from tests.web.html import parse

AUTH = {"authorization": f"Bearer {TRAINER_TOKEN}"}
PAGES = [
    "/trainer",
    "/trainer/scenarios/missed-delivery",
    "/trainer/scenarios/missed-delivery/results.csv",
    "/trainer/learners/ana",
]


def play_once(client: TestClient, learner: str) -> str:
    body = client.post(
        "/api/v1/sessions",
        json={"scenario_id": "missed-delivery", "learner_id": learner},
        headers=lms_headers(client),
    ).json()
    client.post(
        f"/api/v1/sessions/{body['session_id']}/turns",
        json={"reply": "Tell me more."},
        headers={"authorization": f"Bearer {body['token']}"},
    )
    return str(body["session_id"])


def test_every_trainer_page_refuses_missing_and_wrong_credentials(fake_client: TestClient) -> None:
    session_id = play_once(fake_client, "ana")
    for path in [*PAGES, f"/trainer/sessions/{session_id}"]:
        assert fake_client.get(path).status_code == 401, path
        assert (
            fake_client.get(path, headers={"authorization": "Bearer wrong-token-wrong-token"}).status_code
            == 401
        )
        assert fake_client.get(path, headers=AUTH).status_code == 200, path


def test_library_cohort_and_transcript(fake_client: TestClient) -> None:
    first = play_once(fake_client, "ana")
    play_once(fake_client, "=cmd|' /C calc'!A0")
    library = parse(fake_client.get("/trainer", headers=AUTH).text)
    assert len(library.find("table", id="library").find_all("tr")) == 1 + 8  # header + the bundled scenarios
    assert "every file validates" in library.find("ul", id="problems").text
    cohort = parse(fake_client.get("/trainer/scenarios/missed-delivery", headers=AUTH).text)
    assert cohort.find("p", id="summary").text.startswith("2 attempts")
    assert len(cohort.find("ol", id="missed").find_all("li")) >= 1
    transcript = parse(fake_client.get(f"/trainer/sessions/{first}", headers=AUTH).text)
    assert "Tell me more." in transcript.text and transcript.find("svg", id="temperature-chart")
    rows = list(
        csv.reader(
            io.StringIO(fake_client.get("/trainer/scenarios/missed-delivery/results.csv", headers=AUTH).text)
        )
    )
    assert rows[0][:3] == ["session_id", "learner_id", "scenario_id"] and len(rows) == 3
    assert "'=cmd|' /C calc'!A0" in [r[1] for r in rows]  # no formula injection into spreadsheets
