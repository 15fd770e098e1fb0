"""SIGKILL mid-session: after a restart no accepted turn is lost, none is stored twice, and no session is
half-written (its state always matches its stored turns)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).parents[2]


def serve(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GYM_DATA_DIR": str(data_dir), "GYM_SCENARIOS_DIR": str(ROOT / "scenarios")}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "tests.fake_server:create",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)


def test_sigkill_mid_session_loses_no_accepted_turn(tmp_path: Path) -> None:
    proc, url = serve(tmp_path)
    sessions = []
    for _ in range(6):
        body = {"scenario_id": "missed-delivery"}
        started = httpx.post(f"{url}/api/v1/sessions", json=body).json()
        sessions.append((started["session_id"], {"authorization": f"Bearer {started['token']}"}))
    accepted: dict[str, list[tuple[int, str]]] = {sid: [] for sid, _ in sessions}
    stop = threading.Event()

    def trainee(session_id: str, auth: dict[str, str]) -> None:
        with httpx.Client(base_url=url, headers=auth, timeout=5) as client:
            n = 0
            while not stop.is_set():
                n += 1
                reply = f"So what you mean is point number {n}. Tell me more?"
                try:
                    answer = client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": reply})
                except httpx.HTTPError:
                    return  # the server died under us
                if answer.status_code == 200:
                    accepted[session_id].append((answer.json()["turn"]["index"], reply))
                elif answer.status_code == 409:  # the client ended the meeting: start over is not needed here
                    return

    threads = [threading.Thread(target=trainee, args=s) for s in sessions]
    for t in threads:
        t.start()
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)  # mid-write, for some of them
    proc.wait(timeout=10)
    stop.set()
    for t in threads:
        t.join(timeout=10)
    assert sum(len(v) for v in accepted.values()) >= 6, "the load never got going"

    proc, url = serve(tmp_path)
    try:
        for session_id, auth in sessions:
            stored = httpx.get(f"{url}/api/v1/sessions/{session_id}", headers=auth).json()
            turns = [(t["index"], t["reply"]) for t in stored["turns"]]
            assert [i for i, _ in turns] == list(range(1, len(turns) + 1))  # none twice, none missing
            assert set(accepted[session_id]) <= set(turns)  # every acknowledged turn survived
            assert len(stored["temperatures"]) == len(turns) + 1  # the state matches the stored turns
            if stored["phase"] != "ended":
                more = httpx.post(
                    f"{url}/api/v1/sessions/{session_id}/turns", json={"reply": "Go on."}, headers=auth
                )
                assert more.json()["turn"]["index"] == len(turns) + 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)
