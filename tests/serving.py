"""A real `practice serve` in a subprocess, for tests that need real sockets, a real uvicorn and a real process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).parents[1]


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def _env(data_dir: Path, settings: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "GYM_LOG_LEVEL": "warning", "GYM_DATA_DIR": str(data_dir), **settings}


def practice(data_dir: Path, *args: str, stdin: str = "") -> str:
    """A `practice` command on the server's database, as an admin runs it; its standard output."""
    done = subprocess.run(
        _command(*args), cwd=ROOT, env=_env(data_dir, {}), input=stdin, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def create_key(data_dir: Path, scope: str, rate: int = 600) -> str:
    return practice(data_dir, "keys", "create", "--name", "test", "--scope", scope, "--rate", str(rate))


@contextmanager
def served(data_dir: Path, **settings: str) -> Iterator[Server]:
    """`practice serve` on a free loopback port with these GYM_* settings, once it answers /healthz."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = _command("serve", "--port", str(port))
    process = subprocess.Popen(args, cwd=ROOT, env=_env(data_dir, settings))
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                assert process.poll() is None, "the server exited"
                assert time.monotonic() < deadline, "the server did not start in 180 s"
                time.sleep(0.5)
        yield Server(process, port)
    finally:
        process.terminate()
        process.wait(timeout=60)
