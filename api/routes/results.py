"""Results for learning platforms: every learner's sessions and scores, for an API key with scope "sessions"."""

from __future__ import annotations

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import LibraryDep, RepoDep
from api.paging import page_of, read_cursor
from api.security import SessionsKey
from practice.sessions.reports import reports_of

router = APIRouter(prefix="/api/v1/results", tags=["results"])
MAX_RESULTS = 500


class Result(BaseModel):
    session_id: str
    learner_id: str
    scenario_id: str
    scenario_version: int
    started_at: str
    finished_at: str | None
    ending: str | None
    overall: float | None = Field(description="0..1; null when the scenario can no longer be read")
    passed: bool | None
    habits: dict[str, float]


class ResultsPage(BaseModel):
    results: list[Result]
    next: str | None = Field(description="Pass as `after` for the next (older) page; null on the last page.")


@router.get(
    "", summary="Sessions and their scores, newest first, a page at a time (API key with scope 'sessions')"
)
def results(
    repo: RepoDep,
    library: LibraryDep,
    _key: SessionsKey,
    learner_id: str | None = Query(None, max_length=200),
    scenario_id: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=MAX_RESULTS),
    after: str | None = Query(None, max_length=200, description="The `next` of the page before."),
) -> ResultsPage:
    read = repo.sessions(
        learner_id=learner_id, scenario_id=scenario_id, limit=limit + 1, after=read_cursor(after)
    )
    sessions, following = page_of(read, limit)
    reports = reports_of(repo, library, sessions)
    rows = []
    for session in sessions:
        report = reports[session.id]
        rows.append(
            Result(
                session_id=session.id,
                learner_id=session.learner_id,
                scenario_id=session.scenario_id,
                scenario_version=session.scenario_version,
                started_at=session.created_at.isoformat(),
                finished_at=session.finished_at.isoformat() if session.finished_at else None,
                ending=session.state.ending,
                overall=report.overall if report else None,
                passed=report.passed if report else None,
                habits=report.habits if report else {},
            )
        )
    return ResultsPage(results=rows, next=following)
