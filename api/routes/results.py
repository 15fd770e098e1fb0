"""Results for learning platforms: every learner's sessions and scores, for an API key with scope "sessions"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from api.deps import LibraryDep, RepoDep
from api.security import SessionsKey
from practice.scenarios.library import UnknownScenario
from practice.sessions.debrief import debrief
from practice.sessions.service import scenario_for

router = APIRouter(prefix="/api/v1/results", tags=["results"])
MAX_RESULTS = 500


@router.get("", summary="Sessions and their scores, newest first (API key with scope 'sessions')")
def results(
    repo: RepoDep,
    library: LibraryDep,
    _key: SessionsKey,
    learner_id: str | None = Query(None, max_length=200),
    scenario_id: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=MAX_RESULTS),
) -> dict[str, Any]:
    sessions = repo.sessions_of(learner_id) if learner_id else repo.all_sessions(scenario_id)
    if learner_id and scenario_id:
        sessions = [s for s in sessions if s.scenario_id == scenario_id]
    rows = []
    for session in sessions[:limit]:
        row: dict[str, Any] = {
            "session_id": session.id,
            "learner_id": session.learner_id,
            "scenario_id": session.scenario_id,
            "scenario_version": session.scenario_version,
            "started_at": session.created_at.isoformat(),
            "finished_at": session.finished_at.isoformat() if session.finished_at else None,
            "ending": session.state.ending,
        }
        try:
            scenario = scenario_for(repo, library, session)
            report = debrief(scenario, session, repo.turns(session.id, superseded=True))
            row |= {"overall": report.overall, "passed": report.passed, "habits": report.habits}
        except UnknownScenario:
            row |= {"overall": None, "passed": None, "habits": {}}
        rows.append(row)
    return {"results": rows}
