"""Sign-in, sign-out, sign-up through a one-time invite, and the trainer's people page."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.identity import USER_COOKIE, TrainerUserDep, accounts, start_sign_in, throttle
from practice.accounts.model import AccountError
from practice.accounts.service import accept_invite, authenticate, invite, open_invite, sign_out
from web.csrf import checked_form
from web.pages import page

router = APIRouter(include_in_schema=False)


def safe_next(value: object) -> str:
    """Where to go after signing in: a path on this site only (never //other.example or a full URL)."""
    text = str(value or "")
    return (
        text
        if text.startswith("/") and not text.startswith("//") and "\\" not in text and len(text) < 300
        else "/"
    )


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "signin.html", next=safe_next(next), failed=False)


@router.post("/signin")
async def signin(request: Request) -> Response:
    form = await checked_form(request)
    throttle(request, "sign_ins", cost=0)  # a client that guessed too often is refused before any comparing
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    user = authenticate(accounts(request), username, password)
    target = safe_next(form.get("next"))
    if user is None:
        throttle(request, "sign_ins")
        return page(request, "signin.html", status_code=401, next=target, failed=True, username=username[:40])
    response = RedirectResponse(target, status_code=303)
    start_sign_in(request, response, user)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    await checked_form(request)
    token = request.cookies.get(USER_COOKIE, "")
    if token:
        sign_out(accounts(request), token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(USER_COOKIE)
    return response


@router.get("/invite/{token}", response_class=HTMLResponse)
def invite_form(token: str, request: Request) -> HTMLResponse:
    found = open_invite(accounts(request), token, datetime.now(UTC))
    return page(request, "invite.html", token=token, role=found.role, errors={}, values={})


@router.post("/invite/{token}")
async def sign_up(token: str, request: Request) -> Response:
    form = await checked_form(request)
    throttle(request, "starts")
    values = {k: str(form.get(k, ""))[:200] for k in ("username", "name")}
    try:
        user = accept_invite(
            accounts(request),
            token,
            values["username"],
            values["name"],
            str(form.get("password", "")),
            datetime.now(UTC),
        )
    except AccountError as error:
        found = open_invite(accounts(request), token, datetime.now(UTC))
        errors = {error.field: error.message}
        return page(
            request,
            "invite.html",
            status_code=422,
            token=token,
            role=found.role,
            errors=errors,
            values=values,
        )
    response = RedirectResponse("/", status_code=303)
    start_sign_in(request, response, user)
    return response


@router.get("/trainer/people", response_class=HTMLResponse)
def people(request: Request, me: TrainerUserDep) -> HTMLResponse:
    return page(request, "trainer_people.html", **_people(request, me, None))


@router.post("/trainer/people/invites", response_class=HTMLResponse)
async def new_invite(request: Request, me: TrainerUserDep) -> HTMLResponse:
    form = await checked_form(request)
    token = invite(accounts(request), me, str(form.get("role", "learner")), datetime.now(UTC))
    link = str(request.app.state.settings.public_url).rstrip("/") + f"/invite/{token}"
    return page(request, "trainer_people.html", status_code=201, **_people(request, me, link))


def _people(request: Request, me: Any, link: str | None) -> dict[str, Any]:
    return {"people": accounts(request).users(), "link": link, "can_invite_trainers": me.role == "admin"}
