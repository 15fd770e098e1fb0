"""The one JSON error shape, and the mapping of domain errors to HTTP statuses (only here, at the edge).

Every error body is {"error": {"status": int, "code": str, "message": str, "fields": [{"field", "message"}]}}.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from practice.accounts.model import AccountError
from practice.integrations.lti import LaunchRejected
from practice.scenarios.library import UnknownScenario, VersionNotNewer
from practice.scoring.lang import UnsupportedLanguage
from practice.scoring.limits import InputTooLarge
from practice.sessions.model import SessionFinished, SessionNotFound, TurnConflict, UnknownTurn

log = logging.getLogger("api")


class ApiError(Exception):
    """An error the API reports as it is: status, code, message, and the fields it is about."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or []
        self.headers = headers or {}


def error_body(
    status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or []}}


def error_response(
    status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, fields), status_code=status)


HtmlRenderer = Callable[[Request, int, str], Response]
_html: list[HtmlRenderer] = []


def _respond(
    request: Request, status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
) -> Response:
    """JSON for the API; the error page for a browser asking for a page."""
    wants_page = not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")
    if wants_page and status == 401 and request.method == "GET":  # a page that needs a sign-in asks for one
        return RedirectResponse("/signin?" + urlencode({"next": request.url.path}), status_code=303)
    if wants_page and _html:
        return _html[0](request, status, message)
    return error_response(status, code, message, fields)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {"field": _field_name(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    names = ", ".join(dict.fromkeys(f["field"] for f in fields))
    return _respond(request, 422, "validation_error", f"invalid request: {names}", fields)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 408: "timeout", 413: "too_large"}
    code = codes.get(exc.status_code, "http_error")
    return _respond(request, exc.status_code, code, str(exc.detail))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    response = _respond(request, exc.status, exc.code, exc.message, exc.fields)
    response.headers.update(exc.headers)
    return response


async def _account(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AccountError)
    status = 404 if exc.field == "invite" else 422
    return _respond(
        request,
        status,
        "not_found" if status == 404 else "invalid_account",
        exc.message,
        [{"field": exc.field, "message": exc.message}],
    )


async def _language(request: Request, exc: Exception) -> Response:
    return _respond(
        request, 422, "unsupported_language", str(exc), [{"field": "language", "message": str(exc)}]
    )


async def _input_too_large(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputTooLarge)
    detail = f"at most {exc.limit}"
    return _respond(request, 422, "too_large", exc.message, [{"field": exc.field, "message": detail}])


async def _unknown_scenario(request: Request, exc: Exception) -> Response:
    return _respond(request, 404, "not_found", str(exc), [{"field": "scenario_id", "message": str(exc)}])


async def _session_not_found(request: Request, exc: Exception) -> Response:
    return _respond(request, 404, "not_found", "no such session, or it is not yours")


async def _lti_rejected(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LaunchRejected)
    return _respond(request, 400, "lti_rejected", str(exc), [{"field": exc.claim, "message": str(exc)}])


async def _database_down(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    response = _respond(
        request, 503, "database_unavailable", "the database cannot be reached; nothing was changed, try again"
    )
    response.headers["Retry-After"] = "5"
    return response


async def _unknown_turn(request: Request, exc: Exception) -> Response:
    return _respond(request, 404, "not_found", str(exc), [{"field": "turn", "message": str(exc)}])


async def _version_conflict(request: Request, exc: Exception) -> Response:
    return _respond(request, 409, "conflict", str(exc), [{"field": "version", "message": str(exc)}])


async def _conflict(request: Request, exc: Exception) -> Response:
    return _respond(request, 409, "conflict", str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _respond(
        request, 500, "internal_error", "the server failed to handle this request; it has been logged"
    )


def install_error_handlers(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    if html is not None:
        _html[:] = [html]
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(AccountError, _account)
    app.add_exception_handler(UnsupportedLanguage, _language)
    app.add_exception_handler(InputTooLarge, _input_too_large)
    app.add_exception_handler(UnknownScenario, _unknown_scenario)
    app.add_exception_handler(SessionNotFound, _session_not_found)
    app.add_exception_handler(LaunchRejected, _lti_rejected)
    app.add_exception_handler(TurnConflict, _conflict)
    app.add_exception_handler(SessionFinished, _conflict)
    app.add_exception_handler(UnknownTurn, _unknown_turn)
    app.add_exception_handler(VersionNotNewer, _version_conflict)
    # Connection lost or refused (OperationalError), or a pool connection that died (InterfaceError).
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(InterfaceError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
