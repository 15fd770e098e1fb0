"""LTI 1.3 end to end against a simulated platform on loopback: login, signed launch, play, grade passback;
refused launches; deep linking."""

from __future__ import annotations

import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from jwt.algorithms import RSAAlgorithm

from practice.integrations.lti import DL, LTI, LaunchRejected, Platform
from practice.settings import Settings
from tests.api.conftest import TRAINER_TOKEN
from tests.api.test_sessions_api import fake_app
from tests.api.test_xapi_delivery import wait_for
from tests.helpers import assert_error
from tests.lti_platform import CLIENT_ID, DEPLOYMENT, SimulatedPlatform

PUBLIC = "https://gym.example.org"


@pytest.fixture
def platform() -> Iterator[SimulatedPlatform]:
    with SimulatedPlatform() as running:
        yield running


@pytest.fixture
def tool(platform: SimulatedPlatform, scenarios_dir: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        scenarios_dir=scenarios_dir,
        scenarios_check_every=0,
        data_dir=tmp_path / "data",
        public_url=PUBLIC,
        outbox_poll_seconds=0.05,
        outbox_retry_base_seconds=0.05,
        outbox_retry_max_seconds=0.2,
        trainer_token=TRAINER_TOKEN,
    )
    with fake_app(settings) as client:
        registration = Platform(
            platform.url,
            CLIENT_ID,
            (DEPLOYMENT,),
            f"{platform.url}/auth",
            f"{platform.url}/token",
            f"{platform.url}/jwks",
            "simulated",
        )
        client.app.state.lti.add_platform(registration)  # type: ignore[attr-defined]
        platform.tool_jwks = client.get("/lti/jwks").json()  # what the admin pastes into the platform
        yield client


def login(tool: TestClient, platform: SimulatedPlatform) -> tuple[str, str]:
    """Third-party initiated login; the tool must send the browser to the platform with state and nonce."""
    params = {
        "iss": platform.url,
        "login_hint": "user-7",
        "target_link_uri": f"{PUBLIC}/lti/launch",
        "lti_message_hint": "hint-1",
        "client_id": CLIENT_ID,
    }
    response = tool.get("/lti/login", params=params, follow_redirects=False)
    assert response.status_code == 302, response.text
    location = urlparse(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{platform.url}/auth"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["redirect_uri"] == f"{PUBLIC}/lti/launch" and query["client_id"] == CLIENT_ID
    assert (query["scope"], query["response_type"], query["response_mode"], query["prompt"]) == (
        "openid",
        "id_token",
        "form_post",
        "none",
    )
    assert query["login_hint"] == "user-7" and query["lti_message_hint"] == "hint-1"
    return query["state"], query["nonce"]


def test_launch_play_and_grade_passback_through_a_gradebook_outage(
    tool: TestClient, platform: SimulatedPlatform
) -> None:
    state, nonce = login(tool, platform)
    launched = tool.post(
        "/lti/launch", data={"id_token": platform.id_token(nonce), "state": state}, follow_redirects=False
    )
    assert launched.status_code == 303, launched.text
    session_id = launched.headers["location"].removeprefix("/play/")
    assert tool.get(f"/play/{session_id}").status_code == 200  # the cookies hold the session
    # The launch signed the learner in to an account of their own: their history is theirs on this browser, and
    # a browser that only knows (or guesses) their learner id sees nothing.
    learner = tool.app.state.repo.get_session(session_id)[0].learner_id  # type: ignore[attr-defined]
    assert tool.app.state.accounts.by_learner_id(learner).origin == "lti"  # type: ignore[attr-defined]
    assert session_id in tool.get("/history").text
    with TestClient(tool.app) as stranger:
        stranger.cookies.set("gym_learner", learner)
        assert session_id not in stranger.get("/history").text
    for reply in ("So the units came late and nobody told you.", "What would help most now?"):
        assert tool.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": reply}).is_success
    platform.scores_down = True
    report = tool.post(f"/api/v1/sessions/{session_id}/finish").json()
    wait_for(lambda: platform.score_attempts >= 3)
    assert platform.scores == []
    platform.scores_down = False
    wait_for(lambda: len(platform.scores) == 1)
    time.sleep(0.3)  # more worker rounds: the score is not posted again
    assert len(platform.scores) == 1 and platform.refusals == []
    path, score = platform.scores[0]
    assert path == "/lineitems/1/scores?course=42"  # the line item's query string is kept
    assert score["userId"] == "user-7" and score["scoreMaximum"] == 100
    assert score["scoreGiven"] == round(report["overall"] * 100, 2)
    assert (score["activityProgress"], score["gradingProgress"]) == ("Completed", "FullyGraded")
    # A trainer's correction that leaves the grade as it was (this conversation never got past its first
    # beat, so its grade is 0 however the replies are judged) sends nothing more; see test_review_regrade for
    # one that changes it.
    trainer = {"authorization": "Bearer " + TRAINER_TOKEN}
    review = {"outcome": "understood", "comment": "A fair retell."}
    corrected = tool.put(f"/api/v1/sessions/{session_id}/turns/1/review", json=review, headers=trainer)
    assert corrected.status_code == 200 and corrected.json()["overall"] == report["overall"] == 0.0
    time.sleep(0.3)
    assert len(platform.scores) == 1
    # The same launch cannot be replayed: its state was used.
    again = tool.post("/lti/launch", data={"id_token": platform.id_token(nonce), "state": state})
    assert_error(again, 400, "state")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"aud": "another-tool"}, "id_token"),
        ({"aud": [CLIENT_ID, "another-tool"]}, "azp"),  # several audiences and no azp
        ({"aud": [CLIENT_ID, "another-tool"], "azp": "another-tool"}, "azp"),
        ({"azp": "another-tool"}, "azp"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "id_token"),
        ({"nonce": "not-the-one-issued"}, "nonce"),
        ({LTI + "deployment_id": "unregistered"}, LTI + "deployment_id"),
        ({LTI + "version": "1.1"}, LTI + "version"),
        ({LTI + "custom": None, LTI + "target_link_uri": f"{PUBLIC}/lti/launch"}, LTI + "custom.scenario"),
    ],
)
def test_launches_that_do_not_check_out_are_refused_and_start_nothing(
    tool: TestClient, platform: SimulatedPlatform, change: dict[str, Any], field: str
) -> None:
    state, nonce = login(tool, platform)
    token = platform.id_token(nonce, changes=change)
    assert_error(tool.post("/lti/launch", data={"id_token": token, "state": state}), 400, field)
    assert tool.app.state.repo.all_sessions() == []  # type: ignore[attr-defined]


def test_a_launch_signed_by_another_key_or_without_login_is_refused(
    tool: TestClient, platform: SimulatedPlatform
) -> None:
    state, nonce = login(tool, platform)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = platform.id_token(nonce, signer=forger)
    assert_error(tool.post("/lti/launch", data={"id_token": forged, "state": state}), 400, "id_token")
    assert_error(
        tool.post("/lti/launch", data={"id_token": platform.id_token(nonce), "state": "made-up"}),
        400,
        "state",
    )
    assert_error(
        tool.get("/lti/login", params={"iss": "https://unknown.example", "login_hint": "x"}), 400, "iss"
    )
    assert_error(tool.get("/lti/login", params={"iss": platform.url}), 400, "login_hint")
    assert tool.app.state.repo.all_sessions() == []  # type: ignore[attr-defined]


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or ""})
        elif tag == "input" and a.get("name") == "JWT":
            self.forms[-1]["jwt"] = a.get("value") or ""


def test_deep_linking_offers_every_scenario_as_a_signed_graded_link(
    tool: TestClient, platform: SimulatedPlatform
) -> None:
    state, nonce = login(tool, platform)
    settings = {
        "deep_link_return_url": f"{platform.url}/deep-return",
        "accept_types": ["ltiResourceLink"],
        "data": "opaque-<xss>",
    }
    token = platform.id_token(
        nonce,
        changes={
            LTI + "message_type": "LtiDeepLinkingRequest",
            DL + "deep_linking_settings": settings,
            LTI + "resource_link": None,
        },
    )
    page = tool.post("/lti/launch", data={"id_token": token, "state": state})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parser = _Forms()
    parser.feed(page.text)
    scenarios = {s["id"] for s in tool.get("/api/v1/scenarios").json()["scenarios"]}
    assert len(parser.forms) == len(scenarios)
    tool_key = tool.get("/lti/jwks").json()["keys"][0]
    chosen = set()
    for form in parser.forms:
        assert form["action"] == f"{platform.url}/deep-return"
        claims = jwt.decode(
            form["jwt"],
            RSAAlgorithm.from_jwk(tool_key),
            algorithms=["RS256"],  # type: ignore[arg-type]
            audience=platform.url,
            issuer=CLIENT_ID,
        )
        assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse"
        assert claims[LTI + "deployment_id"] == DEPLOYMENT and claims[DL + "data"] == "opaque-<xss>"
        (item,) = claims[DL + "content_items"]
        assert item["type"] == "ltiResourceLink" and item["url"] == f"{PUBLIC}/lti/launch"
        assert item["lineItem"]["scoreMaximum"] == 100
        chosen.add(item["custom"]["scenario"])
    assert chosen == scenarios


def test_an_id_token_for_several_audiences_is_accepted_when_azp_names_this_tool() -> None:
    from adapters.lti_platform import check_azp

    check_azp({"aud": [CLIENT_ID, "another-tool"], "azp": CLIENT_ID}, CLIENT_ID)  # no LaunchRejected
    check_azp({"aud": CLIENT_ID}, CLIENT_ID)
    with pytest.raises(LaunchRejected, match="several audiences"):
        check_azp({"aud": [CLIENT_ID, "another-tool"]}, CLIENT_ID)


def test_a_launch_posted_from_another_browser_is_refused_login_csrf(
    tool: TestClient, platform: SimulatedPlatform
) -> None:
    # The attacker logs in in their own browser and has the victim's browser post their id_token and state.
    state, nonce = login(tool, platform)
    victim = TestClient(tool.app)
    posted = victim.post("/lti/launch", data={"id_token": platform.id_token(nonce), "state": state})
    assert_error(posted, 400, "state")
    assert tool.app.state.repo.all_sessions() == []  # type: ignore[attr-defined]
    # The state is bound to the browser that logged in, and still works there.
    own = tool.post(
        "/lti/launch", data={"id_token": platform.id_token(nonce), "state": state}, follow_redirects=False
    )
    assert own.status_code == 303 and len(tool.app.state.repo.all_sessions()) == 1  # type: ignore[attr-defined]


def test_logins_are_throttled_per_client(tool: TestClient, platform: SimulatedPlatform) -> None:
    tool.app.state.settings.throttle_logins_per_minute = 3  # type: ignore[attr-defined]
    for _ in range(3):
        login(tool, platform)
    refused = tool.get("/lti/login", params={"iss": platform.url, "login_hint": "u", "client_id": CLIENT_ID})
    assert_error(refused, 429, "logins")
    assert int(refused.headers["retry-after"]) >= 1
