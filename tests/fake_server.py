"""The service over the fake encoder, as a real server process (`uvicorn tests.fake_server:create --factory`):
for fault and load tests that kill and restart the process without paying for the model each time."""

from __future__ import annotations

from fastapi import FastAPI

from practice.settings import Settings
from server.main import create_app
from tests.fakes import fake_scorer


def create() -> FastAPI:
    return create_app(Settings(), scorer=fake_scorer())
