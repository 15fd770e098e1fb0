"""`practice serve` really starts the service: model loaded, scenarios read, API answering on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.model
ROOT = Path(__file__).parents[2]


def test_serve_answers_health_and_score(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    practice = Path(sys.executable).parent / "practice"
    env = {**os.environ, "GYM_LOG_LEVEL": "warning", "GYM_DATA_DIR": str(tmp_path)}
    created = subprocess.run(
        [str(practice), "keys", "create", "--name", "serve-test", "--scope", "score"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    key = created.stdout.strip()
    assert key.startswith("gym_") and "not shown again" in created.stderr
    proc = subprocess.Popen([str(practice), "serve", "--port", str(port)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, "the server exited"
                assert time.monotonic() < deadline, "the server did not start in 120 s"
                time.sleep(0.5)
        assert health.json()["encoder"] == "all-MiniLM-L6-v2"
        body = {
            "client_message": "Nobody told us the order was late.",
            "response": "So you were left in the dark.",
        }
        url = f"http://127.0.0.1:{port}/api/v1/score"
        assert httpx.post(url, json=body, timeout=30).status_code == 401  # no key
        scored = httpx.post(url, json=body, headers={"X-API-Key": key}, timeout=30)
        assert scored.status_code == 200 and 0 <= scored.json()["understanding"] <= 1
        listed = httpx.get(f"http://127.0.0.1:{port}/api/v1/scenarios").json()["scenarios"]
        assert any(s["id"] == "missed-delivery" for s in listed)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
