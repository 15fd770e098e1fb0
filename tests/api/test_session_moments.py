"""A session keeps its scenario version to the end, and a trainee can go back to any moment and retry it."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from tests.api.conftest import TRAINER_TOKEN
from tests.api.test_sessions_api import start
from tests.helpers import assert_error

TRAINER = {"authorization": f"Bearer {TRAINER_TOKEN}", "content-type": "application/yaml"}


def _reply(client: TestClient, session_id: str, auth: dict[str, str], text: str) -> dict:  # type: ignore[type-arg]
    answer = client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": text}, headers=auth)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_a_session_plays_to_its_end_on_the_version_it_started_with(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    session_id, auth = start(fake_client)
    data = yaml.safe_load((scenarios_dir / "missed-delivery.yaml").read_text(encoding="utf-8"))
    old = data["version"]
    new = "NEW VERSION LINE"
    for beat in data["beats"]:
        beat["reactions"] = dict.fromkeys(
            ("understood", "partly", "rebutted", "premature_solution", "missed"), new
        )
        for point in beat["key_points"]:
            point |= {"insist": new, "correct": new}
    data["temperature"]["lines"] = [{"at_least": 0, "text": new}]
    data["version"] = old + 1
    newer = yaml.safe_dump(data, allow_unicode=True)
    uploaded = fake_client.put("/api/v1/scenarios/missed-delivery", content=newer, headers=TRAINER)
    assert uploaded.status_code == 200, uploaded.text
    for reply in ("Tell me more.", "What happened then?", "Go on."):
        body = _reply(fake_client, session_id, auth, reply)
        assert "NEW VERSION LINE" not in body["client"]["text"]
    read = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
    assert read["scenario_version"] == old
    fresh, fresh_auth = start(fake_client)
    assert (
        fake_client.get(f"/api/v1/sessions/{fresh}", headers=fresh_auth).json()["scenario_version"] == old + 1
    )
    report = fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth).json()
    assert report["scenario_id"] == "missed-delivery" and len(report["turns"]) == 3


def test_retry_this_moment_restores_the_client_and_the_debrief_shows_both_attempts(
    fake_client: TestClient,
) -> None:
    session_id, auth = start(fake_client)
    _reply(fake_client, session_id, auth, "Tell me more.")
    after_one = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
    _reply(fake_client, session_id, auth, "To be fair, the carrier caused it.")
    fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth)

    back = fake_client.post(f"/api/v1/sessions/{session_id}/rewind", json={"turn": 2}, headers=auth)
    assert back.status_code == 200, back.text
    view = back.json()
    assert [t["reply"] for t in view["turns"]] == ["Tell me more."]
    assert (view["temperature"], view["client_message"], view["finished"]) == (
        after_one["temperature"],
        after_one["client_message"],
        False,
    )
    retried = _reply(fake_client, session_id, auth, "So nobody warned you, and it was late.")
    assert retried["turn"]["index"] == 3  # a new attempt; the replaced one is kept
    report = fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth).json()
    assert [t["reply"] for t in report["turns"]] == [
        "Tell me more.",
        "So nobody warned you, and it was late.",
    ]
    assert [e["reply"] for e in report["turns"][1]["earlier"]] == ["To be fair, the carrier caused it."]
    assert report["turns"][0]["earlier"] == []


def test_retrying_a_turn_that_is_not_in_the_conversation_names_the_field(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    _reply(fake_client, session_id, auth, "Tell me more.")
    missing = fake_client.post(f"/api/v1/sessions/{session_id}/rewind", json={"turn": 5}, headers=auth)
    assert_error(missing, 404, "turn")
    assert_error(
        fake_client.post(f"/api/v1/sessions/{session_id}/rewind", json={"turn": 0}, headers=auth), 422, "turn"
    )
    assert len(fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"]) == 1


def test_a_turn_after_the_end_is_refused(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth)
    late = fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "Hello?"}, headers=auth)
    assert late.status_code == 409
    assert fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"] == []


def test_a_resubmitted_turn_gets_the_stored_turn_back_instead_of_a_second_one(
    fake_client: TestClient,
) -> None:
    session_id, auth = start(fake_client)
    url = f"/api/v1/sessions/{session_id}/turns"
    first = fake_client.post(url, json={"reply": "Tell me more.", "moment": 1}, headers=auth).json()
    again = fake_client.post(url, json={"reply": "Tell me more.", "moment": 1}, headers=auth).json()
    assert again == first and first["turn"]["moment"] == 1
    assert len(fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"]) == 1
    assert_error(fake_client.post(url, json={"reply": "Hm.", "moment": 5}, headers=auth), 409, "moment")
    second = fake_client.post(url, json={"reply": "Go on.", "moment": 2}, headers=auth).json()
    assert (second["turn"]["index"], second["turn"]["moment"]) == (2, 2)
