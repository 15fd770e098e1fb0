"""Debriefs as learners, trainers and platforms see them: the scenario version played, every attempt, and the
trainers' corrections; one session, or a page of them in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence

from practice.scenarios.library import ScenarioLibrary, UnknownScenario
from practice.sessions.debrief import Debrief, debrief
from practice.sessions.model import Session, SessionRepository
from practice.sessions.service import scenario_for


def report_of(repo: SessionRepository, library: ScenarioLibrary, session: Session) -> Debrief:
    turns = repo.turns(session.id, superseded=True)
    return debrief(
        scenario_for(repo, library, session), session, turns, repo.corrections([session.id])[session.id]
    )


def reports_of(
    repo: SessionRepository, library: ScenarioLibrary, sessions: Sequence[Session]
) -> dict[str, Debrief | None]:
    """Each session's debrief, or None when its scenario can no longer be read."""
    ids = [s.id for s in sessions]
    turns = repo.turns_by_session(ids, superseded=True)
    corrections = repo.corrections(ids)
    found: dict[str, Debrief | None] = {}
    for session in sessions:
        try:
            scenario = scenario_for(repo, library, session)
        except UnknownScenario:
            found[session.id] = None
            continue
        found[session.id] = debrief(scenario, session, turns[session.id], corrections[session.id])
    return found
