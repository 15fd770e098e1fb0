"""CSRF defence for the browser forms: a random token in a cookie that each rendered form repeats in a hidden
field (the double-submit pattern). Another site can make a browser post a form, but cannot read the cookie to
put its value in the form."""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Literal

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from api.errors import ApiError

COOKIE = "gym_csrf"
FIELD = "csrf"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def token_for(request: Request) -> tuple[str, bool]:
    """The browser's token, and whether it is new (to be set as a cookie with the page)."""
    held = request.cookies.get(COOKIE, "")
    return (held, False) if _TOKEN.match(held) else (secrets.token_urlsafe(32), True)


def remember(request: Request, response: Response, token: str) -> None:
    secure = request.url.scheme == "https"
    same_site: Literal["lax", "none"] = (
        "none" if secure else "lax"
    )  # pages may be framed by an LMS over HTTPS
    response.set_cookie(
        COOKIE, token, max_age=60 * 60 * 24 * 365, httponly=True, samesite=same_site, secure=secure
    )


async def checked_form(request: Request) -> FormData:
    """The posted form, once its token matches the browser's; 403 naming the field otherwise."""
    form = await request.form()
    sent, held = str(form.get(FIELD, "")), request.cookies.get(COOKIE, "")
    if not _TOKEN.match(held) or not hmac.compare_digest(sent, held):
        message = "this form has expired or came from another site; reload the page and try again"
        raise ApiError(403, "csrf", message, [{"field": FIELD, "message": "missing or does not match"}])
    return form
