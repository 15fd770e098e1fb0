"""Credentials at the edge. Trainer endpoints take a signed-in trainer, `Authorization: Bearer <GYM_TRAINER_TOKEN>`
or a trainer-scoped API key; integration endpoints take an API key (`X-API-Key: gym_...`) holding their scope."""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from api.deps import get_keys
from api.errors import ApiError
from api.identity import API_KEY_HEADER, credentials, current_user, throttle
from practice.integrations.keys import ApiKey, key_id_of, retry_after, secret_matches


def require_trainer(request: Request) -> str:
    """A trainer-scoped API key, the trainer token as a bearer (for scripts), or a signed-in trainer or admin."""
    presented = credentials(request)
    if presented.api_key:
        return "key:" + authorised_key(request, "trainer").name
    if presented.bearer or presented.other_scheme:
        return _trainer_token(request, presented.bearer)
    user = current_user(request)
    if user is None:
        raise ApiError(
            401,
            "unauthorized",
            "trainer credentials required: sign in as a trainer, or send Authorization: Bearer <token>",
            [{"field": "authorization", "message": "not signed in, and no bearer token"}],
        )
    if not user.is_trainer:
        raise ApiError(403, "forbidden", "this is for trainers", [{"field": "role", "message": user.role}])
    return "user:" + user.id


def _trainer_token(request: Request, token: str) -> str:
    expected = request.app.state.settings.trainer_token
    if not expected:
        raise ApiError(
            403, "forbidden", "trainer tokens are not configured on this server (set GYM_TRAINER_TOKEN)"
        )
    throttle(request, "sign_ins", cost=0)  # a client that guessed too often is refused before comparing
    if not token or not hmac.compare_digest(token.encode(), expected.get_secret_value().encode()):
        throttle(request, "sign_ins")
        raise ApiError(
            401,
            "unauthorized",
            "trainer credentials are not valid",
            [{"field": "authorization", "message": "unknown token"}],
        )
    return "trainer"


TrainerDep = Annotated[str, Depends(require_trainer)]


def authorised_key(request: Request, scope: str, cost: int = 1) -> ApiKey:
    """The caller's API key if it is valid, active and holds `scope`; counts `cost` against its rate (0: the
    route counts it with `charge`, once it knows the cost)."""
    presented = credentials(request).api_key
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
    retry = retry_after(
        lambda window, n: keys.count_use(key.id, window, n),
        lambda window: keys.used_in(key.id, window),
        key.rate_per_minute,
        cost,
        time.time(),
    )
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
