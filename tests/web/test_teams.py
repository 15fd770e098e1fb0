"""Teams and assignments in the browser: a trainer makes a team, adds people and assigns a scenario; learners see
their assignments on the home page; practice does not count; the team page shows completion, habits and the
weakest one, filtered, and a CSV with timestamps."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient

from practice.scenarios.model import HABITS
from tests.api.conftest import PASSWORD, sign_in_as
from tests.helpers import assert_error
from tests.web.html import parse
from tests.web.test_accounts import app_client


def test_assignments_from_team_to_learner_and_back(fake_client: TestClient, scenarios_dir: Path) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    made = fake_client.post("/trainer/teams", data={"name": "Key accounts"}, follow_redirects=False)
    team = made.headers["location"]
    assert made.status_code == 303 and team.startswith("/trainer/teams/")
    with app_client(scenarios_dir) as lena, app_client(scenarios_dir) as mark:
        sign_in_as(lena, "lena")
        sign_in_as(mark, "mark")
        for name in ("lena", "mark", "lena"):  # adding twice is harmless
            assert (
                fake_client.post(
                    f"{team}/members", data={"username": name}, follow_redirects=False
                ).status_code
                == 303
            )
        assert_error(fake_client.post(f"{team}/members", data={"username": "nobody"}), 422, "username")
        assigned = {"scenario_id": "missed-delivery", "due": "2099-01-31", "pass_mark": "70", "attempts": "2"}
        assert (
            fake_client.post(f"{team}/assignments", data=assigned, follow_redirects=False).status_code == 303
        )
        assert_error(
            fake_client.post(f"{team}/assignments", data={**assigned, "pass_mark": "0"}), 422, "pass_mark"
        )
        assert_error(
            fake_client.post(f"{team}/assignments", data={**assigned, "due": "2001-01-01"}), 422, "due_at"
        )

        home = parse(lena.get("/").text).find("ul", id="assignments").text
        title = fake_client.app.state.library.get("missed-delivery").title  # type: ignore[attr-defined]
        assert title in home and "due 2099-01-31" in home and "not started" in home
        lena.post("/play", data={"scenario_id": "missed-delivery", "practice": "1"})  # private practice
        assert "not started" in parse(lena.get("/").text).find("ul", id="assignments").text
        started = lena.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
        session_id = started.headers["location"].rsplit("/", 1)[-1]
        lena.post(f"/play/{session_id}", data={"reply": "So the units came late and nobody told you?"})
        assert "in progress" in parse(lena.get("/").text).find("ul", id="assignments").text
        lena.post(f"/play/{session_id}/end")
        assert "not passed yet" in parse(lena.get("/").text).find("ul", id="assignments").text
        assert not parse(mark.get("/").text).find("ul", id="assignments").text.count("in progress")

    page = parse(fake_client.get(team).text)
    row = page.find("table", id="assignments").find_all("tr")[1]
    assert row.find("td", class_="completion").text == "0 of 2"
    assert [c.text for c in row.find_all("td", class_="status")] == ["not passed yet (0%)", "not started"]
    assert "Weakest habit:" in page.find("p", id="weakest").text
    filtered = parse(fake_client.get(team, params={"scenario": "disputed-invoice"}).text)
    assert "No finished sessions" in filtered.find("p", id="weakest").text
    assert_error(fake_client.get(team, params={"since": "last week"}), 422, "since")
    rows = list(csv.reader(io.StringIO(fake_client.get(f"{team}/results.csv").text)))
    assert rows[0][:6] == ["learner", "learner_id", "scenario_id", "started_at", "finished_at", "practice"]
    assert sorted(r[5] for r in rows[1:]) == ["False", "True"] and all(
        r[3].startswith("20") for r in rows[1:]
    )
    assert {r[0] for r in rows[1:]} == {"Lena"}


def test_team_pages_are_for_trainers(fake_client: TestClient) -> None:
    assert fake_client.get("/trainer/teams", follow_redirects=False).status_code == 401
    sign_in_as(fake_client, "lena")
    assert_error(fake_client.get("/trainer/teams"), 403, "role")
    assert_error(fake_client.post("/trainer/teams", data={"name": "Mine"}), 403, "role")
    fake_client.post("/signout")
    fake_client.post("/signin", data={"username": "lena", "password": PASSWORD})
    assert fake_client.get("/trainer/teams/0123456789abcdef").status_code == 403


def test_a_learners_habits_over_time_are_charted(fake_client: TestClient) -> None:
    lena = sign_in_as(fake_client, "lena")
    for reply in (
        "So it came late?",
        "So nobody told you it would be late, and that hurt with your managers?",
    ):
        started = fake_client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
        session_id = started.headers["location"].rsplit("/", 1)[-1]
        fake_client.post(f"/play/{session_id}", data={"reply": reply})
        fake_client.post(f"/play/{session_id}/end")
    fake_client.post("/signout")
    sign_in_as(fake_client, "tina", role="trainer")
    page = parse(fake_client.get(f"/trainer/learners/{lena.learner_id}").text)
    charts = page.find("section", **{"aria-labelledby": "over-time-h"}).find_all("svg")
    assert [c.attrs["id"] for c in charts] == [f"habit-{h}" for h in HABITS]
    assert all("session 2:" in c.attrs["aria-label"] for c in charts)
    assert len(charts[0].find_all("circle")) == 2
