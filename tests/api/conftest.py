from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.security import API_KEY_HEADER
from practice.accounts.model import User
from practice.accounts.service import create_user
from practice.integrations.keys import create_key
from practice.scoring.scorer import ListeningScorer
from practice.settings import Settings
from server.main import create_app
from tests.fakes import fake_scorer
from web.csrf import COOKIE as CSRF_COOKIE

ROOT = Path(__file__).parents[2]
TRAINER_TOKEN = "trainer-token-for-tests-0123456789"


@pytest.fixture
def scenarios_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled scenarios, so uploads in one test cannot leak into another."""
    target = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", target)
    return target


class BrowserClient(TestClient):
    """A test client that submits forms as a browser does from the rendered page: with the page's CSRF token.
    The CSRF tests use a plain TestClient, or a token of their own, to show what happens without it."""

    def post(self, url: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        bare = not any(k in kwargs for k in ("data", "json", "content", "files")) and not str(url).startswith(
            "/api/"
        )
        data = {} if bare else kwargs.get("data")  # a page's button: a form with only the token
        if isinstance(data, dict) and "csrf" not in data:
            if self.cookies.get(CSRF_COOKIE) is None:
                self.get("/")
            kwargs["data"] = {**data, "csrf": self.cookies.get(CSRF_COOKIE)}
        return super().post(url, **kwargs)


@pytest.fixture
def fake_client(scenarios_dir: Path) -> Iterator[TestClient]:
    """The app over a fake encoder: for everything about the HTTP edge that is not the model's judgement."""
    scorer = fake_scorer()
    settings = Settings(
        max_body_bytes=20_000,
        scenarios_dir=scenarios_dir,
        scenarios_check_every=0,
        trainer_token=TRAINER_TOKEN,
        data_dir=scenarios_dir.parent / "data",
    )
    with BrowserClient(create_app(settings, scorer=scorer)) as client:
        yield client


@pytest.fixture
def score_client(fake_client: TestClient) -> TestClient:
    """The fake-encoder app, calling with a key scoped to the scoring API."""
    fake_client.headers[API_KEY_HEADER] = issue_key(fake_client, ["score"])
    return fake_client


def lms_headers(client: TestClient) -> dict[str, str]:
    """The headers of a trusted integration (an API key of scope `sessions`): the only caller that may name a
    learner when starting a session. One key per client."""
    if not hasattr(client, "lms_key"):
        client.lms_key = issue_key(client, ["sessions"], rate=6000, name="lms")  # type: ignore[attr-defined]
    return {API_KEY_HEADER: client.lms_key}  # type: ignore[attr-defined]


PASSWORD = "correct horse battery"


def sign_in_as(client: TestClient, username: str, role: str = "learner") -> User:
    """An account made as `practice users create` makes it, signed in on `client` through the sign-in form."""
    user = create_user(
        client.app.state.accounts, username, username.title(), role, PASSWORD, datetime.now(UTC)
    )  # type: ignore[attr-defined]
    answer = client.post("/signin", data={"username": username, "password": PASSWORD}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return user


def issue_key(client: TestClient, scopes: list[str], rate: int = 600, name: str = "tests") -> str:
    """A new API key stored in the app's database, as `practice keys create` makes it."""
    new, secret_hash = create_key(name, scopes, rate, datetime.now(UTC))
    client.app.state.keys.add_key(new.key, secret_hash)  # type: ignore[attr-defined]
    return new.secret


@pytest.fixture(scope="session")
def real_client(
    real_scorer: ListeningScorer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = Settings(scenarios_dir=ROOT / "scenarios", data_dir=tmp_path_factory.mktemp("data"))
    with TestClient(create_app(settings, scorer=real_scorer)) as client:
        client.headers[API_KEY_HEADER] = issue_key(client, ["score"], rate=100_000)
        yield client
