"""Keyset pages of sessions: an opaque cursor naming the last session of the page before."""

from __future__ import annotations

import base64
from datetime import datetime

from api.errors import ApiError
from practice.sessions.model import Cursor, Session

PAGE_SIZE = 50


def cursor_after(session: Session) -> str:
    raw = f"{session.created_at.isoformat()}|{session.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def read_cursor(value: str | None, field: str = "after") -> Cursor | None:
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        at, session_id = raw.split("|", 1)
        return datetime.fromisoformat(at), session_id
    except ValueError as error:
        message = "not a cursor this service gave out; start from the first page"
        raise ApiError(422, "validation_error", message, [{"field": field, "message": message}]) from error


def page_of(sessions: list[Session], size: int) -> tuple[list[Session], str | None]:
    """A page from `size + 1` sessions read: the first `size`, and the cursor of the next page if there is one."""
    if len(sessions) > size:
        return sessions[:size], cursor_after(sessions[size - 1])
    return sessions, None
