"""Security headers on every answer (issue 13, finding 13): a CSP without inline script that only this service,
registered LTI platforms and configured origins may frame, nosniff and a same-origin referrer."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from practice.integrations.lti import Platform
from practice.settings import Settings
from server.main import create_app
from tests.fakes import fake_scorer

HTML = {"accept": "text/html"}


def test_pages_api_answers_and_refusals_carry_the_headers(fake_client: TestClient) -> None:
    for response in (
        fake_client.get("/"),
        fake_client.get("/api/v1/scenarios"),
        fake_client.get("/api/v1/sessions/ab%00cd"),  # refused by a middleware before the app
        fake_client.get("/no-such-page", headers=HTML),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy
        assert policy.endswith("frame-ancestors 'self'")
    assert "content-security-policy" not in fake_client.get("/docs").headers  # Swagger UI runs inline script


def test_docs_load_every_asset_from_this_service(fake_client: TestClient) -> None:
    """/docs works without internet: each script, style and icon it names is served here, nothing from a CDN."""
    page = fake_client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(assets) == 3 and all(a.startswith("/docs-assets/") for a in assets), assets
    for asset in assets:
        served = fake_client.get(asset)
        assert served.status_code == 200 and len(served.content) > 500, asset
    assert fake_client.get("/redoc").status_code == 404  # ReDoc would come from a CDN: not offered


def test_registered_platforms_and_configured_origins_may_frame_the_tool(
    tmp_path: Path, scenarios_dir: Path
) -> None:
    settings = Settings(
        scenarios_dir=scenarios_dir, data_dir=tmp_path, frame_ancestors="https://lms.example.org"
    )
    with TestClient(create_app(settings, scorer=fake_scorer())) as client:
        client.app.state.lti.add_platform(  # type: ignore[attr-defined]
            Platform(
                issuer="https://moodle.example.edu/",
                client_id="tool",
                deployment_ids=("1",),
                login_url="https://moodle.example.edu/auth",
                token_url="https://moodle.example.edu/token",
                jwks_url="https://moodle.example.edu/jwks",
                name="Moodle",
            )
        )
        policy = client.get("/").headers["content-security-policy"]
    assert policy.endswith("frame-ancestors 'self' https://lms.example.org https://moodle.example.edu")
