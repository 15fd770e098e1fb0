from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from practice.scoring.scorer import ListeningScorer
from practice.scoring.training import untrained_heads
from practice.settings import Settings
from tests.fakes import BagOfWordsEncoder


@pytest.fixture
def fake_client() -> Iterator[TestClient]:
    """The app over a fake encoder: for everything about the HTTP edge that is not the model's judgement."""
    scorer = ListeningScorer(BagOfWordsEncoder(), untrained_heads("fake-bow"))
    with TestClient(create_app(Settings(max_body_bytes=20_000), scorer=scorer)) as client:
        yield client


@pytest.fixture(scope="session")
def real_client(real_scorer: ListeningScorer) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), scorer=real_scorer)) as client:
        yield client
