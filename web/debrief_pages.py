"""The learner's look back: ending a session, its debrief and reflection, and the history of sessions."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import LibraryDep, RepoDep, ReporterDep
from api.identity import current_user
from api.paging import PAGE_SIZE, page_of, read_cursor
from api.routes.sessions import authorised_session, finish_and_debrief
from practice.sessions.debrief import Debrief
from practice.sessions.reports import report_of, reports_of
from practice.sessions.review import VERDICTS
from practice.sessions.service import scenario_for
from web.charts import progress_chart, temperature_chart
from web.csrf import checked_form
from web.i18n import habit_names
from web.pages import page

router = APIRouter(include_in_schema=False)


@router.post("/play/{session_id}/end")
async def end(
    session_id: str, request: Request, repo: RepoDep, library: LibraryDep, reporter: ReporterDep
) -> Response:
    session = authorised_session(session_id, request, repo)
    await checked_form(request)
    await run_in_threadpool(finish_and_debrief, session, repo, library, reporter)
    return RedirectResponse(f"/debrief/{session_id}", status_code=303)


@router.get("/debrief/{session_id}", response_class=HTMLResponse)
def debrief_page(session_id: str, request: Request, repo: RepoDep, library: LibraryDep) -> HTMLResponse:
    """The debrief of an ended session; an open one is not ended by a look, but asks to confirm the end."""
    session = authorised_session(session_id, request, repo)
    scenario = scenario_for(repo, library, session)
    if session.finished_at is None:
        return page(request, "end.html", s=scenario, session_id=session.id, lang=scenario.language)
    return debrief_view(request, report_of(repo, library, session), lang=scenario.language)


def debrief_view(
    request: Request, report: Debrief, trainer_view: bool = False, lang: str = "en"
) -> HTMLResponse:
    chart = temperature_chart(report.temperatures, lang)
    return page(
        request,
        "debrief.html",
        d=report,
        chart=chart,
        habit_names=habit_names(lang),
        trainer_view=trainer_view,
        verdicts=VERDICTS,
        lang=lang,
    )


@router.post("/debrief/{session_id}/reflection")
async def reflect(session_id: str, request: Request, repo: RepoDep) -> Response:
    session = authorised_session(session_id, request, repo)
    form = await checked_form(request)
    repo.save_reflection(session.id, {k: str(form.get(k, ""))[:4000] for k in ("went_well", "would_change")})
    return RedirectResponse(f"/debrief/{session_id}", status_code=303)


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, repo: RepoDep, library: LibraryDep, after: str | None = Query(None, max_length=200)
) -> HTMLResponse:
    user = current_user(request)
    read = (
        repo.sessions(learner_id=user.learner_id, limit=PAGE_SIZE + 1, after=read_cursor(after))
        if user
        else []
    )
    sessions, following = page_of(read, PAGE_SIZE)
    reports = reports_of(repo, library, sessions)
    rows: list[HistoryRow] = []
    for session in sessions:
        report = reports[session.id]
        if report is None:
            continue
        rows.append(
            HistoryRow(
                session.id,
                report.scenario_title,
                session.state.ending,
                session.finished_at is not None,
                report.overall,
                session.created_at.strftime("%Y-%m-%d %H:%M"),
            )
        )
    finished = [round(r.overall * 100) for r in reversed(rows) if r.finished]
    progress = progress_chart(finished) if len(finished) > 1 else None
    return page(request, "history.html", rows=rows, progress=progress, following=following)


@dataclass(frozen=True)
class HistoryRow:
    id: str
    title: str
    ending: str | None
    finished: bool
    overall: float
    when: str
