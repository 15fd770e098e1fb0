"""A simulated LTI 1.3 platform on loopback: it signs real RS256 id_tokens, publishes its JWKS, checks the
tool's signed client assertion at its token endpoint, and keeps the scores posted to its line items."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from practice.integrations.lti import AGS, LTI, SCORE_SCOPE
from tests.loopback import LoopbackServer

CLIENT_ID = "gym-tool"
DEPLOYMENT = "deployment-1"


class SimulatedPlatform(LoopbackServer):
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "platform-key-1"
        self.tool_jwks: dict[str, Any] = {}  # the tool's keyset, as the admin pasted it
        self.tokens: set[str] = set()
        self.scores: list[tuple[str, dict[str, Any]]] = []  # (path with query, body)
        self.score_attempts = 0
        self.scores_down = False
        self.refusals: list[str] = []
        super().__init__()
        self.url = self.base_url

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        if method == "GET":
            return (200, self.jwks()) if path == "/jwks" else (404, {})
        return self.post(path, headers, body)

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def id_token(self, nonce: str, signer: Any = None, changes: dict[str, Any] | None = None) -> str:
        """A signed launch; `changes` replaces claims by full name (None removes one)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "sub": "user-7",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": "Ana Learner",
            LTI + "version": "1.3.0",
            LTI + "message_type": "LtiResourceLinkRequest",
            LTI + "deployment_id": DEPLOYMENT,
            LTI + "target_link_uri": "https://gym.example.org/lti/launch",
            LTI + "resource_link": {"id": "link-1"},
            LTI + "custom": {"scenario": "missed-delivery"},
            AGS: {"scope": [SCORE_SCOPE], "lineitem": f"{self.url}/lineitems/1?course=42"},
        }
        claims.update(changes or {})
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, signer or self.key, algorithm="RS256", headers={"kid": self.kid})

    def post(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        url = urlparse(path)
        if url.path == "/token":
            return self._token({k: v[0] for k, v in parse_qs(body.decode()).items()})
        if url.path.startswith("/lineitems/") and url.path.endswith("/scores"):
            self.score_attempts += 1
            if self.scores_down:
                return 503, {}
            if headers.get("Authorization", "").removeprefix("Bearer ") not in self.tokens:
                self.refusals.append("score without a valid token")
                return 401, {}
            if headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                self.refusals.append("score with the wrong media type")
                return 415, {}
            self.scores.append((path, json.loads(body)))
            return 200, {}
        return 404, {}

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        try:
            header = jwt.get_unverified_header(form["client_assertion"])
            jwk = next(k for k in self.tool_jwks["keys"] if k["kid"] == header["kid"])
            claims = jwt.decode(
                form["client_assertion"],
                RSAAlgorithm.from_jwk(jwk),
                algorithms=["RS256"],  # type: ignore[arg-type]
                audience=f"{self.url}/token",
            )
            assert claims["iss"] == claims["sub"] == CLIENT_ID
            assert form["grant_type"] == "client_credentials" and form["scope"] == SCORE_SCOPE
        except Exception as error:  # the platform refuses, and says why in the test's record
            self.refusals.append(f"token: {error!r}")
            return 400, {"error": "invalid_client"}
        token = secrets.token_urlsafe(16)
        self.tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": SCORE_SCOPE}
