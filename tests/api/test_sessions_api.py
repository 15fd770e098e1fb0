"""Sessions over HTTP: start, reply, read, finish; tokens keep one trainee out of another's session."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from practice.settings import Settings
from server.main import create_app
from tests.api.conftest import lms_headers
from tests.fakes import fake_scorer
from tests.helpers import assert_error


def start(client: TestClient, learner: str | None = "ana", exam: bool = False) -> tuple[str, dict[str, str]]:
    """A session of `learner`, named as an LMS names them (with a `sessions` key); None starts it anonymously."""
    body: dict[str, object] = {"scenario_id": "missed-delivery", "exam": exam}
    if learner is not None:
        body["learner_id"] = learner
    response = client.post("/api/v1/sessions", json=body, headers=lms_headers(client) if learner else {})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["client_message"].startswith("Your display units") and body["temperature"] == 75
    return body["session_id"], {"authorization": f"Bearer {body['token']}"}


def test_a_turn_is_scored_answered_and_stored(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    answer = fake_client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"reply": "Tell me more."}, headers=auth
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["turn"]["index"] == 1 and "understanding" in body["turn"]["score"]
    assert body["client"]["text"] and body["client"]["temperature"] >= 0
    read = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
    assert [t["reply"] for t in read["turns"]] == ["Tell me more."]
    assert read["client_message"] == body["client"]["text"]
    assert read["temperatures"][-1] == body["client"]["temperature"]


def test_no_token_or_another_sessions_token_reads_nothing(fake_client: TestClient) -> None:
    _mine, my_auth = start(fake_client, "ana")
    theirs, their_auth = start(fake_client, "bob")
    assert_error(fake_client.get(f"/api/v1/sessions/{theirs}"), 404)
    assert_error(fake_client.get(f"/api/v1/sessions/{theirs}", headers=my_auth), 404)
    assert_error(
        fake_client.post(f"/api/v1/sessions/{theirs}/turns", json={"reply": "hi"}, headers=my_auth), 404
    )
    assert_error(fake_client.post(f"/api/v1/sessions/{theirs}/finish", headers=my_auth), 404)
    assert fake_client.get(f"/api/v1/sessions/{theirs}", headers=their_auth).status_code == 200
    assert_error(fake_client.get("/api/v1/sessions/" + "x" * 500, headers=my_auth), 404)


def test_bad_input_is_refused_and_nothing_is_stored(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    assert_error(
        fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": ""}, headers=auth),
        422,
        "reply",
    )
    assert_error(
        fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={}, headers=auth), 422, "reply"
    )
    assert fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"] == []
    unknown = fake_client.post("/api/v1/sessions", json={"scenario_id": "nope"})
    assert_error(unknown, 404, "scenario_id")


def test_finish_gives_the_debrief_and_closes_the_session(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client)
    fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "What happened?"}, headers=auth)
    report = fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth).json()
    assert set(report["habits"]) == {
        "understanding",
        "no_rebuttal",
        "no_premature_solution",
        "questions",
        "emotion_labelling",
        "commitment",
    }
    assert report["temperatures"][0] == 75 and len(report["turns"]) == 1
    assert report["reflection_prompts"]
    late = fake_client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "More?"}, headers=auth)
    assert_error(late, 409)
    saved = fake_client.post(
        f"/api/v1/sessions/{session_id}/reflection", json={"went_well": "I listened"}, headers=auth
    )
    assert saved.json() == {"status": "saved"}
    again = fake_client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth).json()
    assert again["reflection"]["went_well"] == "I listened"


def test_exam_mode_hides_scores_until_the_end(fake_client: TestClient) -> None:
    session_id, auth = start(fake_client, exam=True)
    body = fake_client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"reply": "Go on."}, headers=auth
    ).json()
    assert body["turn"]["score"] is None
    assert fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"][0]["score"] is None


def fake_app(settings: Settings) -> TestClient:
    """A fresh app over the same settings: what a restart, or another replica, looks like."""
    return TestClient(create_app(settings, scorer=fake_scorer()))


def test_a_restarted_server_continues_every_session(tmp_path: Path, scenarios_dir: Path) -> None:
    settings = Settings(scenarios_dir=scenarios_dir, data_dir=tmp_path / "data", scenarios_check_every=0)
    with fake_app(settings) as first:
        session_id, auth = start(first)
        first.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "Tell me more."}, headers=auth)
        before = first.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
    with fake_app(settings) as second:
        after = second.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
        assert after == before
        nxt = second.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "And then?"}, headers=auth)
        assert nxt.json()["turn"]["index"] == 2


def test_the_same_service_runs_on_postgresql(postgres_url: str, scenarios_dir: Path, tmp_path: Path) -> None:
    settings = Settings(scenarios_dir=scenarios_dir, data_dir=tmp_path, database_url=postgres_url)
    with fake_app(settings) as first:
        session_id, auth = start(first)
        first.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "Tell me more."}, headers=auth)
    with fake_app(settings) as second:  # a restart, or another replica: the state is in the database
        assert [
            t["reply"] for t in second.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"]
        ] == ["Tell me more."]
        assert (
            second.post(
                f"/api/v1/sessions/{session_id}/turns", json={"reply": "Go on."}, headers=auth
            ).json()["turn"]["index"]
            == 2
        )
    assert not (tmp_path / "gym.db").exists()  # nothing went to SQLite
