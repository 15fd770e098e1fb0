"""The scenario editor's versions: every published text, viewable, and restorable as the draft."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import EditsDep, LibraryDep
from api.errors import ApiError
from api.identity import TrainerUserDep
from practice.scenarios.publishing import restore
from web.csrf import checked_form
from web.editor import text_of
from web.pages import page

router = APIRouter(prefix="/trainer/editor", include_in_schema=False)


@router.get("/{scenario_id}/history", response_class=HTMLResponse)
def history(
    scenario_id: str, request: Request, library: LibraryDep, edits: EditsDep, _: TrainerUserDep
) -> HTMLResponse:
    text_of(edits, library, scenario_id)
    return page(request, "editor_history.html", scenario_id=scenario_id, versions=edits.history(scenario_id))


@router.get("/{scenario_id}/versions/{version}", response_class=HTMLResponse)
def version_page(
    scenario_id: str, version: int, request: Request, edits: EditsDep, _: TrainerUserDep
) -> HTMLResponse:
    found = edits.published(scenario_id, version)
    if found is None:
        raise ApiError(404, "not_found", f"{scenario_id!r} has no recorded version {version}")
    return page(request, "editor_version.html", scenario_id=scenario_id, published=found)


@router.post("/{scenario_id}/versions/{version}/restore")
async def restore_version(
    scenario_id: str, version: int, request: Request, edits: EditsDep, user: TrainerUserDep
) -> Response:
    await checked_form(request)
    try:
        restore(edits, scenario_id, version, user.name, datetime.now(UTC))
    except LookupError as error:
        raise ApiError(404, "not_found", str(error)) from None
    return RedirectResponse(f"/trainer/editor/{scenario_id}?restored={version}", status_code=303)
