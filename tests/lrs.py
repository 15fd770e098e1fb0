"""A small Learning Record Store stand-in on loopback: Basic auth, the xAPI version header, the statement rules,
idempotent PUT by statement id, and an outage switch."""

from __future__ import annotations

import base64
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.xapi_spec import violations


class StandInLrs:
    def __init__(self, username: str = "lrs-user", password: str = "lrs-secret") -> None:
        self.credentials = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.down = False
        self.statements: dict[str, dict[str, Any]] = {}
        self.stored = Counter[str]()  # how often each id was newly stored: must never exceed one
        self.requests = 0
        self.refused: list[str] = []
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_PUT(self) -> None:
                lrs.requests += 1
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                status = lrs.put(self.path, dict(self.headers), body)
                self.send_response(status)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def put(self, path: str, headers: dict[str, str], body: bytes) -> int:
        if self.down:
            return 503
        if headers.get("Authorization") != self.credentials:
            return 401
        if headers.get("X-Experience-API-Version") != "1.0.3":
            return 400
        url = urlparse(path)
        statement_id = parse_qs(url.query).get("statementId", [""])[0]
        statement = json.loads(body)
        problems = violations(statement)
        if url.path != "/xapi/statements" or statement.get("id") != statement_id or problems:
            self.refused.append(f"{statement_id}: {problems}")
            return 400
        if statement_id in self.statements:
            return 204 if self.statements[statement_id] == statement else 409
        self.statements[statement_id] = statement
        self.stored[statement_id] += 1
        return 204

    def __enter__(self) -> StandInLrs:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
