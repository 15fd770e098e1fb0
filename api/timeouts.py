"""Slow clients: a request head or body that trickles in is given up on, so connections cannot be held for ever.

uvicorn closes idle kept-alive connections (timeout_keep_alive) and caps connections (limit_concurrency), but
waits for ever for a request head that never completes, and leaves the body's pace to the app. Here:
- HeadTimeoutProtocol: uvicorn's httptools protocol that closes a connection whose request head (request line
  and headers) is not complete `GYM_HEADER_TIMEOUT` seconds after the connection opened, or after the first
  byte of the next request on a kept-alive connection; with 408 when part of a head came.
- BodyTimeout: ASGI middleware that answers 408 and closes the connection when the body has not all arrived
  `GYM_BODY_TIMEOUT` seconds after the head.
"""

from __future__ import annotations

import asyncio
import functools
import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.errors import error_body
from api.limits import refuse
from practice.settings import Settings


@functools.cache
def header_timeout() -> float:
    """From the environment, as each uvicorn worker builds its app (the protocol gets no settings of its own)."""
    return Settings().header_timeout


class HeadTimeoutProtocol(HttpToolsProtocol):
    """Passed to uvicorn as `http=`: the request head must be complete within `header_timeout()` seconds."""

    _head_timer: asyncio.TimerHandle | None = None
    _head_begun = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_begun = True
        self._arm()  # the next request on a kept-alive connection: from its first byte

    def on_headers_complete(self) -> None:
        self._head_begun = False
        self._disarm()
        super().on_headers_complete()

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(header_timeout(), self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False  # a response is still going out: close once it has
            return
        if self._head_begun:
            message = f"the request head did not arrive within {header_timeout():g} s"
            body = json.dumps(error_body(408, "timeout", message, [{"field": "headers", "message": message}]))
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
                + f"content-length: {len(body)}\r\n\r\n{body}".encode()
            )
        self.transport.close()


class BodyTimedOut(HTTPException):
    """Raised while a body trickles in past the deadline; an HTTPException so the route's body parsing passes
    it on (as BodyTooLarge)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body did not arrive within {seconds:g} s")


class BodyTimeout:
    """Pure ASGI middleware: 408, and the connection closed, when the body is not all in `seconds` after the
    head. It must sit outside every middleware that reads the body (NulGuard, BodySizeLimit)."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        body_done = timed_out = started = False

        async def timed_receive() -> Message:
            nonlocal body_done, timed_out
            if body_done:  # after the body, waiting for a disconnect is no trickle
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                timed_out = True
                raise BodyTimedOut(self.seconds) from None
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if timed_out:  # whoever answers, the rest of the body may still come: no keeping alive
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except BodyTimedOut as timed_out:
            if not started:
                message = str(timed_out.detail)
                await refuse(send, 408, "timeout", message, "body", message, close=True)
