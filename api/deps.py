"""The dependencies routes ask for; the lifespan in server/main.py puts the real ones on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from practice.integrations.keys import KeyRepository
from practice.scenarios.drafts import EditRepository
from practice.scenarios.library import ScenarioLibrary
from practice.scoring.ports import Scorer
from practice.sessions.model import Reporter, SessionRepository
from practice.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_scorer(request: Request) -> Scorer:
    scorer: Scorer = request.app.state.scorer
    return scorer


def get_library(request: Request) -> ScenarioLibrary:
    library: ScenarioLibrary = request.app.state.library
    return library


def get_edits(request: Request) -> EditRepository:
    edits: EditRepository = request.app.state.edits
    return edits


def get_repo(request: Request) -> SessionRepository:
    repo: SessionRepository = request.app.state.repo
    return repo


def get_reporter(request: Request) -> Reporter | None:
    reporter: Reporter | None = request.app.state.reporter
    return reporter


def get_keys(request: Request) -> KeyRepository:
    keys: KeyRepository = request.app.state.keys
    return keys


SettingsDep = Annotated[Settings, Depends(get_settings)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]
LibraryDep = Annotated[ScenarioLibrary, Depends(get_library)]
EditsDep = Annotated[EditRepository, Depends(get_edits)]
RepoDep = Annotated[SessionRepository, Depends(get_repo)]
ReporterDep = Annotated[Reporter | None, Depends(get_reporter)]
