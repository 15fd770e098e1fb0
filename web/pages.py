"""Page routes: the trainee's browser experience, on the same service layer as the API."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from api.deps import LibraryDep, RepoDep, ReporterDep, ScorerDep
from api.errors import ApiError
from api.identity import current_user, learner_or_guest, throttle
from api.routes.sessions import COOKIE_PREFIX, authorised_session, session_view
from practice.accounts.model import User
from practice.sessions.model import SessionFinished, TurnConflict
from practice.sessions.reports import reports_of
from practice.sessions.service import rewind, scenario_for, start_session, take_turn
from practice.simulation.coaching import tone
from practice.teams.model import TeamRepository
from practice.teams.progress import standing
from web.csrf import checked_form, remember, token_for
from web.i18n import habit_names, script_text, ui

WEB_DIR = Path(__file__).resolve().parent
# Autoescape everything: replies and scenario text are user input.
TEMPLATES = Jinja2Templates(env=Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True))
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
        "me": current_user(request),
        **context,
    }
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
    if new:
        remember(request, response, token)
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request, library: LibraryDep, repo: RepoDep) -> HTMLResponse:
    user = current_user(request)
    return page(
        request,
        "index.html",
        scenarios=library.all(),
        assignments=my_assignments(request, repo, library, user),
    )


def my_assignments(
    request: Request, repo: RepoDep, library: LibraryDep, user: User | None
) -> list[dict[str, Any]]:
    """The signed-in learner's assignments (from their teams) with where they stand on each."""
    if user is None:
        return []
    teams: TeamRepository = request.app.state.teams
    assignments = teams.assignments([t.id for t in teams.teams_of(user.id)])
    if not assignments:
        return []
    sessions = repo.sessions(learner_id=user.learner_id)
    reports = reports_of(repo, library, sessions)
    titles = {s.id: s.title for s in library.all()}
    now = datetime.now(UTC)
    return [
        {
            "assignment": a,
            "title": titles.get(a.scenario_id, a.scenario_id),
            "standing": standing(a, sessions, reports, now),
        }
        for a in assignments
    ]


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def brief(scenario_id: str, request: Request, library: LibraryDep) -> HTMLResponse:
    scenario = library.get(scenario_id)
    return page(request, "brief.html", s=scenario, lang=scenario.language)


@router.post("/play")
async def start(request: Request, repo: RepoDep, library: LibraryDep) -> Response:
    form = await checked_form(request)
    throttle(request, "starts")
    response = RedirectResponse("/", status_code=303)
    learner = learner_or_guest(request, response)  # a guest account is signed in on this browser if need be
    started = start_session(
        repo,
        library,
        str(form.get("scenario_id", "")),
        learner.learner_id,
        exam=form.get("exam") == "1",
        practice=form.get("practice") == "1",
    )
    return enter_session(request, response, started.session.id, started.token)


def enter_session(request: Request, response: Response, session_id: str, token: str) -> Response:
    """Send the learner to their session, holding its token in a cookie (the sign-in alone would do; the token
    keeps the session open to this browser even after signing out).

    Over HTTPS the cookie is SameSite=None, so a session launched inside an LMS frame keeps working."""
    response.headers["location"] = f"/play/{session_id}"
    secure = request.url.scheme == "https"
    same_site: Literal["lax", "none"] = "none" if secure else "lax"
    response.set_cookie(
        COOKIE_PREFIX + session_id,
        token,
        max_age=60 * 60 * 24 * 90,
        httponly=True,
        samesite=same_site,
        secure=secure,
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
    throttle(request, "turns")
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
