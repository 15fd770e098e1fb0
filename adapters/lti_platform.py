"""Talking to a platform over HTTP: its JWKS (to check launches) and its token and score endpoints."""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt
from jwt.algorithms import RSAAlgorithm

from practice.integrations.lti import SCORE_SCOPE, LaunchRejected, Platform, scores_url
from practice.outbox import DeliveryFailed

CLOCK_LEEWAY_SECONDS = 60
log = logging.getLogger("practice.lti")


class KeysetCache:
    """The platforms' public keys, by keyset URL: fetched again after `ttl` seconds, or sooner when a token names
    a key the cached set lacks (a platform rotating its keys), but not more often than every `min_refresh`
    seconds, so junk launches cannot make the tool hammer a platform or tie up its threads."""

    def __init__(
        self,
        client: httpx.Client,
        ttl: float = 300.0,
        min_refresh: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client, self.ttl, self.min_refresh, self.clock = client, ttl, min_refresh, clock
        self.fetches = 0
        self._sets: dict[str, tuple[float, list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()

    def key(self, url: str, kid: str | None) -> dict[str, Any] | None:
        with self._lock:
            now = self.clock()
            fetched, keys = self._sets.get(url, (-math.inf, []))
            age = now - fetched
            if age >= self.ttl or (_find(keys, kid) is None and age >= self.min_refresh):
                keys = self._fetch(url)
                self._sets[url] = (now, keys)
            return _find(keys, kid)

    def _fetch(self, url: str) -> list[dict[str, Any]]:
        self.fetches += 1
        try:
            keys = self.client.get(url, timeout=10).raise_for_status().json().get("keys", [])
        except (httpx.HTTPError, ValueError, AttributeError) as error:
            log.warning("LTI keyset %s could not be fetched: %s", url, error)
            raise LaunchRejected("id_token", "the platform's keys could not be fetched") from None
        return [k for k in keys if isinstance(k, dict)] if isinstance(keys, list) else []


def _find(keys: list[dict[str, Any]], kid: str | None) -> dict[str, Any] | None:
    return next((k for k in keys if kid is None or k.get("kid") == kid), None)


def verify_id_token(keysets: KeysetCache, token: str, platform: Platform) -> dict[str, Any]:
    """The claims of a launch's id_token, once signature, issuer, audience and times check out."""
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError as error:
        raise LaunchRejected("id_token", f"the id_token is not a JWT: {error}") from error
    key = keysets.key(platform.jwks_url, kid)
    if key is None:
        raise LaunchRejected("id_token", f"the platform publishes no key {kid!r}")
    matching = [key]
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            RSAAlgorithm.from_jwk(matching[0]),  # type: ignore[arg-type]
            algorithms=["RS256"],
            audience=platform.client_id,
            issuer=platform.issuer,
            leeway=CLOCK_LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
        )
    except jwt.PyJWTError as error:
        raise LaunchRejected("id_token", f"the id_token is not valid: {error}") from error
    check_azp(claims, platform.client_id)
    return claims


def check_azp(claims: dict[str, Any], client_id: str) -> None:
    """OpenID Connect Core 3.1.3.7, as LTI's security framework requires: a token for several audiences must
    name the party it was issued to (azp), and an azp present must be this tool."""
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if len(audiences) > 1 and azp is None:
        raise LaunchRejected("azp", "an id_token for several audiences must name this tool in azp")
    if azp is not None and azp != client_id:
        raise LaunchRejected("azp", f"the id_token was issued to {azp!r}, not to this tool")


def access_token(client: httpx.Client, platform: Platform, kid: str, private_pem: str) -> str:
    """An AGS score token, by the client-credentials grant with a signed assertion (LTI security 4.1)."""
    now = int(time.time())
    assertion = jwt.encode(
        {
            "iss": platform.client_id,
            "sub": platform.client_id,
            "aud": platform.token_url,
            "iat": now,
            "exp": now + 300,
            "jti": secrets.token_urlsafe(16),
        },
        private_pem,
        algorithm="RS256",
        headers={"kid": kid},
    )
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion,
        "scope": SCORE_SCOPE,
    }
    try:
        response = client.post(platform.token_url, data=form, timeout=10)
    except httpx.HTTPError as error:
        raise DeliveryFailed(f"platform token endpoint unreachable: {error!r}") from error
    if response.status_code != 200 or "access_token" not in response.text:
        raise DeliveryFailed(
            f"platform token endpoint answered {response.status_code}: {response.text[:200]}"
        )
    return str(response.json()["access_token"])


def post_score(client: httpx.Client, lineitem: str, score: dict[str, Any], token: str) -> None:
    try:
        response = client.post(
            scores_url(lineitem),
            json=score,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/vnd.ims.lis.v1.score+json",
            },
            timeout=10,
        )
    except httpx.HTTPError as error:
        raise DeliveryFailed(f"platform score endpoint unreachable: {error!r}") from error
    if response.status_code not in (200, 201, 202, 204):
        # 400/404/422: the platform will not take this score (a deleted line item, a bad user): do not retry.
        permanent = response.status_code in (400, 404, 422)
        raise DeliveryFailed(f"platform answered {response.status_code}: {response.text[:200]}", permanent)
