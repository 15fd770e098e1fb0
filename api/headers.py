"""Security headers on every response: a content security policy without inline script, framing only by this
service, the registered LTI platforms and configured origins, no MIME sniffing, and a same-origin referrer."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Swagger UI and ReDoc run inline script; the service's own pages never do.
UNRESTRICTED = ("/docs",)
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors {ancestors}"
)
PLATFORMS_TTL = 60.0  # seconds between reads of the registered platforms


class SecurityHeaders:
    def __init__(self, app: ASGIApp, extra_ancestors: str = "") -> None:
        self.app = app
        self.extra = extra_ancestors.split()
        self._platforms: tuple[float, list[str]] = (-PLATFORMS_TTL, [])
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        strict = not path.startswith(UNRESTRICTED)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                if strict:
                    policy = POLICY.format(ancestors=" ".join(["'self'", *self.extra, *self._origins(scope)]))
                    headers.append((b"content-security-policy", policy.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)

    def _origins(self, scope: Scope) -> list[str]:
        """The registered LTI platforms' origins, which embed the tool in their pages; read at most every minute."""
        with self._lock:
            read_at, origins = self._platforms
            if time.monotonic() - read_at < PLATFORMS_TTL:
                return origins
            registry = getattr(getattr(scope.get("app"), "state", None), "lti", None)
            try:
                platforms = registry.platforms() if registry is not None else []
            except Exception:  # a database hiccup must not take a page down; keep the last known origins
                return origins
            parts = (urlsplit(p.issuer) for p in platforms)
            origins = sorted({f"{u.scheme}://{u.netloc}" for u in parts if u.scheme in ("http", "https")})
            self._platforms = (time.monotonic(), origins)
            return origins
