"""Every state-changing browser form checks a CSRF token (issue 13, finding 6): another site can make a browser
post, but cannot read the token the page's form repeats."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.helpers import assert_error
from tests.web.html import parse
from web.csrf import COOKIE

HTML = {"accept": "application/json"}


def _forged(fake_client: TestClient) -> TestClient:
    """The victim's browser, carrying its cookies, posting a form another site wrote (no or a guessed token)."""
    forged = TestClient(fake_client.app)
    forged.cookies = fake_client.cookies
    return forged


def test_every_form_a_page_renders_carries_the_browsers_token(fake_client: TestClient) -> None:
    started = fake_client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
    session_id = started.headers["location"].rsplit("/", 1)[-1]
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    token = fake_client.cookies.get(COOKIE)
    pages = ["/scenarios/missed-delivery", f"/play/{session_id}", f"/debrief/{session_id}", "/signin"]
    fake_client.post(f"/play/{session_id}/end")
    pages.append(f"/debrief/{session_id}")
    for path in pages:
        forms = parse(fake_client.get(path).text).find_all("form")
        assert forms, path
        assert {f.find("input", name="csrf").attrs["value"] for f in forms} == {token}, path


def test_forms_without_the_token_are_refused_and_change_nothing(fake_client: TestClient) -> None:
    started = fake_client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
    session_id = started.headers["location"].rsplit("/", 1)[-1]
    fake_client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    forged = _forged(fake_client)
    for path, form in (
        ("/play", {"scenario_id": "missed-delivery"}),
        (f"/play/{session_id}", {"reply": "Posted by another site."}),
        (f"/play/{session_id}/retry", {"turn": "1"}),
        (f"/play/{session_id}/end", {}),
        (f"/debrief/{session_id}/reflection", {"went_well": "Posted by another site."}),
        ("/signin", {"username": "ana", "password": "a guess at it"}),
        ("/signout", {}),
    ):
        for token in (None, "a-guessed-token-that-is-long-enough-000000"):
            data = form if token is None else {**form, "csrf": token}
            assert_error(forged.post(path, data=data, headers=HTML, follow_redirects=False), 403, "csrf")
    doc = parse(fake_client.get(f"/play/{session_id}").text)
    assert len(doc.find_all("li", class_="you")) == 1 and doc.find("form", id="reply-form")
    assert "Posted by another site." not in doc.text
    assert len(fake_client.app.state.repo.all_sessions()) == 1  # type: ignore[attr-defined]
