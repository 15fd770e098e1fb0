"""The session service: plain functions over the repository, the scenario library and the scorer."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from practice.scenarios.library import ScenarioLibrary
from practice.scenarios.model import Scenario
from practice.scoring.limits import InputTooLarge
from practice.scoring.ports import Scorer
from practice.sessions.model import (
    Finish,
    Reporter,
    Session,
    SessionFinished,
    SessionNotFound,
    SessionRepository,
    Turn,
    UnknownTurn,
)
from practice.sessions.review import Correction, check, graded
from practice.simulation.judge import judge
from practice.simulation.simulator import current_beat, start, step
from practice.simulation.state import ClientTurn, SessionState


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
    practice: bool = False,
) -> Started:
    scenario = library.get(scenario_id)
    return begin(repo, scenario, scenario.version, learner_id, exam=exam, lti=lti, practice=practice)


def start_preview(repo: SessionRepository, draft: Scenario, pinned_as: int, learner_id: str) -> Started:
    """A trainer's run of a draft: pinned under a version below 1, so it counts nowhere (see Session.preview)."""
    if pinned_as >= 1:
        raise ValueError("a preview is pinned under a version below 1")
    return begin(repo, draft, pinned_as, learner_id, practice=True)


def begin(
    repo: SessionRepository,
    scenario: Scenario,
    version: int,
    learner_id: str,
    exam: bool = False,
    lti: dict[str, str] | None = None,
    practice: bool = False,
) -> Started:
    state, opening = start(scenario)
    repo.pin_scenario(scenario.id, version, scenario.model_dump(mode="json"), datetime.now(UTC))
    session = Session(
        id=secrets.token_hex(8),
        learner_id=learner_id,
        scenario_id=scenario.id,
        scenario_version=version,
        state=state,
        opening=opening.text if opening else None,
        exam=exam,
        created_at=datetime.now(UTC),
        lti=lti,
        practice=practice,
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
    """Score the reply, let the client answer, and store the turn, the state, what others are told and, when the
    client ended it, the finish, in one transaction."""
    if session.state.phase == "ended" or session.finished_at is not None:
        raise SessionFinished(f"session {session.id} has ended")
    scenario = scenario_for(repo, library, session)
    every = repo.turns(session.id, superseded=True)
    turns = [t for t in every if not t.superseded]
    beat = current_beat(scenario, session.state)
    before = last_client_message(session, turns) or ""
    try:
        reading = judge(scenario, session.state, before, reply, scorer)
    except InputTooLarge as error:  # the scorer's "response" is the trainee's reply
        raise (error.about("reply") if error.field == "response" else error) from None
    state, client = step(scenario, session.state, reply, reading, scorer.similarity)
    turn = Turn(
        index=max((t.index for t in every), default=0) + 1,
        beat_id=beat.id,
        client_before=before,
        reply=reply,
        score=asdict(reading.result),
        client_after=client.text,
        temperature=client.temperature,
        outcome=client.outcome,
        created_at=datetime.now(UTC),
        moment=len(turns) + 1,
        state_before=session.state.to_json(),
    )
    updated = Session(**{**session.__dict__, "state": state})
    since = turns[-1].created_at if turns else session.created_at
    outbox = reporter.turn_taken(updated, scenario, turn, since) if reporter else []
    finish = None
    if state.phase == "ended":
        updated = Session(**{**updated.__dict__, "finished_at": turn.created_at})
        reviewed = graded(turns, repo.corrections([session.id])[session.id])
        done = reporter.session_finished(updated, scenario, [*reviewed, turn]) if reporter else []
        finish = Finish(turn.created_at, done)
    repo.add_turn(session.id, turn, state, outbox, finish)
    return TurnResult(updated, turn, client)


def rewind(repo: SessionRepository, session: Session, index: int) -> Session:
    """Retry this moment: go back to just before turn `index`, with the client as it was then. The turns from
    there on stay as earlier attempts for the debrief; a finished session opens again."""
    turn = next((t for t in repo.turns(session.id) if t.index == index), None)
    if turn is None or turn.state_before is None:
        raise UnknownTurn(index)
    state = SessionState.from_json(turn.state_before)
    repo.rewind(session.id, index, state)
    return Session(**{**session.__dict__, "state": state, "finished_at": None})


def finish_session(
    repo: SessionRepository,
    library: ScenarioLibrary,
    session: Session,
    at: datetime,
    reporter: Reporter | None = None,
) -> Session:
    """End the session once; its completion messages are stored with the finish, never twice."""
    if session.finished_at is not None:
        return session
    finished = Session(**{**session.__dict__, "finished_at": at})
    outbox = []
    if reporter is not None:
        scenario = scenario_for(repo, library, session)
        reviewed = graded(repo.turns(session.id), repo.corrections([session.id])[session.id])
        outbox = reporter.session_finished(finished, scenario, reviewed)
    repo.finish(session.id, at, outbox)
    return finished


def review_turn(
    repo: SessionRepository,
    library: ScenarioLibrary,
    session: Session,
    correction: Correction,
    reporter: Reporter | None = None,
) -> None:
    """Keep a trainer's correction of a turn of the conversation as it stands. If the session has finished, its
    grade is given again, corrected, to the systems told of it (stored with the correction, in one transaction)."""
    turns = repo.turns(session.id)
    turn = next((t for t in turns if t.index == correction.turn_index), None)
    if turn is None:
        raise UnknownTurn(correction.turn_index)
    check(correction, turn)
    outbox = []
    if reporter is not None and session.finished_at is not None:
        corrections = {**repo.corrections([session.id])[session.id], correction.turn_index: correction}
        scenario = scenario_for(repo, library, session)
        outbox = reporter.session_finished(session, scenario, graded(turns, corrections), correction.at)
    repo.save_correction(correction, outbox)


def scenario_for(repo: SessionRepository, library: ScenarioLibrary, session: Session) -> Scenario:
    """The scenario version the session started on, kept whole when it started; the library's for sessions
    from before versions were kept."""
    kept = repo.pinned_scenario(session.scenario_id, session.scenario_version)
    return Scenario.model_validate(kept) if kept is not None else library.get(session.scenario_id)
