"""Role-play sessions over HTTP. A session is read and written with its token (bearer or the web cookie)."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from api.deps import LibraryDep, RepoDep, ReporterDep, ScorerDep, SettingsDep
from api.errors import ApiError
from api.identity import credentials, current_user, throttle, throttled
from api.schemas import MAX_MESSAGE_CHARS
from api.security import authorised_key
from api.session_schemas import ClientAnswer, Saved, SessionView, Started, TurnAnswer, TurnResult, TurnView
from practice.sessions.debrief import Debrief
from practice.sessions.model import Session, Turn
from practice.sessions.reports import report_of
from practice.sessions.service import (
    finish_session,
    last_client_message,
    load,
    rewind,
    start_session,
    take_turn,
    token_matches,
)
from practice.simulation.coaching import tone
from practice.simulation.state import ClientTurn

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])
COOKIE_PREFIX = "gym_s_"


class StartRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario_id: str = Field(min_length=1, max_length=64)
    learner_id: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="The learner, as the LMS or app knows them: only with an API key of scope `sessions`. "
        "Otherwise the learner is whoever is signed in (or, with anonymous practice on, a new anonymous id).",
    )
    exam: bool = Field(False, description="No live feedback until the debrief.")
    practice: bool = Field(
        False, description="Private practice: counts for the learner's progress, not assignments."
    )


class TurnRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reply: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    moment: int | None = Field(
        None,
        ge=1,
        le=1_000_000,
        description="Which reply of the conversation this is (replies so far, plus one): a resubmit with the same "
        "moment gets the stored turn back instead of storing a second one.",
    )


class RewindRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: int = Field(ge=1, le=1_000_000, description="The turn to go back to just before (its `index`).")


class ReflectionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    went_well: str = Field("", max_length=MAX_MESSAGE_CHARS)
    would_change: str = Field("", max_length=MAX_MESSAGE_CHARS)


def authorised_session(session_id: str, request: Request, repo: RepoDep) -> Session:
    """The session, if the caller holds its token or is the signed-in learner it belongs to (so a learner resumes
    on any device); 404 otherwise, so ids reveal nothing."""
    token = credentials(request).bearer or request.cookies.get(COOKIE_PREFIX + session_id, "")
    found = repo.get_session(session_id) if len(session_id) <= 40 else None
    if found is not None and not (token and token_matches(token, found[1])):
        user = current_user(request)
        if user is None or user.learner_id != found[0].learner_id:
            found = None
    if found is None:
        raise ApiError(
            404,
            "not_found",
            "no such session, or it is not yours",
            [{"field": "session_id", "message": "unknown, or the token does not match"}],
        )
    return found[0]


SessionDep = Annotated[Session, Depends(authorised_session)]


def session_view(session: Session, turns: list[Any], with_scores: bool) -> SessionView:
    state = session.state
    return SessionView(
        session_id=session.id,
        scenario_id=session.scenario_id,
        scenario_version=session.scenario_version,
        learner_id=session.learner_id,
        exam=session.exam,
        phase=state.phase,
        finished=session.finished_at is not None,
        beat=state.beat,
        ending=state.ending,
        temperature=state.temperature,
        temperatures=list(state.history),
        client_message=last_client_message(session, turns),
        opening=session.opening,
        commitments=list(state.commitments),
        turns=[
            TurnView(
                index=t.index,
                client_before=t.client_before,
                reply=t.reply,
                client_after=t.client_after,
                temperature=t.temperature,
                outcome=t.outcome,
                tone=tone(t.outcome),
                score=t.score if with_scores else None,
            )
            for t in turns
        ],
    )


def learner_for(body: StartRequest, request: Request, settings: SettingsDep) -> str:
    """Who the new session belongs to: named by a trusted integration (an API key of scope `sessions`), else the
    signed-in person, else (anonymous practice on) a fresh anonymous id. Never a name from an untrusted body."""
    if body.learner_id is not None:
        if not credentials(request).api_key:
            message = "only an API key with scope 'sessions' may name the learner"
            raise ApiError(403, "forbidden", message, [{"field": "learner_id", "message": message}])
        authorised_key(request, "sessions")  # an integration: limited by its key's own rate
        return body.learner_id
    throttle(request, "starts")
    user = current_user(request)
    if user is not None:
        return user.learner_id
    if not settings.anonymous_practice:
        message = "sign in to practise"
        raise ApiError(401, "unauthorized", message, [{"field": "learner_id", "message": message}])
    return "anon-" + secrets.token_hex(8)


@router.post("", status_code=201, summary="Start a role-play; the token in the answer is shown once")
def create(
    body: StartRequest, request: Request, settings: SettingsDep, repo: RepoDep, library: LibraryDep
) -> Started:
    learner = learner_for(body, request, settings)
    started = start_session(repo, library, body.scenario_id, learner, body.exam, practice=body.practice)
    return Started(**session_view(started.session, [], with_scores=True).model_dump(), token=started.token)


@router.post(
    "/{session_id}/turns",
    summary="Reply to the client: the scored turn and the client's answer",
    dependencies=[throttled("turns")],
)
def reply(
    body: TurnRequest,
    session: SessionDep,
    repo: RepoDep,
    library: LibraryDep,
    scorer: ScorerDep,
    reporter: ReporterDep,
) -> TurnAnswer:
    if body.moment is not None and body.moment != session.state.turns + 1:
        stored = next((t for t in repo.turns(session.id) if t.moment == body.moment), None)
        if stored is None:
            message = f"this conversation is at reply {session.state.turns + 1}, not {body.moment}"
            raise ApiError(409, "conflict", message, [{"field": "moment", "message": message}])
        state = session.state
        client = ClientTurn(
            stored.client_after, stored.temperature, stored.outcome, state.phase, state.ending
        )
        return turn_answer(session, stored, client)
    result = take_turn(repo, library, scorer, session, body.reply, reporter)
    return turn_answer(result.session, result.turn, result.client)


def turn_answer(session: Session, turn: Turn, client: ClientTurn) -> TurnAnswer:
    return TurnAnswer(
        turn=TurnResult(
            index=turn.index,
            moment=turn.moment,
            outcome=turn.outcome,
            score=None if session.exam else turn.score,
        ),
        client=ClientAnswer(**asdict(client)),
        phase=session.state.phase,
        ending=session.state.ending,
    )


@router.get("/{session_id}", summary="The transcript and state")
def read(session: SessionDep, repo: RepoDep) -> SessionView:
    return session_view(
        session, repo.turns(session.id), with_scores=not session.exam or session.state.phase == "ended"
    )


@router.post("/{session_id}/finish", summary="End the session (if still open) and get the debrief")
def finish(session: SessionDep, repo: RepoDep, library: LibraryDep, reporter: ReporterDep) -> Debrief:
    return finish_and_debrief(session, repo, library, reporter)


@router.post(
    "/{session_id}/rewind",
    summary="Retry this moment: back to just before a turn, the client as it was; later turns stay as attempts",
)
def go_back(body: RewindRequest, session: SessionDep, repo: RepoDep) -> SessionView:
    rewound = rewind(repo, session, body.turn)
    return session_view(rewound, repo.turns(session.id), with_scores=not session.exam)


@router.post("/{session_id}/reflection", summary="Save the learner's reflection")
def reflect(body: ReflectionRequest, session: SessionDep, repo: RepoDep) -> Saved:
    repo.save_reflection(session.id, body.model_dump())
    return Saved()


def finish_and_debrief(
    session: Session, repo: RepoDep, library: LibraryDep, reporter: ReporterDep
) -> Debrief:
    from datetime import UTC, datetime

    finish_session(repo, library, session, datetime.now(UTC), reporter)
    fresh, _ = load(repo, session.id)
    return report_of(repo, library, fresh)
