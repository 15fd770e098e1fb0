"""The service over the fake encoder, as a real server process (`uvicorn tests.fake_server:create --factory`):
for fault and load tests that kill and restart the process without paying for the model each time."""

from __future__ import annotations

from fastapi import FastAPI

from api.main import create_app
from practice.scoring.scorer import ListeningScorer
from practice.scoring.training import untrained_heads
from practice.settings import Settings
from tests.fakes import BagOfWordsEncoder


def create() -> FastAPI:
    return create_app(Settings(), scorer=ListeningScorer(BagOfWordsEncoder(), untrained_heads("fake-server")))
