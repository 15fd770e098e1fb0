"""Lists that grow with use come a page at a time, and their cost does not grow with the number of sessions:
the LMS results, the trainer's cohort and learner pages, a learner's history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import event

from api.paging import PAGE_SIZE
from tests.api.conftest import TRAINER_TOKEN, lms_headers, sign_in_as
from tests.api.test_sessions_api import start
from tests.helpers import assert_error
from tests.web.html import parse

TRAINER = {"authorization": f"Bearer {TRAINER_TOKEN}"}


@contextmanager
def counted_queries(client: TestClient) -> Iterator[list[str]]:
    engine = client.app.state.repo.engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_results_come_in_pages_that_cover_every_session_once(fake_client: TestClient) -> None:
    made = [start(fake_client, learner=f"learner-{n}")[0] for n in range(7)]
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        params = {"limit": 3, **({"after": after} if after else {})}
        body = fake_client.get("/api/v1/results", params=params, headers=lms_headers(fake_client)).json()
        seen += [r["session_id"] for r in body["results"]]
        pages += 1
        after = body["next"]
        if after is None:
            break
    assert (
        pages == 3 and sorted(seen) == sorted(made) and len(seen) == 7
    )  # 3 + 3 + 1, newest first, no repeats
    bad = fake_client.get(
        "/api/v1/results", params={"after": "not-a-cursor"}, headers=lms_headers(fake_client)
    )
    assert_error(bad, 422, "after")


def test_the_cohort_page_costs_the_same_queries_for_many_sessions_and_shows_a_page(
    fake_client: TestClient,
) -> None:
    def play(n: int) -> None:
        for _ in range(n):
            session_id, auth = start(fake_client, learner="ana")
            fake_client.post(
                f"/api/v1/sessions/{session_id}/turns", json={"reply": "Tell me more."}, headers=auth
            )

    play(2)
    with counted_queries(fake_client) as few:
        fake_client.get("/trainer/scenarios/missed-delivery", headers=TRAINER)
    play(PAGE_SIZE)
    with counted_queries(fake_client) as many:
        first = parse(fake_client.get("/trainer/scenarios/missed-delivery", headers=TRAINER).text)
    assert len(many) == len(few)  # no query per session
    assert len(first.find("table", id="sessions").find_all("tr")) == PAGE_SIZE + 1  # the header and one page
    assert "52 attempts" in first.find("p", id="summary").text
    older = first.find("a", rel="next").attrs["href"]
    assert older == "?page=2"
    second = parse(fake_client.get(f"/trainer/scenarios/missed-delivery{older}", headers=TRAINER).text)
    assert len(second.find("table", id="sessions").find_all("tr")) == 3 and not second.find_all(
        "a", rel="next"
    )


def test_trainer_pages_name_learners_with_accounts(fake_client: TestClient) -> None:
    lena = sign_in_as(fake_client, "lena")
    fake_client.post("/play", data={"scenario_id": "missed-delivery"})
    cohort = parse(fake_client.get("/trainer/scenarios/missed-delivery", headers=TRAINER).text)
    assert (
        cohort.find("table", id="sessions").find("a", href=f"/trainer/learners/{lena.learner_id}").text
        == "Lena"
    )
    learner = parse(fake_client.get(f"/trainer/learners/{lena.learner_id}", headers=TRAINER).text)
    assert learner.find("h1").text == "Learner Lena"
