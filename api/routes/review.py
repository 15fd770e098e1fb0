"""Trainers review a transcript over the API: a comment on a turn, and a corrected verdict the grade then uses
(the transcript page's form, web/review.py, goes through the same `apply_review`)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import LibraryDep, RepoDep, ReporterDep
from api.errors import ApiError
from api.security import TrainerDep
from practice.sessions.review import MAX_COMMENT, VERDICTS, Correction, InvalidCorrection
from practice.sessions.service import load, review_turn

router = APIRouter(prefix="/api/v1/sessions", tags=["review"])


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: str = Field(description=f"The verdict on the reply: one of {', '.join(VERDICTS)}.")
    comment: str = Field("", max_length=MAX_COMMENT, description="Shown to the learner beside the reply.")
    not_flags: list[str] = Field([], max_length=20, description="Flags the reply does not deserve.")
    captured: list[str] = Field([], max_length=20, description="Key points the reply did capture.")


class Reviewed(BaseModel):
    session_id: str
    turn: int
    outcome: str
    overall: float = Field(description="The session's overall score with every correction applied.")
    habits: dict[str, float] = Field(description="Its habits, 0..1, with every correction applied.")


def apply_review(
    session_id: str,
    turn: int,
    body: ReviewRequest,
    by: str,
    repo: RepoDep,
    library: LibraryDep,
    reporter: ReporterDep,
) -> None:
    session, _ = load(repo, session_id)
    correction = Correction(
        session.id,
        turn,
        by,
        datetime.now(UTC),
        body.outcome,
        body.comment.strip(),
        tuple(body.not_flags),
        tuple(body.captured),
    )
    try:
        review_turn(repo, library, session, correction, reporter)
    except InvalidCorrection as error:
        raise ApiError(
            422, "invalid_review", str(error), [{"field": error.field, "message": str(error)}]
        ) from error


@router.put(
    "/{session_id}/turns/{turn}/review",
    summary="A trainer's correction of a turn (the latest replaces the one before); the grade uses it",
)
def review_api(
    session_id: str,
    turn: int,
    body: ReviewRequest,
    by: TrainerDep,
    repo: RepoDep,
    library: LibraryDep,
    reporter: ReporterDep,
) -> Reviewed:
    from practice.sessions.reports import report_of

    apply_review(session_id, turn, body, by, repo, library, reporter)
    report = report_of(repo, library, load(repo, session_id)[0])
    return Reviewed(
        session_id=session_id, turn=turn, outcome=body.outcome, overall=report.overall, habits=report.habits
    )
