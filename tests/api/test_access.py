"""Every endpoint, by the credential it needs: each protected one refuses missing, wrong and revoked credentials,
and a learner's session token opens that session only. New routes must be classified here, or this fails."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from api.security import API_KEY_HEADER
from tests.api.conftest import TRAINER_TOKEN, issue_key
from tests.api.test_sessions_api import start
from web import accounts, debrief_pages, editor, editor_versions, pages, review, teams, trainer

S = "{session_id}"
TRAINER = {
    ("PUT", "/api/v1/scenarios/{scenario_id}"),
    ("GET", "/api/v1/scenarios/problems"),
    ("GET", "/trainer"),
    ("GET", "/trainer/scenarios/{scenario_id}"),
    ("GET", "/trainer/scenarios/{scenario_id}/results.csv"),
    ("GET", "/trainer/learners/{learner_id}"),
    ("GET", "/trainer/sessions/{session_id}"),
    ("GET", "/trainer/people"),
    ("POST", "/trainer/people/invites"),
    ("PUT", "/api/v1/sessions/{session_id}/turns/{turn}/review"),
    ("POST", "/trainer/sessions/{session_id}/turns/{turn}/review"),
    ("GET", "/trainer/teams"),
    ("POST", "/trainer/teams"),
    ("GET", "/trainer/teams/{team_id}"),
    ("POST", "/trainer/teams/{team_id}/members"),
    ("POST", "/trainer/teams/{team_id}/assignments"),
    ("GET", "/trainer/teams/{team_id}/results.csv"),
    ("GET", "/trainer/editor"),
    ("POST", "/trainer/editor/new"),
    ("GET", "/trainer/editor/{scenario_id}"),
    ("POST", "/trainer/editor/{scenario_id}"),
    ("POST", "/trainer/editor/{scenario_id}/validate"),
    ("POST", "/trainer/editor/{scenario_id}/check"),
    ("POST", "/trainer/editor/{scenario_id}/preview"),
    ("POST", "/trainer/editor/{scenario_id}/publish"),
    ("GET", "/trainer/editor/{scenario_id}/history"),
    ("GET", "/trainer/editor/{scenario_id}/versions/{version}"),
    ("POST", "/trainer/editor/{scenario_id}/versions/{version}/restore"),
}
SCORE_KEY = {("POST", "/api/v1/score"), ("POST", "/api/v1/score/batch")}
SESSIONS_KEY = {("GET", "/api/v1/results")}
SESSION_TOKEN = {
    ("POST", f"/api/v1/sessions/{S}/turns"),
    ("GET", f"/api/v1/sessions/{S}"),
    ("POST", f"/api/v1/sessions/{S}/finish"),
    ("POST", f"/api/v1/sessions/{S}/reflection"),
    ("POST", f"/api/v1/sessions/{S}/rewind"),
    ("GET", f"/play/{S}"),
    ("POST", f"/play/{S}"),
    ("POST", f"/play/{S}/retry"),
    ("POST", f"/play/{S}/end"),
    ("GET", f"/debrief/{S}"),
    ("POST", f"/debrief/{S}/reflection"),
}
# Open by design: reading the catalogue, starting one's own session, one's own history (by sign-in), signing in,
# signing up with an invite's token,
# the LTI handshake (checked by signature), health and docs.
PUBLIC = {
    ("GET", "/healthz"),
    ("GET", "/api/v1/scenarios"),
    ("GET", "/api/v1/scenarios/{scenario_id}"),
    ("POST", "/api/v1/sessions"),
    ("GET", "/lti/jwks"),
    ("GET", "/lti/login"),
    ("POST", "/lti/login"),
    ("POST", "/lti/launch"),
    ("GET", "/"),
    ("GET", "/scenarios/{scenario_id}"),
    ("POST", "/play"),
    ("GET", "/history"),
    ("GET", "/trainer/login"),
    ("GET", "/signin"),
    ("POST", "/signin"),
    ("POST", "/signout"),
    ("GET", "/invite/{token}"),
    ("POST", "/invite/{token}"),
}


def all_routes(client: TestClient) -> set[tuple[str, str]]:
    found = {(m.upper(), path) for path, ops in client.app.openapi()["paths"].items() for m in ops}  # type: ignore[attr-defined]
    for router in (
        pages.router,
        debrief_pages.router,
        trainer.router,
        accounts.router,
        review.router,
        teams.router,
        editor.router,
        editor_versions.router,
    ):
        found |= {(m, r.path) for r in router.routes for m in r.methods - {"HEAD"}}  # type: ignore[attr-defined]
    return found


def test_every_route_is_classified(fake_client: TestClient) -> None:
    classified = TRAINER | SCORE_KEY | SESSIONS_KEY | SESSION_TOKEN | PUBLIC
    assert all_routes(fake_client) == classified


def call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> int:
    url = path.format(
        scenario_id="missed-delivery",
        learner_id="ana",
        session_id="0123456789abcdef",
        turn=1,
        team_id="0123456789abcdef",
        version=1,
    )
    body = {"json": {}} if method in ("POST", "PUT") and url.startswith("/api/") else {}
    return client.request(method, url, headers=headers, follow_redirects=False, **body).status_code  # type: ignore[arg-type]


def test_protected_routes_refuse_missing_wrong_and_revoked_credentials(fake_client: TestClient) -> None:
    revoked = {
        scope: issue_key(fake_client, [scope], name=f"old-{scope}")
        for scope in ("trainer", "score", "sessions")
    }
    for scope in revoked:
        fake_client.app.state.keys.revoke(f"old-{scope}", datetime.now(UTC))  # type: ignore[attr-defined]
    wrong_scope = issue_key(fake_client, ["score"], name="score-only")
    cases = [(TRAINER, "trainer"), (SCORE_KEY, "score"), (SESSIONS_KEY, "sessions")]
    for routes, scope in cases:
        for method, path in sorted(routes):
            attempts = {
                "missing": {},
                "wrong": {API_KEY_HEADER: "gym_0123456789ab_" + "x" * 32},
                "revoked": {API_KEY_HEADER: revoked[scope]},
            }
            if scope == "trainer":
                attempts["wrong token"] = {"authorization": "Bearer not-the-trainer-token-at-all"}
            if scope != "score":
                attempts["wrong scope"] = {API_KEY_HEADER: wrong_scope}
            for name, headers in attempts.items():
                status = call(fake_client, method, path, headers)
                assert status in (401, 403), (method, path, name, status)
    # and the right credentials open them (so the refusals above were about credentials)
    assert call(fake_client, "GET", "/trainer", {"authorization": f"Bearer {TRAINER_TOKEN}"}) == 200
    assert (
        call(fake_client, "GET", "/api/v1/results", {API_KEY_HEADER: issue_key(fake_client, ["sessions"])})
        == 200
    )


def test_a_session_token_opens_its_own_session_only(fake_client: TestClient) -> None:
    mine, my_auth = start(fake_client, learner="ana")
    theirs, _ = start(fake_client, learner="ben")
    for method, path in sorted(SESSION_TOKEN):
        for headers in ({}, my_auth, {"authorization": "Bearer forged-token"}):
            status = call(fake_client, method, path.replace(S, theirs), headers)
            assert status == 404, (method, path, headers, status)
    assert call(fake_client, "GET", f"/api/v1/sessions/{mine}", my_auth) == 200
    # An API key, even a trainer's, is not a learner's session token.
    trainer_key = {API_KEY_HEADER: issue_key(fake_client, ["trainer", "sessions", "score"])}
    assert call(fake_client, "GET", f"/api/v1/sessions/{theirs}", trainer_key) == 404


def test_every_json_endpoint_describes_its_answer(fake_client: TestClient) -> None:
    """The OpenAPI schema names a typed model for each JSON answer (the LTI login and launch redirect)."""
    untyped = []
    for path, ops in fake_client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        for method, op in ops.items():
            ok = [code for code in op["responses"] if code.startswith("2")]
            schema = op["responses"][ok[0]].get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" not in schema and path not in ("/lti/login", "/lti/launch"):
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []
