"""Page routes: the trainee's browser experience, on the same service layer as the API."""

from __future__ import annotations

import secrets
from contextlib import suppress
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from api.deps import LibraryDep, RepoDep, ReporterDep, ScorerDep
from api.errors import ApiError
from api.routes.sessions import COOKIE_PREFIX, authorised_session, session_view
from practice.sessions.model import SessionFinished, TurnConflict
from practice.sessions.service import rewind, scenario_for, start_session, take_turn
from practice.simulation.coaching import tone
from web.csrf import checked_form, remember, token_for
from web.i18n import habit_names, script_text, ui

WEB_DIR = Path(__file__).resolve().parent
# Autoescape everything: replies and scenario text are user input.
TEMPLATES = Jinja2Templates(env=Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True))
LEARNER_COOKIE = "gym_learner"
HABIT_NAMES = habit_names("en")
router = APIRouter(include_in_schema=False)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the language of its scenario (`lang`), English otherwise."""
    language = str(context.get("lang", "en"))
    token, new = token_for(request)
    context = {
        "t": ui(language),
        "script_text": script_text(language),
        "tone": tone,
        "csrf": token,
        **context,
    }
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
    if new:
        remember(request, response, token)
    return response


def learner_of(request: Request) -> str | None:
    value = request.cookies.get(LEARNER_COOKIE, "")
    return value if 16 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum() else None


@router.get("/", response_class=HTMLResponse)
def index(request: Request, library: LibraryDep) -> HTMLResponse:
    return page(request, "index.html", scenarios=library.all())


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def brief(scenario_id: str, request: Request, library: LibraryDep) -> HTMLResponse:
    scenario = library.get(scenario_id)
    return page(request, "brief.html", s=scenario, lang=scenario.language)


@router.post("/play")
async def start(request: Request, repo: RepoDep, library: LibraryDep) -> Response:
    form = await checked_form(request)
    learner = learner_of(request) or secrets.token_urlsafe(18)
    started = start_session(
        repo, library, str(form.get("scenario_id", "")), learner, exam=form.get("exam") == "1"
    )
    return enter_session(request, started.session.id, started.token, learner)


def enter_session(request: Request, session_id: str, token: str, learner: str) -> Response:
    """Send the learner to their session, holding its token and their learner id in cookies.

    Over HTTPS the cookies are SameSite=None, so a session launched inside an LMS frame keeps working."""
    response = RedirectResponse(f"/play/{session_id}", status_code=303)
    secure = request.url.scheme == "https"
    same_site: Literal["lax", "none"] = "none" if secure else "lax"
    for name, value, days in ((COOKIE_PREFIX + session_id, token, 90), (LEARNER_COOKIE, learner, 365)):
        response.set_cookie(
            name, value, max_age=60 * 60 * 24 * days, httponly=True, samesite=same_site, secure=secure
        )
    return response


@router.get("/play/{session_id}", response_class=HTMLResponse)
def play(session_id: str, request: Request, repo: RepoDep, library: LibraryDep) -> HTMLResponse:
    session = authorised_session(session_id, request, repo)
    scenario = scenario_for(repo, library, session)
    view = session_view(session, repo.turns(session.id), with_scores=True)
    response = page(request, "play.html", s=scenario, view=view, lang=scenario.language)
    response.headers["Cache-Control"] = "no-store"  # Back after the end shows the session as it is now
    return response


@router.post("/play/{session_id}")
async def reply_without_js(
    session_id: str,
    request: Request,
    repo: RepoDep,
    library: LibraryDep,
    scorer: ScorerDep,
    reporter: ReporterDep,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    session = authorised_session(session_id, request, repo)
    form = await checked_form(request)
    reply = str(form.get("reply", "")).strip()  # past the scorer's cap: 422, naming the reply
    # The form says which reply of the conversation it answers: a second submit of the same form finds that
    # reply already taken and is not stored again.
    fresh = str(form.get("moment", "")) in ("", str(session.state.turns + 1))
    if reply and fresh:
        # A race with another submit, or a reply after the end: the page shows the turn that was accepted.
        with suppress(TurnConflict, SessionFinished):
            await run_in_threadpool(take_turn, repo, library, scorer, session, reply, reporter)
    return RedirectResponse(f"/play/{session_id}", status_code=303)


@router.post("/play/{session_id}/retry")
async def retry(session_id: str, request: Request, repo: RepoDep) -> Response:
    """Retry this moment: back to just before the chosen turn, with the client as it was then."""
    session = authorised_session(session_id, request, repo)
    raw = str((await checked_form(request)).get("turn", ""))
    if not raw.isdigit() or len(raw) > 6:
        raise ApiError(
            422, "invalid_form", "choose a turn to go back to", [{"field": "turn", "message": "a number"}]
        )
    rewind(repo, session, int(raw))
    return RedirectResponse(f"/play/{session_id}", status_code=303)


TITLES = {
    404: "Not found",
    403: "That form has expired",
    409: "That can't be done now",
    413: "Too large",
    422: "Please check what you sent",
}


def error_page(request: Request, status: int, message: str) -> Response:
    title = TITLES.get(status, "Something went wrong")
    return page(request, "error.html", status=status, status_code=status, title=title, message=message)
