"""Shared fixtures: the real scorer (on the default encoder, ONNX) and both encoders are loaded once per test
session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from practice.scoring.scorer import ListeningScorer
from practice.settings import Settings

if TYPE_CHECKING:
    from practice.scoring.onnx_encoder import OnnxEncoder
    from practice.scoring.st_encoder import SentenceTransformerEncoder


@pytest.fixture(scope="session")
def real_scorer() -> Iterator[ListeningScorer]:
    from practice.scoring.factory import build_scorer

    scorer = build_scorer(Settings(), batching=True)
    yield scorer
    close = getattr(scorer.encoder, "close", None)
    if close:
        close()


@pytest.fixture(scope="session")
def onnx_encoder() -> OnnxEncoder:
    from practice.scoring.onnx_encoder import OnnxEncoder

    return OnnxEncoder()


@pytest.fixture(scope="session")
def torch_encoder() -> SentenceTransformerEncoder:
    from practice.scoring.st_encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    from tests.postgres import postgres_server

    with postgres_server() as server:
        yield server.url
