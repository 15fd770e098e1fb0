"""Sending outbox items over HTTP (httpx) and the background worker that does it with retries and backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import httpx

from adapters.lti_crypto import generate_key
from adapters.lti_platform import access_token, post_score
from practice.outbox import DeliveryFailed, OutboxItem, OutboxStore, RetryPolicy, deliver_due
from practice.settings import Settings
from practice.storage.lti import SqlLtiRegistry

log = logging.getLogger("api.outbox")
XAPI_VERSION_HEADER = {"X-Experience-API-Version": "1.0.3"}


class HttpSender:
    """Delivers one item; raises DeliveryFailed (permanent when retrying cannot help)."""

    def __init__(self, settings: Settings, client: httpx.Client, lti: SqlLtiRegistry) -> None:
        self.settings = settings
        self.client = client
        self.lti = lti

    def __call__(self, item: OutboxItem) -> None:
        if item.kind == "xapi":
            self._statement(item)
        elif item.kind == "ags":
            self._grade(item)
        else:
            raise DeliveryFailed(f"no sender for outbox items of kind {item.kind!r}", permanent=True)

    def _grade(self, item: OutboxItem) -> None:
        platform = self.lti.platform(item.payload["issuer"], item.payload["client_id"])
        if platform is None:
            raise DeliveryFailed(
                f"platform {item.payload['issuer']!r} is not registered any more", permanent=True
            )
        kid, pem = self.lti.tool_key(generate_key, datetime.now(UTC))
        token = access_token(self.client, platform, kid, pem)
        post_score(self.client, item.target, item.payload["score"], token)

    def _statement(self, item: OutboxItem) -> None:
        endpoint = self.settings.lrs_endpoint
        if not endpoint:
            raise DeliveryFailed("no LRS configured (GYM_LRS_ENDPOINT); kept until one is")
        try:
            # PUT with the statement id: the LRS stores it once, and answers 204 again for a repeat.
            response = self.client.put(
                f"{endpoint}/statements",
                params={"statementId": item.id},
                json=item.payload,
                auth=(self.settings.lrs_username, self.settings.lrs_password.get_secret_value()),
                headers=XAPI_VERSION_HEADER,
            )
        except httpx.HTTPError as error:
            raise DeliveryFailed(f"LRS unreachable: {error!r}") from error
        if response.status_code in (200, 204):
            return
        detail = f"LRS answered {response.status_code}: {response.text[:200]}"
        # 400: the statement is malformed; 409: the LRS holds a different statement under this id.
        raise DeliveryFailed(detail, permanent=response.status_code in (400, 409))


def policy_of(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        base_seconds=settings.outbox_retry_base_seconds,
        max_seconds=settings.outbox_retry_max_seconds,
        max_attempts=settings.outbox_max_attempts,
    )


async def run_outbox(store: OutboxStore, sender: HttpSender, settings: Settings, stop: asyncio.Event) -> None:
    """Deliver due items until asked to stop; the blocking database and HTTP calls run off the event loop."""
    policy = policy_of(settings)
    while not stop.is_set():
        try:
            report = await asyncio.to_thread(deliver_due, store, sender, datetime.now(UTC), policy)
            if report.sent:
                log.info("outbox: delivered %d item(s)", report.sent)
        except Exception:  # a database outage must not kill the worker: it tries again next round
            log.exception("outbox: delivery round failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.outbox_poll_seconds)
