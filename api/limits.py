"""Refusing oversized request bodies early, before they are read into memory, and NUL characters anywhere."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body


class BodyTooLarge(HTTPException):
    """Raised while a body streams in past the cap; an HTTPException so the route's body parsing passes it on."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"request body exceeds {max_bytes} bytes")


class BodySizeLimit:
    """Pure ASGI middleware: 413 when Content-Length, or the bytes actually streamed, exceed the cap."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        message = f"request body exceeds {self.max_bytes} bytes"
        await refuse(send, 413, "too_large", message, "body", f"at most {self.max_bytes} bytes", close=True)


async def refuse(
    send: Send, status: int, code: str, message: str, field: str, detail: str, close: bool = False
) -> None:
    """Answer with the one JSON error shape, before the app has read the request. `close`: the connection is
    closed after the answer, as the rest of a body that was not read may still be coming."""
    body = json.dumps(error_body(status, code, message, [{"field": field, "message": detail}])).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": headers + ([(b"connection", b"close")] if close else []),
        }
    )
    await send({"type": "http.response.body", "body": body})


NUL_RAW = b"\x00"
NUL_JSON = b"\\u0000"  # JSON's escape for it


class NulGuard:
    """Pure ASGI middleware: 422 for a NUL character in the path, the query or the body, on every backend (some
    databases refuse NUL in text, others would store it). It reads the body before the app does, so it must sit
    inside BodySizeLimit, which bounds what it reads."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope.get("path", "").encode()
        if b"%00" in raw_path or b"%00" in scope.get("query_string", b"") or "\x00" in scope.get("path", ""):
            await refuse(send, 422, "invalid_input", "the address contains a NUL character", "path", "no NUL")
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"").lower()
        form = content_type.startswith(b"application/x-www-form-urlencoded")
        if NUL_RAW in body or NUL_JSON in body or (form and b"%00" in body):
            await refuse(send, 422, "invalid_input", "text may not contain NUL characters", "body", "no NUL")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
