"""Bringing a database to the newest schema with Alembic: the service at start-up, and every `practice` command
that opens the database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from practice.storage.sql import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_database(url: str) -> Engine:
    """An engine on `url`, its schema brought to the newest migration: what the service and every command use."""
    engine = make_engine(url)
    upgrade(engine)
    return engine
