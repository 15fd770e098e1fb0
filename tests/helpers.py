"""The one assertion on the JSON error shape, shared by every API test."""

from __future__ import annotations

from typing import Any


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert error["message"]
    if field is not None:
        assert field in [f["field"] for f in error["fields"]], error
    return dict(error)
