"""The image and compose files agree with the code. `make image-check` builds and runs the image for real (with
podman, scripts/image-check.sh); these checks are the fast ones that every `make test` runs."""

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
    # It serves the ONNX export: torch is not a runtime dependency, onnxruntime is.
    dependencies = project["project"]["dependencies"]
    assert not any(d.startswith("torch") for d in dependencies)
    assert any(d.startswith("onnxruntime==") for d in dependencies)
    packages = [p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]]
    assert "cli" in packages  # every package the install finds is copied into the image, and the scenarios
    for folder in (*packages, "scenarios"):
        assert f"COPY {folder} ./{folder}" in DOCKERFILE


def test_compose_waits_for_a_healthy_postgresql() -> None:
    services = COMPOSE["services"]
    assert "healthcheck" in services["db"]
    assert services["gym"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["gym"]["environment"]["GYM_DATABASE_URL"].startswith("postgresql+psycopg://")


def _name(requirement: str) -> str:
    return re.split(r"[\s\[=<>!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_image_installs_the_project_dependencies_and_torch_from_its_index_when_they_name_it() -> None:
    # The dependency step reads project.dependencies itself (no list copied into the Dockerfile), and installs
    # torch first from TORCH_INDEX (the CPU build; PyPI's default torch carries CUDA) only when torch is one.
    assert "['project']['dependencies']" in DOCKERFILE and "tomllib" in DOCKERFILE
    assert re.search(r"^ARG TORCH_INDEX=https://download\.pytorch\.org/whl/cpu$", DOCKERFILE, re.MULTILINE)
    assert '${TORCH_INDEX:+--index-url "$TORCH_INDEX"}' in DOCKERFILE  # empty: pip's own index and find-links
    assert "grep -iE '^torch *([=<>!~;[]|$)'" in DOCKERFILE and 'if [ -n "$torch" ]' in DOCKERFILE
    assert "torch==" not in DOCKERFILE  # the pin lives in pyproject.toml only
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    torch = [d for d in dependencies if _name(d) == "torch"]
    if torch:  # the CPU build lies on disk as a local version (2.13.0+cpu), which only an exact pin matches
        assert re.fullmatch(r"torch==[0-9.]+", torch[0])


def test_the_dockerfile_builds_on_old_builders_and_any_base() -> None:
    # Debian 12's buildah and Docker's legacy builder cannot parse heredocs; the base is replaceable (a local
    # one where no registry is reachable) and defaults to the official image.
    assert "<<" not in DOCKERFILE
    assert re.search(r"^ARG BASE=python:3\.11-slim\nFROM \$\{BASE\}$", DOCKERFILE, re.MULTILINE)


def test_the_service_user_owns_the_scenarios_folder_trainers_upload_into() -> None:
    # An upload writes a temporary file into GYM_SCENARIOS_DIR; owned by root, it was a 500 in the image.
    assert "GYM_SCENARIOS_DIR=/app/scenarios" in DOCKERFILE
    user = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)[-1]
    assert re.search(rf"chown -R {user}:{user} /app/scenarios", DOCKERFILE)
    assert "scenarios:/app/scenarios" in COMPOSE["services"]["gym"]["volumes"]  # a fresh volume copies it
