from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from practice.scoring.scorer import ListeningScorer
from practice.scoring.training import untrained_heads
from practice.settings import Settings
from tests.fakes import BagOfWordsEncoder

ROOT = Path(__file__).parents[2]
TRAINER_TOKEN = "trainer-token-for-tests-0123456789"


@pytest.fixture
def scenarios_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled scenarios, so uploads in one test cannot leak into another."""
    target = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", target)
    return target


@pytest.fixture
def fake_client(scenarios_dir: Path) -> Iterator[TestClient]:
    """The app over a fake encoder: for everything about the HTTP edge that is not the model's judgement."""
    scorer = ListeningScorer(BagOfWordsEncoder(), untrained_heads("fake-bow"))
    settings = Settings(
        max_body_bytes=20_000,
        scenarios_dir=scenarios_dir,
        scenarios_check_every=0,
        trainer_token=TRAINER_TOKEN,
        data_dir=scenarios_dir.parent / "data",
    )
    with TestClient(create_app(settings, scorer=scorer)) as client:
        yield client


@pytest.fixture(scope="session")
def real_client(
    real_scorer: ListeningScorer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = Settings(scenarios_dir=ROOT / "scenarios", data_dir=tmp_path_factory.mktemp("data"))
    with TestClient(create_app(settings, scorer=real_scorer)) as client:
        yield client
