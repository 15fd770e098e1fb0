"""A small Learning Record Store stand-in on loopback: Basic auth, the xAPI version header, the statement rules,
idempotent PUT by statement id, and an outage switch."""

from __future__ import annotations

import base64
import json
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.loopback import LoopbackServer
from tests.xapi_spec import violations


class StandInLrs(LoopbackServer):
    def __init__(self, username: str = "lrs-user", password: str = "lrs-secret") -> None:
        self.credentials = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.down = False
        self.statements: dict[str, dict[str, Any]] = {}
        self.stored = Counter[str]()  # how often each id was newly stored: must never exceed one
        self.requests = 0
        self.refused: list[str] = []
        super().__init__()
        self.url = f"{self.base_url}/xapi"

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        if method != "PUT":
            return 405, None
        self.requests += 1
        return self.put(path, headers, body), None

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
