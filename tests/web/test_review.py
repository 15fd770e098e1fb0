"""A trainer reviews a transcript: the correction and comment reach the learner's debrief, the LMS results and
the exported training examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cli import main
from tests.api.conftest import TRAINER_TOKEN, lms_headers, sign_in_as
from tests.api.test_sessions_api import start
from tests.helpers import assert_error
from tests.web.html import parse

TRAINER = {"authorization": f"Bearer {TRAINER_TOKEN}"}
ARGUING = "To be fair, the carrier caused the delay, not us."


def played(client: TestClient) -> tuple[str, dict[str, str]]:
    session_id, auth = start(client, learner="ana")
    client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": ARGUING}, headers=auth)
    client.post(f"/api/v1/sessions/{session_id}/finish", headers=auth)
    return session_id, auth


def results(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/api/v1/results", headers=lms_headers(client)).json()["results"][0]
    return found


def test_a_trainers_override_reaches_the_learner_and_the_lms(fake_client: TestClient) -> None:
    session_id, auth = played(fake_client)
    turn = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"][0]
    before = results(fake_client)["habits"]
    sign_in_as(fake_client, "tina", role="trainer")
    page = parse(fake_client.get(f"/trainer/sessions/{session_id}").text)
    form = page.find("form", class_="review-form")
    missed = [p["text"] for p in turn["score"]["key_points"] if not p["captured"]]
    offered = [i.attrs["value"] for i in form.find_all("input", name="captured")]
    assert missed and offered == missed
    sent = fake_client.post(
        f"/trainer/sessions/{session_id}/turns/1/review",
        data={"outcome": "understood", "captured": missed[:1], "comment": "Fair: the carrier did cause it."},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"] == f"/trainer/sessions/{session_id}#turn-1"
    fake_client.post("/signout")
    learner_view = parse(fake_client.get(f"/debrief/{session_id}", headers=auth).text)
    shown = learner_view.find("li", id="turn-1")
    assert "Fair: the carrier did cause it." in shown.find("div", class_="review").text
    assert "understood" in shown.find("div", class_="review").text
    assert missed[0] in [m.text for m in shown.find_all("mark", class_="captured")]
    after = results(fake_client)["habits"]
    assert before["understanding"] == turn["score"]["understanding"] < 1.0 and after["understanding"] == 1.0


def test_a_review_that_does_not_fit_is_refused_and_changes_nothing(fake_client: TestClient) -> None:
    session_id, _ = played(fake_client)
    url = f"/api/v1/sessions/{session_id}/turns/1/review"
    assert_error(fake_client.put(url, json={"outcome": "brilliant"}, headers=TRAINER), 422, "outcome")
    assert_error(
        fake_client.put(url, json={"outcome": "understood", "not_flags": ["small_talk"]}, headers=TRAINER),
        422,
        "not_flags",
    )
    assert_error(
        fake_client.put(url.replace("/1/", "/9/"), json={"outcome": "understood"}, headers=TRAINER),
        404,
        "turn",
    )
    assert fake_client.app.state.repo.all_corrections() == []  # type: ignore[attr-defined]
    done = fake_client.put(url, json={"outcome": "missed", "comment": "Not yet."}, headers=TRAINER)
    assert done.status_code == 200 and done.json()["outcome"] == "missed"
    again = fake_client.put(
        url, json={"outcome": "partly"}, headers=TRAINER
    )  # the latest replaces the one before
    assert [c.outcome for c in fake_client.app.state.repo.all_corrections()] == ["partly"]  # type: ignore[attr-defined]
    assert (done.json()["habits"]["understanding"], again.json()["habits"]["understanding"]) == (0.0, 0.5)


def test_corrections_export_as_training_examples(
    fake_client: TestClient,
    scenarios_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session_id, auth = played(fake_client)
    score = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()["turns"][0]["score"]
    review = {"outcome": "understood", "captured": [score["key_points"][0]["text"]]}
    assert fake_client.put(
        f"/api/v1/sessions/{session_id}/turns/1/review", json=review, headers=TRAINER
    ).is_success
    monkeypatch.setenv("GYM_DATA_DIR", str(scenarios_dir.parent / "data"))
    monkeypatch.setenv("GYM_SCENARIOS_DIR", str(scenarios_dir))
    out = scenarios_dir.parent / "corrections.jsonl"
    assert main(["corrections", "export", "--out", str(out)]) == 0
    assert "1 examples" in capsys.readouterr().err
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["reply"] == ARGUING and line["behaviours"] == score["flags"] == []
    assert (line["understanding"], line["kind"], line["language"]) == (3, "faithful", "en")
