"""The tool's LTI 1.3 endpoints: OIDC login initiation, the launch (resource link or deep linking), its JWKS.

Blocking work (database, the platform's JWKS over HTTP, RSA) runs in the thread pool, off the event loop.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from adapters.lti_crypto import generate_key, public_jwks, sign
from adapters.lti_platform import verify_id_token
from api.errors import ApiError
from api.identity import accounts, start_sign_in, throttle
from practice.accounts.service import platform_user
from practice.integrations.lti import DEEP_LINKING, deep_link_response, read_launch
from practice.sessions.service import start_session
from practice.storage.lti import SqlLtiRegistry
from web.pages import enter_session, page

router = APIRouter(prefix="/lti", tags=["lti"])
STATE_MAX_AGE = timedelta(minutes=10)


def _registry(request: Request) -> SqlLtiRegistry:
    registry: SqlLtiRegistry = request.app.state.lti
    return registry


def _refuse(field: str, message: str) -> ApiError:
    return ApiError(400, "lti_rejected", message, [{"field": field, "message": message}])


def tool_key(request: Request) -> tuple[str, str]:
    return _registry(request).tool_key(generate_key, datetime.now(UTC))


class Jwks(BaseModel):
    """A JSON Web Key Set (RFC 7517): the tool's public RSA keys."""

    model_config = ConfigDict(extra="allow")
    keys: list[dict[str, Any]]


@router.get("/jwks", summary="The tool's public keys (give this URL to the platform)")
def jwks(request: Request) -> Jwks:
    return Jwks.model_validate(public_jwks(*tool_key(request)))


@router.get("/login", summary="OIDC login initiation (third-party initiated login)")
def login_get(request: Request) -> Response:
    return _login(request, dict(request.query_params))


@router.post("/login", summary="OIDC login initiation, by form post")
async def login_post(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    return await run_in_threadpool(_login, request, {**dict(request.query_params), **form})


def _login(request: Request, params: dict[str, str]) -> Response:
    throttle(request, "logins")  # each login stores a one-time state: bounded per client
    issuer, hint = params.get("iss", ""), params.get("login_hint", "")
    if not issuer:
        raise _refuse("iss", "the login names no platform (iss)")
    platform = _registry(request).platform(issuer, params.get("client_id") or None)
    if platform is None:
        raise _refuse("iss", f"platform {issuer!r} is not registered here (practice lti add-platform)")
    if not hint:
        raise _refuse("login_hint", "the login carries no login_hint")
    state, nonce = _registry(request).new_state(platform.issuer, platform.client_id, datetime.now(UTC))
    query = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": platform.client_id,
        "redirect_uri": request.app.state.settings.public_url + "/lti/launch",
        "login_hint": hint,
        "state": state,
        "nonce": nonce,
    }
    if params.get("lti_message_hint"):
        query["lti_message_hint"] = params["lti_message_hint"]
    separator = "&" if "?" in platform.login_url else "?"
    response = RedirectResponse(platform.login_url + separator + urlencode(query), status_code=302)
    # Bind the state to this browser (LTI security framework 5.1.1.2): the launch must come back with it.
    secure = request.url.scheme == "https"
    response.set_cookie(
        state_cookie(state),
        state,
        max_age=int(STATE_MAX_AGE.total_seconds()),
        path="/lti",
        httponly=True,
        secure=secure,
        samesite="none" if secure else "lax",  # the launch is a cross-site form post from the platform
    )
    return response


def state_cookie(state: str) -> str:
    """One cookie per login, so launches in two tabs do not overwrite each other's state."""
    return "gym_lti_" + hashlib.sha256(state.encode()).hexdigest()[:16]


@router.post("/launch", summary="The platform's signed launch (id_token and state, form-posted)")
async def launch(request: Request) -> Response:
    form = await request.form()
    id_token, state = str(form.get("id_token", "")), str(form.get("state", ""))
    return await run_in_threadpool(_launch, request, id_token, state)


def _launch(request: Request, id_token: str, state: str) -> Response:
    if not id_token:
        raise _refuse("id_token", "the launch carries no id_token")
    registry = _registry(request)
    if not state or not hmac.compare_digest(request.cookies.get(state_cookie(state), ""), state):
        raise _refuse("state", "this launch did not start from a login in this browser")
    taken = registry.take_state(state, datetime.now(UTC), STATE_MAX_AGE)
    if taken is None:
        raise _refuse("state", "this launch's login state is unknown, used already, or older than 10 minutes")
    nonce, issuer, client_id = taken
    platform = registry.platform(issuer, client_id)
    if platform is None:
        raise _refuse("iss", f"platform {issuer!r} is no longer registered")
    claims = verify_id_token(request.app.state.keysets, id_token, platform)
    found = read_launch(claims, platform, nonce)
    library = request.app.state.library
    if found.kind == DEEP_LINKING:
        kid, pem = tool_key(request)
        launch_url = request.app.state.settings.public_url + "/lti/launch"
        choices = [
            {
                "title": s.title,
                "situation": s.situation,
                "jwt": sign(deep_link_response(found, s, launch_url, int(time.time())), kid, pem),
            }
            for s in library.all()
        ]
        return_url = found.deep_link["deep_link_return_url"]
        return page(request, "lti_deep_link.html", choices=choices, return_url=return_url)
    assert found.scenario_id is not None
    link = {"issuer": platform.issuer, "client_id": platform.client_id, "user": found.user}
    link["lineitem"] = found.lineitem or ""
    # The launch signs the learner in to their account (made on their first launch): their history is theirs,
    # and nobody reads it by guessing an id.
    response: Response = RedirectResponse("/", status_code=303)
    user = platform_user(accounts(request), found.learner_id, found.name, datetime.now(UTC))
    start_sign_in(request, response, user)
    started = start_session(request.app.state.repo, library, found.scenario_id, user.learner_id, lti=link)
    response = enter_session(request, response, started.session.id, started.token)
    response.delete_cookie(state_cookie(state), path="/lti")
    return response
