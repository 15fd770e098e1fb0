"""The trainee's pages, tested by structure; the flow works without JavaScript too."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from practice.scenarios.loader import load_scenario_file
from tests.web.html import parse

HTML = {"accept": "text/html"}


def start(client: TestClient, exam: bool = False) -> str:
    form = {"scenario_id": "missed-delivery", **({"exam": "1"} if exam else {})}
    response = client.post("/play", data=form, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"].rsplit("/", 1)[-1]


def test_index_shows_a_card_per_scenario(fake_client: TestClient) -> None:
    doc = parse(fake_client.get("/").text)
    cards = doc.find_all("li", class_="card")
    assert len(cards) == len(list((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))) == 8
    titles = [c.find("a").text for c in cards]
    assert "The delivery nobody warned them about" in titles
    first = next(c for c in cards if "nobody warned" in c.text)
    assert first.find("a").attrs["href"] == "/scenarios/missed-delivery"
    assert "Dana Whitfield" in first.text and "easy" in first.text


def test_brief_page_has_the_persona_goal_and_start_form(fake_client: TestClient) -> None:
    doc = parse(fake_client.get("/scenarios/missed-delivery").text)
    assert doc.find("h1").text == "The delivery nobody warned them about"
    form = doc.find("form")
    assert form.attrs["action"] == "/play" and form.attrs["method"] == "post"
    assert form.find("input", name="scenario_id").attrs["value"] == "missed-delivery"
    assert "exam" in form.find("label").text.lower()


def test_playing_without_javascript(fake_client: TestClient) -> None:
    session_id = start(fake_client)
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert doc.find("meter", id="temperature").attrs["value"] == "75"
    assert doc.find("label", for_="reply").text == "Your reply"
    assert "Your display units" in doc.find("ol", id="chat").text
    fake_client.post(f"/play/{session_id}", data={"reply": "So it came late and nobody told you?"})
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    chat = doc.find("ol", id="chat")
    assert "So it came late and nobody told you?" in chat.text
    assert chat.find_all("li", class_="feedback")  # live feedback is shown


def test_exam_mode_shows_no_feedback(fake_client: TestClient) -> None:
    session_id = start(fake_client, exam=True)
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert doc.find("ol", id="chat").find_all("li", class_="feedback") == []


def test_replies_are_rendered_inert(fake_client: TestClient) -> None:
    session_id = start(fake_client)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    fake_client.post(f"/play/{session_id}", data={"reply": attack})
    fake_client.post(f"/play/{session_id}/end")
    for path in (f"/play/{session_id}", f"/debrief/{session_id}"):
        html = fake_client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_debrief_page(fake_client: TestClient) -> None:
    session_id = start(fake_client)
    fake_client.post(f"/play/{session_id}", data={"reply": "I'll call you by 5pm today with a date."})
    ended = fake_client.post(f"/play/{session_id}/end", follow_redirects=False)
    assert (ended.status_code, ended.headers["location"]) == (303, f"/debrief/{session_id}")
    doc = parse(fake_client.get(f"/debrief/{session_id}").text)
    svg = doc.find("svg", id="temperature-chart")
    assert svg.attrs["role"] == "img" and "temperature" in svg.attrs["aria-label"].lower()
    assert len(svg.find_all("circle")) == 2  # start and after the one reply
    habits = [th.text for th in doc.find("table", class_="habits").find_all("th", scope="row")]
    assert habits == [
        "Understanding (retelling what they mean)",
        "Not arguing back",
        "Not jumping to a fix",
        "Open questions",
        "Naming the feeling",
        "Committing to what they asked for",
    ]
    assert doc.find("a", class_="button").attrs["href"] == "/scenarios/missed-delivery"
    fake_client.post(f"/debrief/{session_id}/reflection", data={"went_well": "I stayed calm"})
    assert "I stayed calm" in fake_client.get(f"/debrief/{session_id}").text


def test_history_shows_only_my_sessions(fake_client: TestClient, scenarios_dir) -> None:  # type: ignore[no-untyped-def]
    mine = start(fake_client)
    doc = parse(fake_client.get("/history").text)
    assert any(a.attrs.get("href") == f"/play/{mine}" for a in doc.find_all("a"))
    stranger = TestClient(fake_client.app)
    assert f"/play/{mine}" not in stranger.get("/history").text
    page = stranger.get(f"/play/{mine}", headers=HTML)
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_history_charts_progress_across_finished_sessions(fake_client: TestClient) -> None:
    for _ in range(2):
        session_id = start(fake_client)
        fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
        fake_client.post(f"/play/{session_id}/end")
    doc = parse(fake_client.get("/history").text)
    chart = doc.find("svg", id="progress-chart")
    assert len(chart.find_all("circle")) == 2 and "session 2" in chart.attrs["aria-label"]


def test_looking_at_the_debrief_of_an_open_session_asks_to_confirm_and_ends_nothing(
    fake_client: TestClient,
) -> None:
    session_id = start(fake_client)
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    doc = parse(fake_client.get(f"/debrief/{session_id}").text)
    assert doc.find("h1").text == "End the conversation?"
    assert doc.find("form", id="end-form").attrs == {
        "method": "post",
        "action": f"/play/{session_id}/end",
        "id": "end-form",
    }
    play = parse(fake_client.get(f"/play/{session_id}").text)
    assert play.find("form", id="reply-form")  # still open: a look did not end it


def test_an_ended_session_shows_no_reply_form_and_a_late_reply_shows_the_accepted_turns(
    fake_client: TestClient,
) -> None:
    session_id = start(fake_client)
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    fake_client.post(f"/play/{session_id}/end")
    late = fake_client.post(f"/play/{session_id}", data={"reply": "One more thing."}, follow_redirects=False)
    assert (late.status_code, late.headers["location"]) == (303, f"/play/{session_id}")
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert doc.find_all("form", id="reply-form") == []
    assert "has ended" in doc.find("p", id="ended").text
    replies = doc.find_all("li", class_="you")
    assert len(replies) == 1 and "Tell me more." in replies[0].text


def test_retry_this_moment_from_the_page_goes_back_and_reopens(fake_client: TestClient) -> None:
    session_id = start(fake_client)
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    fake_client.post(f"/play/{session_id}", data={"reply": "The carrier caused it."})
    fake_client.post(f"/play/{session_id}/end")
    forms = parse(fake_client.get(f"/debrief/{session_id}").text).find_all("form", class_="retry")
    assert [f.find("input", name="turn").attrs["value"] for f in forms] == ["1", "2"]
    back = fake_client.post(f"/play/{session_id}/retry", data={"turn": "2"}, follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, f"/play/{session_id}")
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert doc.find("form", id="reply-form")
    assert "The carrier caused it." not in doc.find("ol", id="chat").text
    fake_client.post(f"/play/{session_id}", data={"reply": "So it came late, and nobody told you."})
    fake_client.post(f"/play/{session_id}/end")
    debrief = parse(fake_client.get(f"/debrief/{session_id}").text)
    assert "The carrier caused it." in debrief.find("div", class_="earlier").text


def test_the_play_page_shows_the_brief_and_who_opens(fake_client: TestClient) -> None:
    response = fake_client.post(
        "/play", data={"scenario_id": "announcing-a-price-rise"}, follow_redirects=False
    )
    doc = parse(fake_client.get(response.headers["location"]).text)
    assert doc.find("details", class_="brief").find("summary").text == "The brief"
    hint = doc.find("p", id="you-open")
    scenario = load_scenario_file(Path(__file__).parents[2] / "scenarios" / "announcing-a-price-rise.yaml")
    assert hint.find("strong").text == "You open." and scenario.announcement.how in hint.text  # type: ignore[union-attr]


def test_a_double_submit_of_the_reply_form_stores_one_turn_and_shows_it(fake_client: TestClient) -> None:
    session_id = start(fake_client)
    form = parse(fake_client.get(f"/play/{session_id}").text).find("form", id="reply-form")
    moment = form.find("input", name="moment").attrs["value"]
    assert moment == "1"
    for _ in range(2):
        sent = fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more.", "moment": moment})
        assert sent.status_code == 200 and "Tell me more." in sent.text
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert len(doc.find_all("li", class_="you")) == 1
    assert doc.find("form", id="reply-form").find("input", name="moment").attrs["value"] == "2"
