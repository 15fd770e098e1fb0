"""A whole pass over the real-conversation dev set through `POST /api/v1/score/batch`, against `practice serve`
(SQLite, one worker), and the server's peak memory: the hardening target is under 1 GB.

Run:  .venv/bin/python bench/realdev_memory.py   (needs ../shared/realdev; about 4 minutes on 2 cores)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.realdev import load_realdev, realdev_path  # noqa: E402

TARGET_MB = 1000
BATCH = 32


def main() -> int:
    path = realdev_path()
    if path is None:
        print("no ../shared/realdev here: nothing to measure")
        return 0
    pairs = load_realdev(path)
    data = tempfile.mkdtemp(prefix="gym-memory-")
    env = {**os.environ, "GYM_DATA_DIR": data, "GYM_LOG_LEVEL": "warning"}
    practice = [sys.executable, "-m", "cli"]
    key_args = ["keys", "create", "--name", "memory", "--scope", "score", "--rate", "100000"]
    key = subprocess.run(
        [*practice, *key_args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*practice, "serve", "--port", str(port)], env=env, cwd=ROOT)
    base, headers = f"http://127.0.0.1:{port}", {"X-API-Key": key.stdout.strip()}
    try:
        while True:
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.HTTPError:
                assert server.poll() is None, "the server did not start"
                time.sleep(0.5)
        started, refused = time.monotonic(), 0
        for i in range(0, len(pairs), BATCH):
            items = [
                {"client_message": p.client[:4000], "response": p.reply[:4000]} for p in pairs[i : i + BATCH]
            ]
            answer = httpx.post(
                base + "/api/v1/score/batch", json={"items": items}, headers=headers, timeout=600
            )
            refused += answer.status_code != 200
            print(f"  {min(i + BATCH, len(pairs))}/{len(pairs)}", end="\r", flush=True)
        seconds = time.monotonic() - started
        status = Path(f"/proc/{server.pid}/status").read_text().splitlines()
        peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:")) / 1024
        now = next(int(x.split()[1]) for x in status if x.startswith("VmRSS:")) / 1024
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{len(pairs)} pairs in {seconds:.0f} s ({len(pairs) / seconds:.1f}/s), {refused} batches refused")
    print(
        f"peak RSS {peak:.0f} MB, at the end {now:.0f} MB; target < {TARGET_MB} MB: ratio {peak / TARGET_MB:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
