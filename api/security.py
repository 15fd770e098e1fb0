"""Credentials at the edge. Trainer endpoints take `Authorization: Bearer <GYM_TRAINER_TOKEN>` or a trainer-scoped
API key; integration endpoints take an API key (`X-API-Key: gym_...`) holding their scope."""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from api.deps import get_keys
from api.errors import ApiError
from practice.integrations.keys import PREFIX, ApiKey, key_id_of, secret_matches, sliding_rate

TRAINER_COOKIE = "gym_trainer"


def require_trainer(request: Request) -> str:
    """The trainer token (bearer or login cookie), or an API key with scope "trainer"."""
    if _presented_key(request):
        return "key:" + authorised_key(request, "trainer").name
    expected = request.app.state.settings.trainer_token
    if not expected:
        raise ApiError(
            403, "forbidden", "trainer access is not configured on this server (set GYM_TRAINER_TOKEN)"
        )
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not token and request.cookies.get(TRAINER_COOKIE):  # the browser's trainer login
        scheme, token = "bearer", request.cookies[TRAINER_COOKIE]
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401,
            "unauthorized",
            "trainer credentials required: Authorization: Bearer <token>",
            [{"field": "authorization", "message": "missing bearer token"}],
        )
    if not hmac.compare_digest(token.strip().encode(), expected.get_secret_value().encode()):
        raise ApiError(
            401,
            "unauthorized",
            "trainer credentials are not valid",
            [{"field": "authorization", "message": "unknown token"}],
        )
    return "trainer"


TrainerDep = Annotated[str, Depends(require_trainer)]


API_KEY_HEADER = "x-api-key"


def _presented_key(request: Request) -> str:
    """The API key from `X-API-Key`, or from `Authorization: Bearer gym_...`."""
    key = request.headers.get(API_KEY_HEADER, "").strip()
    if not key:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token.strip().startswith(f"{PREFIX}_"):
            key = token.strip()
    return key


def authorised_key(request: Request, scope: str, cost: int = 1) -> ApiKey:
    """The caller's API key if it is valid, active and holds `scope`; counts `cost` against its rate (0: the
    route counts it with `charge`, once it knows the cost)."""
    presented = _presented_key(request)
    field = [{"field": API_KEY_HEADER, "message": ""}]
    if not presented:
        field[0]["message"] = "missing"
        raise ApiError(
            401, "unauthorized", f"an API key with scope {scope!r} is required (header X-API-Key)", field
        )
    keys = get_keys(request)
    key_id = key_id_of(presented)
    found = keys.get_key(key_id) if key_id else None
    if found is None or not secret_matches(presented, found[1]):
        field[0]["message"] = "unknown key"
        raise ApiError(401, "unauthorized", "the API key is not valid", field)
    key = found[0]
    if not key.active:
        field[0]["message"] = "revoked"
        raise ApiError(401, "unauthorized", f"the API key {key.name!r} has been revoked", field)
    if scope not in key.scopes:
        field[0]["message"] = f"scopes: {', '.join(key.scopes)}"
        raise ApiError(403, "forbidden", f"the API key {key.name!r} lacks scope {scope!r}", field)
    if cost:
        charge(request, key, cost)
    return key


def charge(request: Request, key: ApiKey, cost: int = 1) -> None:
    """Count `cost` against the key's per-minute rate, 429 past it. The rate counts what a call costs: a request
    counts one, a batch one per item, so a batch of 64 spends as much as 64 single calls."""
    keys = get_keys(request)
    now = time.time()
    window = int(now // 60)
    # Counted first, atomically, so replicas and concurrent requests never let more through than the rate;
    # a refused request counts too, so hammering a limit does not wear it down.
    before = keys.count_use(key.id, window, cost) - cost
    previous = keys.used_in(key.id, window - 1)
    retry = sliding_rate(previous, before, now / 60 - window, key.rate_per_minute, cost)
    if retry is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"the API key {key.name!r} is limited to {key.rate_per_minute} requests per minute "
            "(a batch counts one per item)",
            [{"field": API_KEY_HEADER, "message": f"retry after {retry} s"}],
            headers={"Retry-After": str(retry)},
        )


def require_scope(scope: str, cost: int = 1) -> Callable[[Request], ApiKey]:
    def dependency(request: Request) -> ApiKey:
        return authorised_key(request, scope, cost)

    return dependency


ScoreKey = Annotated[ApiKey, Depends(require_scope("score"))]
# Checked before the body is validated; the route charges the batch's cost once it knows it.
ScoreBatchKey = Annotated[ApiKey, Depends(require_scope("score", cost=0))]
SessionsKey = Annotated[ApiKey, Depends(require_scope("sessions"))]
