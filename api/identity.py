"""Who is calling: the credentials a request presents (`credentials`, the one reader of the Authorization and
X-API-Key headers), the signed-in person (a server-side sign-in named by an HttpOnly cookie), and per-client
throttles. Every route that needs a person asks here; what a key or the trainer token may do is api/security.py."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from fastapi.responses import Response

from api.errors import ApiError
from practice.accounts.model import AccountRepository, User
from practice.accounts.service import guest, sign_in, signed_in_user
from practice.integrations.keys import PREFIX, retry_after
from practice.settings import Settings
from practice.storage.throttle import SqlThrottle

USER_COOKIE = "gym_user"
Throttled = Literal["starts", "turns", "logins", "sign_ins"]


API_KEY_HEADER = "x-api-key"
KEY_PREFIX = f"{PREFIX}_"


@dataclass(frozen=True)
class Credentials:
    """What a request presents, unchecked: an API key (`X-API-Key`, or a bearer that looks like one), else a bearer
    token (a session's token, or the trainer token), and whether the Authorization header used another scheme."""

    api_key: str = ""
    bearer: str = ""
    other_scheme: bool = False


def credentials(request: Request) -> Credentials:
    if not hasattr(request.state, "credentials"):
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        value, bearer = value.strip(), scheme.lower() == "bearer"
        key = request.headers.get(API_KEY_HEADER, "").strip()
        if not key and bearer and value.startswith(KEY_PREFIX):
            key, value = value, ""
        request.state.credentials = Credentials(
            api_key=key, bearer=value if bearer else "", other_scheme=bool(value) and not bearer
        )
    found: Credentials = request.state.credentials
    return found


def accounts(request: Request) -> AccountRepository:
    repo: AccountRepository = request.app.state.accounts
    return repo


def current_user(request: Request) -> User | None:
    """The person this browser signed in as, if the sign-in is known and unexpired."""
    if not hasattr(request.state, "user"):
        token = request.cookies.get(USER_COOKIE, "")
        request.state.user = signed_in_user(accounts(request), token, datetime.now(UTC)) if token else None
    user: User | None = request.state.user
    return user


def signed_in(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise ApiError(
            401, "unauthorized", "sign in first", [{"field": USER_COOKIE, "message": "not signed in"}]
        )
    return user


def trainer_signed_in(request: Request) -> User:
    user = signed_in(request)
    if not user.is_trainer:
        raise ApiError(
            403, "forbidden", "this page is for trainers", [{"field": "role", "message": user.role}]
        )
    return user


UserDep = Annotated[User, Depends(signed_in)]
TrainerUserDep = Annotated[User, Depends(trainer_signed_in)]


def start_sign_in(request: Request, response: Response, user: User) -> None:
    """Signs `user` in on this browser. Over HTTPS the cookie is SameSite=None, so an LMS frame keeps it."""
    settings: Settings = request.app.state.settings
    token = sign_in(accounts(request), user, datetime.now(UTC), settings.sign_in_days)
    secure = request.url.scheme == "https"
    response.set_cookie(
        USER_COOKIE,
        token,
        max_age=int(settings.sign_in_days * 86400),
        httponly=True,
        samesite="none" if secure else "lax",
        secure=secure,
    )
    request.state.user = user


def learner_or_guest(request: Request, response: Response) -> User:
    """The signed-in person, or, where anonymous quick-try is on, a new guest signed in on this browser."""
    user = current_user(request)
    if user is not None:
        return user
    settings: Settings = request.app.state.settings
    if not settings.anonymous_practice:
        raise ApiError(
            401, "unauthorized", "sign in to practise", [{"field": USER_COOKIE, "message": "not signed in"}]
        )
    user = guest(accounts(request), datetime.now(UTC))
    start_sign_in(request, response, user)
    return user


def client_of(request: Request) -> str:
    return (request.client.host if request.client else "unknown")[:64]


def throttle(request: Request, kind: Throttled, cost: int = 1) -> None:
    """Counts this request against the client's per-minute limit of `kind`; 429 with Retry-After beyond it.
    With `cost` 0 it only checks (before a password is compared, whose failures alone are then counted)."""
    settings: Settings = request.app.state.settings
    rate = int(getattr(settings, f"throttle_{kind}_per_minute"))
    store: SqlThrottle = request.app.state.throttle
    bucket = f"{kind}:{client_of(request)}"

    def count(window: int, n: int) -> int:
        total = store.count(bucket, window, n)
        if total == n:  # the bucket's first in this minute: windows before the previous one are never read
            store.forget_before(window - 1)
        return total

    retry = retry_after(count, lambda window: store.used(bucket, window), rate, cost, time.time())
    if retry is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests of this kind from this address ({rate} per minute)",
            [{"field": kind, "message": f"retry after {retry} s"}],
            headers={"Retry-After": str(retry)},
        )


def throttled(kind: Throttled) -> Any:
    """A route dependency counting each request against the client's limit of `kind`."""

    def dependency(request: Request) -> None:
        throttle(request, kind)

    return Depends(dependency)
