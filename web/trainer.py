"""Trainer pages: scenario library with validation status, cohort results, learners' transcripts, CSV."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import LibraryDep, RepoDep
from api.paging import PAGE_SIZE, page_of, read_cursor
from api.security import TrainerDep
from practice.accounts.model import AccountRepository
from practice.scenarios.model import HABITS, Scenario
from practice.sessions.cohort import CohortResults, cohort, results_csv
from practice.sessions.model import SessionRepository
from practice.sessions.reports import report_of, reports_of
from practice.sessions.review import graded
from practice.sessions.service import load
from web.charts import habit_chart
from web.debrief_pages import debrief_view
from web.pages import HABIT_NAMES, page

router = APIRouter(prefix="/trainer", include_in_schema=False)


@router.get("/login")
def login() -> Response:
    """Trainers sign in with their account now; old bookmarks land on the sign-in page."""
    return RedirectResponse("/signin?next=/trainer", status_code=303)


@router.get("", response_class=HTMLResponse)
def library_page(request: Request, library: LibraryDep, repo: RepoDep, _: TrainerDep) -> HTMLResponse:
    scenarios = library.all()
    attempts = repo.attempt_counts()
    problems = [(Path(f).name, p) for f, ps in library.problems().items() for p in ps]
    return page(request, "trainer_library.html", scenarios=scenarios, attempts=attempts, problems=problems)


def scenario_cohort(scenario: Scenario, repo: SessionRepository) -> CohortResults:
    """Every session of the scenario with its turns, in two queries however many sessions there are."""
    sessions = repo.all_sessions(scenario.id)
    ids = [s.id for s in sessions]
    turns, corrections = repo.turns_by_session(ids), repo.corrections(ids)
    return cohort(scenario, [(s, graded(turns[s.id], corrections[s.id])) for s in sessions])


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def cohort_page(
    scenario_id: str,
    request: Request,
    library: LibraryDep,
    repo: RepoDep,
    _: TrainerDep,
    page_number: int = Query(1, alias="page", ge=1, le=1_000_000),
) -> HTMLResponse:
    scenario = library.get(scenario_id)
    results = scenario_cohort(scenario, repo)
    shown = results.reports[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    more = len(results.reports) > page_number * PAGE_SIZE
    names = names_of(request, [d.learner_id for d in shown])
    return page(
        request,
        "trainer_cohort.html",
        s=scenario,
        r=results,
        shown=shown,
        names=names,
        page_number=page_number,
        more=more,
        habit_names=HABIT_NAMES,
    )


@router.get("/scenarios/{scenario_id}/results.csv")
def cohort_csv(scenario_id: str, library: LibraryDep, repo: RepoDep, _: TrainerDep) -> Response:
    scenario = library.get(scenario_id)
    results = scenario_cohort(scenario, repo)
    return Response(
        results_csv(results),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{scenario.id}-results.csv"'},
    )


@router.get("/learners/{learner_id}", response_class=HTMLResponse)
def learner_page(
    learner_id: str,
    request: Request,
    library: LibraryDep,
    repo: RepoDep,
    _: TrainerDep,
    after: str | None = Query(None, max_length=200),
) -> HTMLResponse:
    read = repo.sessions(learner_id=learner_id, limit=PAGE_SIZE + 1, after=read_cursor(after))
    sessions, following = page_of(read, PAGE_SIZE)
    name = names_of(request, [learner_id]).get(learner_id, learner_id)
    reports = reports_of(repo, library, sessions)
    finished = [
        r for s in reversed(sessions) if s.finished_at and (r := reports[s.id]) is not None and r.turns
    ]
    charts = (
        [(h, habit_chart(HABIT_NAMES[h], [r.habits[h] for r in finished])) for h in HABITS]
        if len(finished) > 1
        else []
    )
    return page(
        request, "trainer_learner.html", learner=name, sessions=sessions, following=following, charts=charts
    )


def names_of(request: Request, learner_ids: list[str]) -> dict[str, str]:
    accounts: AccountRepository = request.app.state.accounts
    return accounts.names(learner_ids)


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def transcript(
    session_id: str, request: Request, library: LibraryDep, repo: RepoDep, _: TrainerDep
) -> HTMLResponse:
    session, _hash = load(repo, session_id)
    return debrief_view(request, report_of(repo, library, session), trainer_view=True)
