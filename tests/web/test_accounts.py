"""Accounts in the browser: sign-in and sign-out, invites, a learner's history on any device, trainers' pages
behind a sign-in, identities that come only from signing in, and throttled guessing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.identity import USER_COOKIE
from practice.settings import Settings
from practice.storage import tables
from server.main import create_app
from tests.api.conftest import PASSWORD, TRAINER_TOKEN, BrowserClient, sign_in_as
from tests.fakes import fake_scorer
from tests.helpers import assert_error
from tests.web.html import parse

HTML = {"accept": "text/html"}


def app_client(scenarios_dir: Path, **overrides: object) -> BrowserClient:
    settings = Settings(
        scenarios_dir=scenarios_dir,
        scenarios_check_every=0,
        trainer_token=TRAINER_TOKEN,
        data_dir=scenarios_dir.parent / "data",
        **overrides,  # type: ignore[arg-type]
    )
    return BrowserClient(create_app(settings, scorer=fake_scorer()))


def play(client: TestClient) -> str:
    started = client.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
    assert started.status_code == 303, started.text
    session_id = started.headers["location"].rsplit("/", 1)[-1]
    client.post(f"/play/{session_id}", data={"reply": "Tell me more."})
    return session_id


def test_trainer_pages_ask_a_browser_to_sign_in_and_open_to_a_trainer_account(
    fake_client: TestClient,
) -> None:
    sent = fake_client.get("/trainer", headers=HTML, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/signin?next=%2Ftrainer"
    wrong = fake_client.post(
        "/signin", data={"username": "tina", "password": "not her password"}, headers=HTML
    )
    assert wrong.status_code == 401 and "do not match" in wrong.text
    sign_in_as(fake_client, "tina", role="trainer")
    page = parse(fake_client.get("/trainer", headers=HTML).text)
    assert page.find_all("a", href="/trainer") and page.find("span", id="signed-in").text == "Tina"
    fake_client.post("/signout")
    assert fake_client.get("/trainer", headers=HTML, follow_redirects=False).status_code == 303


def test_a_learner_account_is_not_a_trainer(fake_client: TestClient) -> None:
    sign_in_as(fake_client, "lena")
    assert_error(fake_client.get("/trainer"), 403, "role")
    assert_error(fake_client.post("/trainer/people/invites", data={"role": "learner"}), 403, "role")
    assert not parse(fake_client.get("/").text).find_all("a", href="/trainer")


def test_sign_out_ends_the_sign_in_on_the_server_too(fake_client: TestClient) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    token = fake_client.cookies[USER_COOKIE]
    stored = fake_client.app.state.accounts.engine  # type: ignore[attr-defined]
    with stored.connect() as db:
        hashes = [r[0] for r in db.execute(select(tables.sign_ins.c.token_hash))]
        password_hash = db.execute(select(tables.users.c.password_hash)).scalar_one()
    assert len(hashes) == 1 and token not in hashes[0] and len(hashes[0]) == 64  # only its SHA-256 is kept
    assert password_hash.startswith("$argon2id$") and PASSWORD not in password_hash
    fake_client.post("/signout")
    fake_client.cookies.set(USER_COOKIE, token)  # a copy of the old cookie no longer signs anyone in
    assert fake_client.get("/trainer", follow_redirects=False).status_code == 401


def test_an_invite_makes_a_learner_once(fake_client: TestClient, scenarios_dir: Path) -> None:
    sign_in_as(fake_client, "tina", role="trainer")
    assert_error(fake_client.post("/trainer/people/invites", data={"role": "trainer"}), 422, "role")
    made = fake_client.post("/trainer/people/invites", data={"role": "learner"})
    assert made.status_code == 201
    link = parse(made.text).find("code", id="invite-link").text
    path = link.removeprefix("http://127.0.0.1:8000")
    with app_client(scenarios_dir) as other:  # the learner's own browser, on the same database
        form = parse(other.get(path).text)
        assert "learner account" in form.text
        short = other.post(path, data={"username": "lena", "name": "Lena Ionescu", "password": "short"})
        assert short.status_code == 422 and parse(short.text).find("p", id="password-error")
        joined = other.post(path, data={"username": "lena", "name": "Lena Ionescu", "password": PASSWORD})
        assert (
            joined.status_code == 200
            and parse(joined.text).find("span", id="signed-in").text == "Lena Ionescu"
        )
        again = other.post(path, data={"username": "lena2", "name": "Someone", "password": PASSWORD})
        assert_error(again, 404, "invite")
    people = parse(fake_client.get("/trainer/people").text).find("table", id="people").text
    assert "Lena Ionescu" in people and "lena2" not in people


def test_a_learner_resumes_on_another_device_and_nobody_else_can(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    sign_in_as(fake_client, "lena")
    session_id = play(fake_client)
    with app_client(scenarios_dir) as laptop:
        assert "missed" not in laptop.get("/history").text.lower()
        laptop.post("/signin", data={"username": "lena", "password": PASSWORD})
        assert session_id in laptop.get("/history").text
        resumed = laptop.post(f"/play/{session_id}", data={"reply": "What happened next?"})
        assert resumed.status_code == 200
        assert len(parse(resumed.text).find_all("li", class_="you")) == 2
    with app_client(scenarios_dir) as stranger:
        sign_in_as(stranger, "mara")
        assert stranger.get(f"/play/{session_id}").status_code == 404
        assert session_id not in stranger.get("/history").text
        stranger.cookies.set(USER_COOKIE, "a-forged-sign-in-token-of-the-right-length")
        assert stranger.get(f"/play/{session_id}").status_code == 404


def test_a_request_body_cannot_name_a_learner_without_an_integration_key(fake_client: TestClient) -> None:
    spoofed = fake_client.post(
        "/api/v1/sessions", json={"scenario_id": "missed-delivery", "learner_id": "ana@example.com"}
    )
    assert_error(spoofed, 403, "learner_id")
    assert fake_client.app.state.repo.all_sessions() == []  # type: ignore[attr-defined]
    user = sign_in_as(fake_client, "ana")
    mine = fake_client.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"})
    assert mine.status_code == 201 and mine.json()["learner_id"] == user.learner_id == "ana"


def test_guests_get_their_own_history_and_it_can_be_switched_off(
    fake_client: TestClient, scenarios_dir: Path
) -> None:
    session_id = play(fake_client)
    learner = fake_client.app.state.repo.all_sessions()[0].learner_id  # type: ignore[attr-defined]
    assert learner.startswith("guest-") and session_id in fake_client.get("/history").text
    with app_client(scenarios_dir, anonymous_practice=False) as closed:
        refused = closed.post("/play", data={"scenario_id": "missed-delivery"}, follow_redirects=False)
        assert refused.status_code == 401
        assert_error(
            closed.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"}), 401, "learner_id"
        )
        assert len(closed.app.state.repo.all_sessions()) == 1  # type: ignore[attr-defined]


def test_starts_and_password_guesses_are_throttled_per_client(scenarios_dir: Path) -> None:
    with app_client(scenarios_dir, throttle_starts_per_minute=3, throttle_sign_ins_per_minute=2) as client:
        codes = [
            client.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"}).status_code
            for _ in range(4)
        ]
        assert codes == [201, 201, 201, 429]
        refused = client.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"})
        assert_error(refused, 429, "starts")
        assert (
            1 <= int(refused.headers["retry-after"]) <= 120
        )  # refused requests count too, so it may exceed a minute
        assert len(client.app.state.repo.all_sessions()) == 3  # type: ignore[attr-defined]
        sign_in_as(client, "tina", role="trainer")  # a success is not counted
        client.post("/signout")
        for _ in range(2):
            assert (
                client.post("/signin", data={"username": "tina", "password": "a wrong guess"}).status_code
                == 401
            )
        # Past the limit even the right password is refused, so guessing gains nothing.
        assert_error(client.post("/signin", data={"username": "tina", "password": PASSWORD}), 429, "sign_ins")
        bearer = client.get("/trainer", headers={"authorization": "Bearer a-wrong-trainer-token-guess"})
        assert_error(bearer, 429, "sign_ins")
