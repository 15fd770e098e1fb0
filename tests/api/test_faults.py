"""Faults: the database goes away and comes back; the service says so clearly and recovers without a restart."""

from __future__ import annotations

from pathlib import Path

from practice.settings import Settings
from tests.api.test_sessions_api import fake_app, start
from tests.helpers import assert_error
from tests.postgres import ThrowawayPostgres


def test_database_outage_gives_503_and_recovers_without_restart(scenarios_dir: Path, tmp_path: Path) -> None:
    server = ThrowawayPostgres()
    server.start()
    try:
        settings = Settings(scenarios_dir=scenarios_dir, data_dir=tmp_path, database_url=server.url)
        with fake_app(settings) as app:
            session_id, auth = start(app)
            turn = {"reply": "So the units came late."}
            assert app.post(f"/api/v1/sessions/{session_id}/turns", json=turn, headers=auth).is_success
            server.stop()
            down = app.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": "lost?"}, headers=auth)
            assert "database" in assert_error(down, 503)["message"]
            assert down.headers["retry-after"] == "5"
            assert_error(app.get(f"/api/v1/sessions/{session_id}", headers=auth), 503)
            assert (
                app.get("/", headers={"accept": "text/html"}).status_code == 200
            )  # pages without data still work
            server.start()
            back = app.get(f"/api/v1/sessions/{session_id}", headers=auth).json()
            assert [t["reply"] for t in back["turns"]] == [
                "So the units came late."
            ]  # the refused turn left nothing
            again = app.post(
                f"/api/v1/sessions/{session_id}/turns", json={"reply": "And then?"}, headers=auth
            )
            assert again.json()["turn"]["index"] == 2
    finally:
        server.remove()
