"""Shared fixtures: the real scorer is loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from practice.scoring.scorer import ListeningScorer
from practice.settings import Settings


@pytest.fixture(scope="session")
def real_scorer() -> Iterator[ListeningScorer]:
    from practice.scoring.factory import build_scorer

    scorer = build_scorer(Settings(), batching=True)
    yield scorer
    close = getattr(scorer.encoder, "close", None)
    if close:
        close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as server:
        yield server.url
