"""The transcript page's review form: a trainer's comment and corrected verdict for one turn."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import LibraryDep, RepoDep, ReporterDep
from api.routes.review import ReviewRequest, apply_review
from api.security import TrainerDep
from practice.sessions.review import MAX_COMMENT
from web.csrf import checked_form

router = APIRouter(include_in_schema=False)


@router.post("/trainer/sessions/{session_id}/turns/{turn}/review")
async def review_form(
    session_id: str,
    turn: int,
    request: Request,
    by: TrainerDep,
    repo: RepoDep,
    library: LibraryDep,
    reporter: ReporterDep,
) -> Response:
    form = await checked_form(request)
    body = ReviewRequest(
        outcome=str(form.get("outcome", "")),
        comment=str(form.get("comment", ""))[:MAX_COMMENT],
        not_flags=[str(v) for v in form.getlist("not_flags")][:20],
        captured=[str(v) for v in form.getlist("captured")][:20],
    )
    apply_review(session_id, turn, body, by, repo, library, reporter)
    return RedirectResponse(f"/trainer/sessions/{session_id}#turn-{turn}", status_code=303)
