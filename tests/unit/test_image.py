"""The image and compose files agree with the code (no Docker engine runs here to build them; see README)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from practice.settings import Settings

ROOT = Path(__file__).parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_every_gym_variable_they_set_is_a_setting() -> None:
    named = set(re.findall(r"\bGYM_([A-Z_]+)=", DOCKERFILE))
    named |= {
        k.removeprefix("GYM_") for k in COMPOSE["services"]["gym"]["environment"] if k.startswith("GYM_")
    }
    assert named and {n.lower() for n in named} <= set(Settings.model_fields)


def test_the_image_runs_offline_as_a_user_with_a_health_check() -> None:
    user = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert user and user[-1] not in ("root", "0")
    assert "HF_HUB_OFFLINE=1" in DOCKERFILE and "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert (
        "torch==2.13.0" in project["project"]["dependencies"] and "torch==2.13.0" in DOCKERFILE
    )  # CPU build
    packages = [p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]]
    assert "cli" in packages  # every package the install finds is copied into the image, and the scenarios
    for folder in (*packages, "scenarios"):
        assert f"COPY {folder} ./{folder}" in DOCKERFILE


def test_compose_waits_for_a_healthy_postgresql() -> None:
    services = COMPOSE["services"]
    assert "healthcheck" in services["db"]
    assert services["gym"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["gym"]["environment"]["GYM_DATABASE_URL"].startswith("postgresql+psycopg://")
