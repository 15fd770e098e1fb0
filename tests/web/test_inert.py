"""Script in scenario text, replies and reflections is rendered inert on every page that shows it; scenario ids
cannot reach outside the scenario folder."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import TRAINER_TOKEN
from tests.helpers import assert_error

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TRAINER = {"authorization": f"Bearer {TRAINER_TOKEN}"}


def hostile_scenario(scenarios_dir: Path) -> str:
    text = (scenarios_dir / "missed-delivery.yaml").read_text(encoding="utf-8")
    text = text.replace("id: missed-delivery", "id: hostile-text", 1)
    text = text.replace("title: The delivery nobody warned them about", f"title: '{ATTACK}'", 1)
    return text.replace("  name: Dana Whitfield", f"  name: '{ATTACK}'", 1)


def test_script_is_inert_on_every_page(fake_client: TestClient, scenarios_dir: Path) -> None:
    uploaded = fake_client.put(
        "/api/v1/scenarios/hostile-text", content=hostile_scenario(scenarios_dir), headers=TRAINER
    )
    assert uploaded.status_code in (200, 201), uploaded.text
    started = fake_client.post("/play", data={"scenario_id": "hostile-text"}, follow_redirects=False)
    session_id = started.headers["location"].rsplit("/", 1)[-1]
    learner = fake_client.app.state.repo.all_sessions()[0].learner_id  # type: ignore[attr-defined]
    fake_client.post(f"/play/{session_id}", data={"reply": ATTACK})
    fake_client.post(f"/debrief/{session_id}/reflection", data={"went_well": ATTACK, "would_change": ATTACK})
    pages = [
        "/",
        "/scenarios/hostile-text",
        f"/play/{session_id}",
        f"/debrief/{session_id}",
        "/history",
        "/trainer",
        "/trainer/scenarios/hostile-text",
        f"/trainer/learners/{learner}",
        f"/trainer/sessions/{session_id}",
    ]
    for path in pages:
        response = fake_client.get(path, headers=TRAINER if path.startswith("/trainer") else {})
        assert response.status_code == 200, (path, response.status_code)
        html = response.text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        if "/learners/" not in path:  # the learner page lists scenario ids, not their text
            assert "&lt;script&gt;alert" in html, path  # shown, as text


def test_scenario_ids_cannot_leave_the_scenario_folder(fake_client: TestClient, scenarios_dir: Path) -> None:
    text = (scenarios_dir / "missed-delivery.yaml").read_text(encoding="utf-8")
    before = sorted(p.name for p in scenarios_dir.parent.rglob("*"))
    for scenario_id in (
        "..%2F..%2Fevil",
        "..",
        ".hidden",
        "a%2Fb",
        "%2E%2E%2Fevil",
        "evil%00",
        "UPPER",
        "x" * 65,
    ):
        response = fake_client.put(f"/api/v1/scenarios/{scenario_id}", content=text, headers=TRAINER)
        assert 400 <= response.status_code < 500, (scenario_id, response.status_code)
        assert fake_client.get(f"/api/v1/scenarios/{scenario_id}").status_code in (404, 422), scenario_id
    assert sorted(p.name for p in scenarios_dir.parent.rglob("*")) == before  # nothing written anywhere
    assert_error(fake_client.get("/api/v1/scenarios/..%2F..%2Fetc%2Fpasswd"), 404)


def test_oversized_bodies_are_refused_before_they_are_read(fake_client: TestClient) -> None:
    huge = b"x" * 200_000  # the test app caps bodies at 20 kB
    response = fake_client.post(
        "/api/v1/sessions", content=huge, headers={"content-type": "application/json"}
    )
    assert_error(response, 413)
