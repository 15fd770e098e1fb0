"""The session service: plain functions over the repository, the scenario library and the scorer."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from practice.scenarios.library import ScenarioLibrary
from practice.scenarios.model import Scenario
from practice.scoring.ports import Scorer
from practice.sessions.model import (
    Reporter,
    Session,
    SessionFinished,
    SessionNotFound,
    SessionRepository,
    Turn,
)
from practice.simulation.judge import judge
from practice.simulation.simulator import current_beat, start, step
from practice.simulation.state import ClientTurn


@dataclass(frozen=True)
class Started:
    session: Session
    token: str  # shown once; only its hash is stored


@dataclass(frozen=True)
class TurnResult:
    session: Session
    turn: Turn
    client: ClientTurn


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), token_hash)


def start_session(
    repo: SessionRepository,
    library: ScenarioLibrary,
    scenario_id: str,
    learner_id: str,
    exam: bool = False,
    lti: dict[str, str] | None = None,
) -> Started:
    scenario = library.get(scenario_id)
    state, opening = start(scenario)
    session = Session(
        id=secrets.token_hex(8),
        learner_id=learner_id,
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        state=state,
        opening=opening.text if opening else None,
        exam=exam,
        created_at=datetime.now(UTC),
        lti=lti,
    )
    token = secrets.token_urlsafe(24)
    repo.add_session(session, hash_token(token))
    return Started(session, token)


def load(repo: SessionRepository, session_id: str) -> tuple[Session, str]:
    found = repo.get_session(session_id)
    if found is None:
        raise SessionNotFound(session_id)
    return found


def last_client_message(session: Session, turns: list[Turn]) -> str | None:
    return turns[-1].client_after if turns else session.opening


def take_turn(
    repo: SessionRepository,
    library: ScenarioLibrary,
    scorer: Scorer,
    session: Session,
    reply: str,
    reporter: Reporter | None = None,
) -> TurnResult:
    """Score the reply, let the client answer, and store both (and what others are told) in one transaction."""
    if session.state.phase == "ended" or session.finished_at is not None:
        raise SessionFinished(f"session {session.id} has ended")
    scenario = library.get(session.scenario_id)
    turns = repo.turns(session.id)
    beat = current_beat(scenario, session.state)
    before = last_client_message(session, turns) or ""
    reading = judge(scenario, session.state, before, reply, scorer)
    result = reading.result
    state, client = step(scenario, session.state, reply, reading, scorer.similarity)
    turn = Turn(
        index=len(turns) + 1,
        beat_id=beat.id,
        client_before=before,
        reply=reply,
        score=asdict(result),
        client_after=client.text,
        temperature=client.temperature,
        outcome=client.outcome,
        created_at=datetime.now(UTC),
    )
    updated = Session(**{**session.__dict__, "state": state})
    since = turns[-1].created_at if turns else session.created_at
    outbox = reporter.turn_taken(updated, scenario, turn, since) if reporter else []
    repo.add_turn(session.id, turn, state, outbox)
    if state.phase == "ended":
        finish_session(repo, library, updated, turn.created_at, reporter, [*turns, turn])
    return TurnResult(updated, turn, client)


def finish_session(
    repo: SessionRepository,
    library: ScenarioLibrary,
    session: Session,
    at: datetime,
    reporter: Reporter | None = None,
    turns: list[Turn] | None = None,
) -> Session:
    """End the session once; its completion messages are stored with the finish, never twice."""
    if session.finished_at is not None:
        return session
    finished = Session(**{**session.__dict__, "finished_at": at})
    outbox = []
    if reporter is not None:
        turns = turns if turns is not None else repo.turns(session.id)
        outbox = reporter.session_finished(finished, library.get(session.scenario_id), turns)
    repo.finish(session.id, at, outbox)
    return finished


def scenario_for(library: ScenarioLibrary, session: Session) -> Scenario:
    return library.get(session.scenario_id)
