"""Scenario library: anyone may list and read; trainers upload or replace, validated like files on disk."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import EditsDep, LibraryDep
from api.errors import ApiError
from api.security import TrainerDep
from practice.scenarios.loader import MAX_SCENARIO_BYTES, ScenarioError
from practice.scenarios.model import Persona, Scenario
from practice.scenarios.publishing import publish_text

router = APIRouter(prefix="/api/v1/scenarios", tags=["scenarios"])


class Summary(BaseModel):
    id: str
    version: int
    title: str
    language: str
    difficulty: str
    persona: Persona
    situation: str
    beats: int = Field(description="How many beats the conversation has.")


class ScenarioList(BaseModel):
    scenarios: list[Summary]


class Problem(BaseModel):
    file: str
    line: int | None
    field: str | None
    message: str


class ProblemList(BaseModel):
    problems: list[Problem]


class Saved(BaseModel):
    status: str = Field(description="created or replaced")
    scenario: Summary


def summary(scenario: Scenario) -> Summary:
    return Summary(
        id=scenario.id,
        version=scenario.version,
        title=scenario.title,
        language=scenario.language,
        difficulty=scenario.difficulty,
        persona=scenario.persona,
        situation=scenario.situation,
        beats=len(scenario.beats),
    )


@router.get("", summary="List the scenarios")
def list_scenarios(library: LibraryDep) -> ScenarioList:
    return ScenarioList(scenarios=[summary(s) for s in library.all()])


@router.get("/problems", summary="Scenario files that failed validation (trainers)")
def scenario_problems(library: LibraryDep, _: TrainerDep) -> ProblemList:
    return ProblemList(
        problems=[
            Problem(file=Path(f).name, line=p.line, field=p.field, message=p.message)
            for f, problems in library.problems().items()
            for p in problems
        ]
    )


@router.get("/{scenario_id}", summary="One scenario, whole")
def get_scenario(scenario_id: str, library: LibraryDep) -> Scenario:
    return library.get(scenario_id)


@router.put(
    "/{scenario_id}",
    summary="Upload (201) or replace (200) a scenario (trainers); body is the YAML file. A replacement needs a "
    "higher `version` than the stored one (409 otherwise); sessions in progress keep the version they started on",
    openapi_extra={
        "requestBody": {"content": {"application/yaml": {"schema": {"type": "string"}}}, "required": True}
    },
)
async def put_scenario(
    scenario_id: str,
    request: Request,
    response: Response,
    library: LibraryDep,
    edits: EditsDep,
    trainer: TrainerDep,
) -> Saved:
    raw = await request.body()
    if len(raw) > MAX_SCENARIO_BYTES:
        raise ApiError(
            413,
            "too_large",
            f"a scenario is at most {MAX_SCENARIO_BYTES} bytes",
            [{"field": "body", "message": "too large"}],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(
            422,
            "invalid_scenario",
            "the scenario must be UTF-8 text",
            [{"field": "body", "message": "not UTF-8"}],
        ) from None
    try:
        scenario, created = await run_in_threadpool(
            publish_text, edits, library, scenario_id, text, trainer, datetime.now(UTC)
        )
    except ScenarioError as error:
        fields = [
            {"field": p.field or "body", "message": str(p), "line": str(p.line or "")} for p in error.problems
        ]
        raise ApiError(
            422, "invalid_scenario", f"the scenario has {len(fields)} problem(s)", fields
        ) from None
    response.status_code = 201 if created else 200
    return Saved(status="created" if created else "replaced", scenario=summary(scenario))
