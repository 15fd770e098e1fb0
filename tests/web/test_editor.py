"""The scenario editor: a broken field is named next to its input, live and on save, and nothing typed is lost;
a draft plays only for trainers and counts nowhere; `check` runs its exemplars; publishing makes the next version
while sessions in progress keep theirs; earlier versions stay readable and can be restored."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from practice.sessions.service import scenario_for
from tests.api.conftest import TRAINER_TOKEN, lms_headers, sign_in_as
from tests.api.test_sessions_api import start
from tests.helpers import assert_error
from tests.web.html import parse
from tests.web.test_accounts import app_client

SCENARIO = "missed-delivery"


def errors_next_to(page_html: str, path: str) -> list[str]:
    box = parse(page_html).find_all("div", class_="field")
    found = [b for b in box if b.attrs.get("data-field") == path]
    assert found, f"no input for {path}"
    return [li.text for li in found[0].find_all("li")]


def test_a_broken_field_is_named_next_to_its_input_and_the_draft_is_kept(fake_client: TestClient) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    made = fake_client.post("/trainer/editor/new", data={"id": "late-invoice", "title": "Late invoice"})
    assert made.status_code == 200 and made.url.path == "/trainer/editor/late-invoice"
    fresh = parse(made.text)
    assert [li.text for li in fresh.find_all("ul", id="problems")[0].find_all("li")] == [
        "None: it validates."
    ]
    assert fresh.find_all("input", id="f-title")[0].attrs["value"] == "Late invoice"

    edits = fake_client.app.state.edits  # type: ignore[attr-defined]
    text = edits.draft("late-invoice").text
    assert " ".join(text.split()) == fresh.find_all("textarea", id="yaml")[0].text  # the page shows the draft
    broken = text.replace("difficulty: medium", "difficulty: extreme")
    live = fake_client.post("/trainer/editor/late-invoice/validate", data={"mode": "yaml", "yaml": broken})
    assert live.status_code == 200
    body = live.json()
    line = broken.splitlines().index("difficulty: extreme") + 1
    assert body["valid"] is False
    assert [(p["field"], p["line"]) for p in body["problems"]] == [("difficulty", line)]

    saved = fake_client.post("/trainer/editor/late-invoice", data={"mode": "yaml", "yaml": broken})
    assert saved.url.query == b"saved=1"
    assert errors_next_to(saved.text, "difficulty") == [body["problems"][0]["message"]]
    assert edits.draft("late-invoice").text == broken  # nothing typed is lost

    # The form fixes it: its values go into the YAML, and the validator is satisfied.
    fields = {
        "f:difficulty": "hard",
        "f:persona.name": "Ola Berg",
        "f:beats[0].key_points[0].text": "Billed twice",
    }
    fixed = fake_client.post("/trainer/editor/late-invoice", data={"mode": "form", "yaml": broken, **fields})
    assert fixed.url.query == b"saved=1"
    draft = yaml.safe_load(edits.draft("late-invoice").text)
    assert (draft["difficulty"], draft["persona"]["name"]) == ("hard", "Ola Berg")
    assert draft["beats"][0]["key_points"][0]["text"] == "Billed twice"
    assert errors_next_to(fixed.text, "difficulty") == []
    # A number the form cannot read is named at its field, live.
    live = fake_client.post(
        "/trainer/editor/late-invoice/validate", data={"mode": "form", "yaml": broken, "f:max_turns": "many"}
    ).json()
    assert [p["field"] for p in live["problems"]] == ["difficulty", "max_turns"]
    assert [f["value"] for f in live["fields"] if f["path"] == "max_turns"] == ["many"]


def test_new_scenarios_need_a_fresh_valid_id(fake_client: TestClient) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    assert_error(fake_client.post("/trainer/editor/new", data={"id": "Bad Id!"}), 422, "id")
    assert_error(fake_client.post("/trainer/editor/new", data={"id": SCENARIO}), 409, "id")
    assert fake_client.get("/trainer/editor/nothing-here").status_code == 404


def test_a_draft_plays_only_for_trainers_and_counts_nowhere(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    trainer = sign_in_as(fake_client, "tina", role="trainer")
    assert_error(fake_client.post(f"/trainer/editor/{SCENARIO}/preview"), 409, "draft")  # no draft yet
    assert_error(fake_client.post(f"/trainer/editor/{SCENARIO}/publish"), 409, "draft")
    text = (scenarios_dir / f"{SCENARIO}.yaml").read_text()
    draft = text.replace("title: The delivery nobody warned them about", "title: Draft title")
    fake_client.post(f"/trainer/editor/{SCENARIO}", data={"mode": "yaml", "yaml": draft})
    played = fake_client.post(f"/trainer/editor/{SCENARIO}/preview")
    assert played.status_code == 200 and played.url.path.startswith("/play/")
    assert "Draft title" in played.text
    session_id = played.url.path.rsplit("/", 1)[1]
    session, _ = fake_client.app.state.repo.get_session(session_id)  # type: ignore[attr-defined]
    assert session.preview and session.learner_id == trainer.learner_id and session.scenario_version == -1
    # Nobody else sees the draft: the catalogue, the trainer's counts and the LMS results hold the published one.
    listed = {s["id"]: s["title"] for s in fake_client.get("/api/v1/scenarios").json()["scenarios"]}
    assert listed[SCENARIO] == "The delivery nobody warned them about"
    assert fake_client.app.state.repo.attempt_counts().get(SCENARIO, 0) == 0  # type: ignore[attr-defined]
    assert fake_client.get("/api/v1/results", headers=lms_headers(fake_client)).json()["results"] == []
    with app_client(scenarios_dir) as learner:
        sign_in_as(learner, "lena")
        assert_error(learner.post(f"/trainer/editor/{SCENARIO}/preview"), 403, "role")
        assert learner.get(f"/trainer/editor/{SCENARIO}", follow_redirects=False).status_code == 403
    # A broken draft is refused, naming its problem.
    fake_client.post(
        f"/trainer/editor/{SCENARIO}", data={"mode": "yaml", "yaml": draft.replace("format: 1", "format: 9")}
    )
    assert_error(fake_client.post(f"/trainer/editor/{SCENARIO}/preview"), 422, "format")
    assert_error(fake_client.post(f"/trainer/editor/{SCENARIO}/publish"), 422, "format")  # nor published


def test_check_runs_the_drafts_exemplars(fake_client: TestClient, scenarios_dir: Path) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    text = (scenarios_dir / f"{SCENARIO}.yaml").read_text()
    fake_client.post(f"/trainer/editor/{SCENARIO}", data={"mode": "yaml", "yaml": text})
    checked = parse(fake_client.post(f"/trainer/editor/{SCENARIO}/check").text)
    exemplars = sum(len(b.get("exemplars", [])) for b in yaml.safe_load(text)["beats"])
    rows = checked.find_all("table", id="verdicts")[0].find_all("tr")[1:]
    assert exemplars > 0 and len(rows) == exemplars
    passed = sum(1 for r in rows if r.has("class", "ok"))
    assert checked.find_all("p", id="check-summary")[0].text == f"{passed} of {exemplars} judged as labelled."


def test_publishing_makes_the_next_version_and_sessions_keep_theirs(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    session_id, auth = start(fake_client, learner="ana")  # on version 2
    text = (scenarios_dir / f"{SCENARIO}.yaml").read_text()
    fake_client.post(
        f"/trainer/editor/{SCENARIO}",
        data={"mode": "yaml", "yaml": text.replace("Dana Whitfield", "Dana Moss")},
    )
    done = fake_client.post(f"/trainer/editor/{SCENARIO}/publish")
    assert done.url.query == b"published=3"
    on_disk = yaml.safe_load((scenarios_dir / f"{SCENARIO}.yaml").read_text())
    assert (on_disk["version"], on_disk["persona"]["name"]) == (3, "Dana Moss")
    assert fake_client.app.state.edits.draft(SCENARIO) is None  # type: ignore[attr-defined]
    # The session started before goes on with version 2 and its persona.
    ongoing = fake_client.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
    assert ongoing["scenario_version"] == 2
    played = fake_client.post(
        f"/api/v1/sessions/{session_id}/turns", json={"reply": "That sounds awful."}, headers=auth
    )
    assert played.status_code == 200
    app = fake_client.app
    session, _ = app.state.repo.get_session(session_id)  # type: ignore[attr-defined]
    kept = scenario_for(app.state.repo, app.state.library, session)  # type: ignore[attr-defined]
    assert (kept.version, kept.persona.name) == (2, "Dana Whitfield")

    history = parse(fake_client.get(f"/trainer/editor/{SCENARIO}/history").text)
    versions = [a.text for a in history.find_all("table", id="versions")[0].find_all("a")]
    assert versions == ["version 3", "version 2"]
    old = parse(fake_client.get(f"/trainer/editor/{SCENARIO}/versions/2").text)
    assert "Dana Whitfield" in old.find_all("pre", id="version-text")[0].text

    restored = fake_client.post(f"/trainer/editor/{SCENARIO}/versions/2/restore")
    assert restored.url.query == b"restored=2"
    assert fake_client.post(f"/trainer/editor/{SCENARIO}/publish").url.query == b"published=4"
    on_disk = yaml.safe_load((scenarios_dir / f"{SCENARIO}.yaml").read_text())
    assert (on_disk["version"], on_disk["persona"]["name"]) == (4, "Dana Whitfield")
    assert fake_client.get(f"/trainer/editor/{SCENARIO}/versions/9").status_code == 404


def test_an_upload_through_the_api_is_kept_in_the_history_too(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    text = (scenarios_dir / f"{SCENARIO}.yaml").read_text().replace("version: 2", "version: 5")
    put = fake_client.put(
        f"/api/v1/scenarios/{SCENARIO}",
        content=text.encode(),
        headers={"authorization": f"Bearer {TRAINER_TOKEN}", "content-type": "application/yaml"},
    )
    assert put.status_code == 200
    kept = fake_client.app.state.edits.history(SCENARIO)  # type: ignore[attr-defined]
    assert [(p.version, p.published_by) for p in kept] == [(5, "trainer"), (2, "scenario files")]
    assert kept[0].text == text
