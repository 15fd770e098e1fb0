"""Trainer pages: scenario library with validation status, cohort results, learners' transcripts, CSV."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import LibraryDep, RepoDep
from api.security import TrainerDep
from practice.sessions.cohort import cohort, results_csv
from practice.sessions.debrief import debrief
from practice.sessions.service import load, scenario_for
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
    attempts = {s.id: len(repo.all_sessions(s.id)) for s in scenarios}
    problems = [(Path(f).name, p) for f, ps in library.problems().items() for p in ps]
    return page(request, "trainer_library.html", scenarios=scenarios, attempts=attempts, problems=problems)


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def cohort_page(
    scenario_id: str, request: Request, library: LibraryDep, repo: RepoDep, _: TrainerDep
) -> HTMLResponse:
    scenario = library.get(scenario_id)
    results = cohort(scenario, [(s, repo.turns(s.id)) for s in repo.all_sessions(scenario_id)])
    return page(request, "trainer_cohort.html", s=scenario, r=results, habit_names=HABIT_NAMES)


@router.get("/scenarios/{scenario_id}/results.csv")
def cohort_csv(scenario_id: str, library: LibraryDep, repo: RepoDep, _: TrainerDep) -> Response:
    scenario = library.get(scenario_id)
    results = cohort(scenario, [(s, repo.turns(s.id)) for s in repo.all_sessions(scenario_id)])
    return Response(
        results_csv(results),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{scenario.id}-results.csv"'},
    )


@router.get("/learners/{learner_id}", response_class=HTMLResponse)
def learner_page(
    learner_id: str, request: Request, library: LibraryDep, repo: RepoDep, _: TrainerDep
) -> HTMLResponse:
    sessions = repo.sessions_of(learner_id)
    return page(request, "trainer_learner.html", learner=learner_id, sessions=sessions)


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def transcript(
    session_id: str, request: Request, library: LibraryDep, repo: RepoDep, _: TrainerDep
) -> HTMLResponse:
    session, _hash = load(repo, session_id)
    report = debrief(scenario_for(repo, library, session), session, repo.turns(session.id, superseded=True))
    return debrief_view(request, report, trainer_view=True)
