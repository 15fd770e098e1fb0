"""Credentials at the edge. Trainer endpoints take `Authorization: Bearer <GYM_TRAINER_TOKEN>`."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.errors import ApiError

TRAINER_COOKIE = "gym_trainer"


def require_trainer(request: Request) -> str:
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
