"""A Romanian scenario's pages, coaching and client speak Romanian; English stays the default."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.web.html import parse
from web.i18n import ENGLISH, TEXTS


def test_every_language_has_every_page_text() -> None:
    assert {code: sorted(table) for code, table in TEXTS.items()} == dict.fromkeys(TEXTS, sorted(ENGLISH))


def test_the_romanian_scenario_is_played_and_debriefed_in_romanian(fake_client: TestClient) -> None:
    started = fake_client.post(
        "/play", data={"scenario_id": "piese-livrate-incomplet"}, follow_redirects=False
    )
    session_id = started.headers["location"].rsplit("/", 1)[-1]
    fake_client.post(f"/play/{session_id}", data={"reply": "Înțeleg."})
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert doc.find("html").attrs["lang"] == "ro"
    assert doc.find("label", for_="reply").text == "Răspunsul tău"
    assert doc.find("a", id="finish").text == "Încheie și vezi bilanțul"
    assert (
        json.loads(doc.find("form", id="reply-form").attrs["data-text"])["scoring"]
        == "Se evaluează răspunsul…"
    )
    feedback = doc.find("li", class_="feedback").text
    assert feedback and not any(word in feedback.split() for word in ("the", "you", "your", "and"))
    fake_client.post(f"/play/{session_id}/end")
    debrief = parse(fake_client.get(f"/debrief/{session_id}").text)
    assert debrief.find("html").attrs["lang"] == "ro" and debrief.find("h1").text.startswith("Bilanț")
    habits = [th.text for th in debrief.find("table", class_="habits").find_all("th", scope="row")]
    assert habits[0] == "Înțelegere (redai ce vrea să spună)"


def test_english_pages_stay_english(fake_client: TestClient) -> None:
    started = fake_client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
    doc = parse(fake_client.get(started.headers["location"]).text)
    assert doc.find("html").attrs["lang"] == "en" and doc.find("label", for_="reply").text == "Your reply"
