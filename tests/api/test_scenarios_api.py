"""Scenario endpoints: public reading, trainer-only upload validated like files on disk."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import TRAINER_TOKEN
from tests.helpers import assert_error

GOOD = (Path(__file__).parents[2] / "scenarios" / "missed-delivery.yaml").read_text(encoding="utf-8")
AUTH = {"authorization": f"Bearer {TRAINER_TOKEN}", "content-type": "application/yaml"}


def test_list_and_read(fake_client: TestClient) -> None:
    listed = fake_client.get("/api/v1/scenarios").json()["scenarios"]
    ids = [s["id"] for s in listed]
    assert "missed-delivery" in ids
    first = next(s for s in listed if s["id"] == "missed-delivery")
    assert first["persona"]["name"] == "Dana Whitfield" and first["difficulty"] == "easy"
    whole = fake_client.get("/api/v1/scenarios/missed-delivery").json()
    assert whole["beats"][0]["id"] == "the-delay"


def test_unknown_and_hostile_ids_are_404(fake_client: TestClient) -> None:
    assert_error(fake_client.get("/api/v1/scenarios/nope"), 404, "scenario_id")
    assert_error(fake_client.get("/api/v1/scenarios/..%2F..%2Fetc%2Fpasswd"), 404)


def test_upload_needs_trainer_credentials(fake_client: TestClient) -> None:
    text = GOOD.replace("id: missed-delivery", "id: new-one")
    assert_error(fake_client.put("/api/v1/scenarios/new-one", content=text), 401, "authorization")
    wrong = {**AUTH, "authorization": "Bearer not-the-right-token-at-all"}
    assert_error(fake_client.put("/api/v1/scenarios/new-one", content=text, headers=wrong), 401)
    assert_error(fake_client.get("/api/v1/scenarios/new-one"), 404)


def test_trainer_uploads_then_replaces(fake_client: TestClient, scenarios_dir: Path) -> None:
    text = re.sub(
        r"^version: \d+$", "version: 1", GOOD.replace("id: missed-delivery", "id: new-one"), flags=re.M
    )
    created = fake_client.put("/api/v1/scenarios/new-one", content=text, headers=AUTH)
    assert created.status_code == 201 and created.json()["status"] == "created"
    assert (scenarios_dir / "new-one.yaml").read_text() == text
    replaced = fake_client.put(
        "/api/v1/scenarios/new-one", content=text.replace("version: 1", "version: 2"), headers=AUTH
    )
    assert replaced.status_code == 200 and replaced.json()["status"] == "replaced"
    assert fake_client.get("/api/v1/scenarios/new-one").json()["version"] == 2
    same = fake_client.put(
        "/api/v1/scenarios/new-one", content=text.replace("version: 1", "version: 2"), headers=AUTH
    )
    assert_error(same, 409, "version")
    assert fake_client.get("/api/v1/scenarios/new-one").json()["version"] == 2


def test_invalid_upload_names_line_and_field_and_keeps_the_old_file(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    before = (scenarios_dir / "missed-delivery.yaml").read_text()
    broken = GOOD.replace("difficulty: easy", "difficulty: trivial")
    error = assert_error(
        fake_client.put("/api/v1/scenarios/missed-delivery", content=broken, headers=AUTH), 422, "difficulty"
    )
    assert error["fields"][0]["line"] == str(
        next(i for i, ln in enumerate(GOOD.splitlines(), 1) if "difficulty:" in ln)
    )
    assert (scenarios_dir / "missed-delivery.yaml").read_text() == before
    mismatch = fake_client.put("/api/v1/scenarios/other-id", content=GOOD, headers=AUTH)
    assert_error(mismatch, 422, "id")


def test_broken_file_is_reported_to_trainers_and_last_good_version_stays(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    path = scenarios_dir / "missed-delivery.yaml"
    path.write_text(GOOD.replace("difficulty: easy", "difficulty: trivial"))
    assert fake_client.get("/api/v1/scenarios/missed-delivery").json()["difficulty"] == "easy"
    assert_error(fake_client.get("/api/v1/scenarios/problems"), 401)
    problems = fake_client.get("/api/v1/scenarios/problems", headers=AUTH).json()["problems"]
    line = next(i for i, text in enumerate(GOOD.splitlines(), 1) if text.startswith("difficulty:"))
    assert [(p["file"], p["line"], p["field"]) for p in problems] == [
        ("missed-delivery.yaml", line, "difficulty")
    ]


def test_a_hostile_upload_is_a_422_not_a_crash(fake_client: TestClient) -> None:
    deep = "format: 1\nbeats: " + "[" * 5000 + "]" * 5000 + "\n"
    assert_error(fake_client.put("/api/v1/scenarios/deep", content=deep, headers=AUTH), 422)
    assert fake_client.get("/api/v1/scenarios").status_code == 200
