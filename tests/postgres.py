"""A throwaway PostgreSQL server on loopback, from Debian's packages, for the storage and fault tests."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class ThrowawayPostgres:
    """initdb in a temporary folder, then start and stop at will (an outage is `stop()`)."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            if os.environ.get("GYM_REQUIRE_POSTGRES"):
                pytest.fail("PostgreSQL is required here (GYM_REQUIRE_POSTGRES=1) but not installed")
            pytest.skip("PostgreSQL not installed (make test installs it)")
        self.bindir = os.path.dirname(found[-1])
        self.root = tempfile.mkdtemp(prefix="gym-pg-")
        self.data, self.sockets = os.path.join(self.root, "data"), os.path.join(self.root, "run")
        os.makedirs(self.sockets)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run(
            _as_postgres(
                [f"{self.bindir}/initdb", "-D", self.data, "-U", "gym", "-A", "trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        self.url = f"postgresql+psycopg://gym@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = os.path.join(self.root, "log")
        subprocess.run(
            _as_postgres([f"{self.bindir}/pg_ctl", "-D", self.data, "-o", options, "-l", log, "-w", "start"]),
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres()
    server.start()
    try:
        yield server
    finally:
        server.remove()
