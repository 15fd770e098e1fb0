"""The application factory and its lifespan: the one place that wires the model, scorer and settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from adapters.delivery import HttpSender, run_outbox
from adapters.lti_platform import KeysetCache
from api.docs import serve_docs
from api.errors import install_error_handlers
from api.headers import SecurityHeaders
from api.limits import BodySizeLimit, NulGuard
from api.memory import return_freed_memory
from api.routes import health, results, review, scenarios, score, sessions
from api.timeouts import BodyTimeout
from practice.integrations.lti import GradeReporter
from practice.integrations.reporters import Reporters
from practice.integrations.xapi import XapiReporter
from practice.outbox import OutboxStore
from practice.scenarios.library import ScenarioLibrary
from practice.scoring.batching import MicroBatchingEncoder
from practice.scoring.ports import Scorer
from practice.settings import Settings
from practice.storage.accounts import SqlAccountRepository
from practice.storage.keys import SqlKeyRepository
from practice.storage.lti import SqlLtiRegistry
from practice.storage.migrate import open_database
from practice.storage.outbox import SqlOutbox
from practice.storage.scenario_edits import SqlEditRepository
from practice.storage.sql import SqlSessionRepository
from practice.storage.teams import SqlTeamRepository
from practice.storage.throttle import SqlThrottle
from web import accounts, debrief_pages, editor, editor_versions, lti, pages, teams, trainer
from web import review as review_pages
from web.pages import WEB_DIR

log = logging.getLogger("api")


@asynccontextmanager
async def outbox_worker(store: OutboxStore, sender: HttpSender, settings: Settings) -> AsyncIterator[None]:
    """The outbox's delivery loop, for as long as the app runs."""
    stop = asyncio.Event()
    task = asyncio.create_task(run_outbox(store, sender, settings, stop))
    try:
        yield
    finally:
        stop.set()
        await task


def create_app(settings: Settings | None = None, scorer: Scorer | None = None) -> FastAPI:
    """Build the app. Tests pass a `scorer`; otherwise the real model is loaded once, at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.library = ScenarioLibrary(settings.scenarios_dir, settings.scenarios_check_every)
        engine = open_database(settings.database)
        app.state.repo = SqlSessionRepository(engine)
        app.state.keys = SqlKeyRepository(engine)
        app.state.accounts = SqlAccountRepository(engine)
        app.state.throttle = SqlThrottle(engine)
        app.state.teams = SqlTeamRepository(engine)
        app.state.edits = SqlEditRepository(engine)
        app.state.outbox = SqlOutbox(engine)
        app.state.lti = SqlLtiRegistry(engine)
        xapi = (XapiReporter(settings.public_url),) if settings.lrs_endpoint else ()
        app.state.reporter = Reporters((*xapi, GradeReporter()))
        # One HTTP client for everything the service asks of others: LRS, platforms' keys, tokens, gradebooks.
        app.state.http = httpx.Client(timeout=10.0)
        app.state.keysets = KeysetCache(app.state.http)
        sender = HttpSender(settings, app.state.http, app.state.lti)
        with closing(app.state.http):
            async with outbox_worker(app.state.outbox, sender, settings):
                if scorer is not None:
                    app.state.scorer = scorer
                    app.state.encoder_name = getattr(getattr(scorer, "encoder", None), "name", "injected")
                    app.state.batcher = None
                    yield
                    return
                async with model_loaded(app, settings):
                    yield

    @asynccontextmanager
    async def model_loaded(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
        from practice.scoring.factory import build_scorer

        return_freed_memory()  # before the model: its buffers then come and go without fragmenting the heap
        log.info("loading the embedding model")
        real = build_scorer(settings)
        app.state.scorer = real
        app.state.encoder_name = real.encoder.name
        app.state.batcher = real.encoder if isinstance(real.encoder, MicroBatchingEncoder) else None
        log.info("model ready: %s", real.encoder.name)
        try:
            yield
        finally:
            if app.state.batcher is not None:
                app.state.batcher.close()

    app = FastAPI(
        title="Listening Gym",
        version="0.1.0",
        summary="Scores how well a reply shows it understood an upset client, before answering back.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    serve_docs(app)
    install_error_handlers(app, html=pages.error_page)
    app.add_middleware(NulGuard)  # inside the size limit: it reads bodies the limit has bounded
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(BodyTimeout, seconds=settings.body_timeout)  # outside all that read bodies
    app.add_middleware(SecurityHeaders, extra_ancestors=settings.frame_ancestors)  # outermost: every answer
    app.include_router(health.router)
    app.include_router(score.router)
    app.include_router(scenarios.router)
    app.include_router(sessions.router)
    app.include_router(results.router)
    app.include_router(lti.router)
    app.include_router(pages.router)
    app.include_router(debrief_pages.router)
    app.include_router(trainer.router)
    app.include_router(accounts.router)
    app.include_router(review.router)
    app.include_router(review_pages.router)
    app.include_router(teams.router)
    app.include_router(editor.router)
    app.include_router(editor_versions.router)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    return app
