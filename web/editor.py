"""The scenario editor for trainers: a form or YAML, validated live by the same validator as `practice validate`,
drafts that only trainers can play, `check` from the page, publishing as a new version, and earlier versions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from api.deps import EditsDep, LibraryDep, RepoDep, ScorerDep
from api.errors import ApiError
from api.identity import TrainerUserDep
from practice.scenarios.editing import apply_form, form_of, new_scenario
from practice.scenarios.loader import MAX_SCENARIO_BYTES, Problem, ScenarioError
from practice.scenarios.model import Scenario, slug_ok
from practice.scenarios.publishing import (
    NoDraft,
    preview_of,
    problems_of,
    publish,
    save_draft,
    text_to_edit,
)
from practice.sessions.service import start_preview
from practice.simulation.check import check_scenario
from web.csrf import checked_form
from web.pages import enter_session, page

router = APIRouter(prefix="/trainer/editor", include_in_schema=False)
FIELD_PREFIX = "f:"  # form inputs are named f:<path>, the validator's own paths


class ProblemOut(BaseModel):
    line: int | None
    field: str
    message: str


class FieldOut(BaseModel):
    path: str
    label: str
    kind: str
    choices: list[str]
    value: str


class Validation(BaseModel):
    valid: bool
    problems: list[ProblemOut]
    yaml: str  # the text validated: after the form's values were put in, in form mode
    fields: list[FieldOut]  # the form's inputs for that text


@router.get("", response_class=HTMLResponse)
def editor_home(request: Request, library: LibraryDep, edits: EditsDep, _: TrainerUserDep) -> HTMLResponse:
    drafts = {d.scenario_id: d for d in edits.drafts()}
    return page(request, "editor_home.html", scenarios=library.all(), drafts=drafts)


@router.post("/new")
async def new(request: Request, library: LibraryDep, edits: EditsDep, user: TrainerUserDep) -> Response:
    form = await checked_form(request)
    scenario_id, title = str(form.get("id", "")).strip(), str(form.get("title", "")).strip()[:200]
    if not slug_ok(scenario_id):
        raise ApiError(
            422,
            "invalid_form",
            "choose an id",
            [{"field": "id", "message": "lower-case letters, digits and dashes, 2–63"}],
        )
    if text_to_edit(edits, library, scenario_id) is not None:
        raise ApiError(
            409, "exists", f"{scenario_id!r} exists: edit it instead", [{"field": "id", "message": "taken"}]
        )
    save_draft(
        edits, scenario_id, new_scenario(scenario_id, title or scenario_id), user.name, datetime.now(UTC)
    )
    return RedirectResponse(f"/trainer/editor/{scenario_id}", status_code=303)


@router.get("/{scenario_id}", response_class=HTMLResponse)
def edit(
    scenario_id: str, request: Request, library: LibraryDep, edits: EditsDep, _: TrainerUserDep
) -> HTMLResponse:
    text = text_of(edits, library, scenario_id)
    return _editor(request, scenario_id, text, edits, library)


@router.post("/{scenario_id}", response_class=HTMLResponse)
async def save(
    scenario_id: str, request: Request, library: LibraryDep, edits: EditsDep, user: TrainerUserDep
) -> Response:
    """Save the draft, valid or not (nothing typed is lost); the page shows its problems next to the fields."""
    text_of(edits, library, scenario_id)
    text = _posted_text(await checked_form(request))
    save_draft(edits, scenario_id, text, user.name, datetime.now(UTC))
    return RedirectResponse(f"/trainer/editor/{scenario_id}?saved=1", status_code=303)


@router.post("/{scenario_id}/validate")
async def validate(scenario_id: str, request: Request, _: TrainerUserDep) -> Validation:
    """Live validation while typing: the problems of the posted YAML (or form), by line and field."""
    text = _posted_text(await checked_form(request))
    problems = problems_of(text, scenario_id) if slug_ok(scenario_id) else []
    fields = [
        FieldOut(path=f.path, label=f.label, kind=f.kind, choices=list(f.choices), value=f.value)
        for f in form_of(text)
    ]
    return Validation(valid=not problems, problems=[_out(p) for p in problems], yaml=text, fields=fields)


@router.post("/{scenario_id}/check", response_class=HTMLResponse)
async def check(
    scenario_id: str,
    request: Request,
    library: LibraryDep,
    edits: EditsDep,
    scorer: ScorerDep,
    _: TrainerUserDep,
) -> HTMLResponse:
    """Run the draft's exemplar replies through the scorer, as `practice check` does."""
    await checked_form(request)
    scenario, _pinned = _draft_scenario(edits, scenario_id)
    verdicts = await run_in_threadpool(check_scenario, scenario, scorer)
    return _editor(
        request, scenario_id, text_of(edits, library, scenario_id), edits, library, verdicts=verdicts
    )


@router.post("/{scenario_id}/preview")
async def preview(
    scenario_id: str, request: Request, repo: RepoDep, edits: EditsDep, user: TrainerUserDep
) -> Response:
    """Play the draft as it is now; only trainers can, and the run counts nowhere."""
    await checked_form(request)
    scenario, pinned = _draft_scenario(edits, scenario_id)
    started = start_preview(repo, scenario, pinned, user.learner_id)
    return enter_session(request, RedirectResponse("/", status_code=303), started.session.id, started.token)


@router.post("/{scenario_id}/publish")
async def publish_draft(
    scenario_id: str, request: Request, library: LibraryDep, edits: EditsDep, user: TrainerUserDep
) -> Response:
    await checked_form(request)
    try:  # a missing draft, or one with problems, is refused, naming them
        scenario = await run_in_threadpool(publish, edits, library, scenario_id, user.name, datetime.now(UTC))
    except (NoDraft, ScenarioError) as error:
        raise _refused(error) from None
    return RedirectResponse(f"/trainer/editor/{scenario_id}?published={scenario.version}", status_code=303)


def text_of(edits: EditsDep, library: LibraryDep, scenario_id: str) -> str:
    text = text_to_edit(edits, library, scenario_id) if slug_ok(scenario_id) else None
    if text is None:
        raise ApiError(404, "not_found", f"no scenario or draft with id {scenario_id!r}")
    return text


def _posted_text(form: FormData) -> str:
    """The YAML a form posts: as typed (mode yaml), or the base YAML with the form's fields put in."""
    text = str(form.get("yaml", ""))
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise ApiError(
            413,
            "too_large",
            f"a scenario is at most {MAX_SCENARIO_BYTES} bytes",
            [{"field": "yaml", "message": "too large"}],
        )
    if form.get("mode") == "form":
        values = {
            k.removeprefix(FIELD_PREFIX): str(v) for k, v in form.multi_items() if k.startswith(FIELD_PREFIX)
        }
        text = apply_form(text, values)
    return text


def _draft_scenario(edits: EditsDep, scenario_id: str) -> tuple[Scenario, int]:
    try:
        return preview_of(edits, scenario_id)
    except (NoDraft, ScenarioError) as error:
        raise _refused(error) from None


def _refused(error: NoDraft | ScenarioError) -> ApiError:
    """409 without a draft; 422 naming each problem of a draft that does not validate."""
    if isinstance(error, NoDraft):
        return ApiError(409, "no_draft", str(error), [{"field": "draft", "message": "save a draft first"}])
    fields = [{"field": p.field or "yaml", "message": str(p)} for p in error.problems]
    return ApiError(
        422, "invalid_scenario", f"the draft has {len(fields)} problem(s): fix them first", fields
    )


def _out(problem: Problem) -> ProblemOut:
    return ProblemOut(line=problem.line, field=problem.field, message=problem.message)


def _editor(
    request: Request, scenario_id: str, text: str, edits: EditsDep, library: LibraryDep, **extra: Any
) -> HTMLResponse:
    draft = edits.draft(scenario_id)
    problems = problems_of(text, scenario_id)
    by_field: dict[str, list[str]] = {}
    for p in problems:
        by_field.setdefault(p.field, []).append(p.message)
    published = library.find(scenario_id)
    return page(
        request,
        "editor.html",
        scenario_id=scenario_id,
        text=text,
        draft=draft,
        published=published,
        fields=form_of(text),
        problems=problems,
        by_field=by_field,
        notice=request.query_params,
        **extra,
    )
