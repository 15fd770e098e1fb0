"""The costliest valid requests against a real server (SQLite, one worker): its memory stays under 1 GB, and an
ordinary call is not stuck behind them."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from practice.scoring.limits import INPUTS_PER_CALL
from tests.serving import Server, create_key, served
from tests.worst import dense_reply, worst_batch

pytestmark = [pytest.mark.slow, pytest.mark.model]
ORDINARY = {
    "client_message": "Nobody told us the order was late.",
    "response": "So you were left in the dark.",
}


def heavy_turn(server: Server, index: int) -> tuple[int, float]:
    """A session anyone may start, and a turn of 4,000 characters of one-word sentences."""
    started = httpx.post(
        f"{server.url}/api/v1/sessions",
        json={"scenario_id": "missed-delivery"},
    ).json()
    auth = {"authorization": f"Bearer {started['token']}"}
    url = f"{server.url}/api/v1/sessions/{started['session_id']}/turns"
    turn = httpx.post(url, json={"reply": dense_reply(index)}, headers=auth, timeout=1800)
    return turn.status_code, time.monotonic()


def post(server: Server, path: str, body: object, key: str) -> tuple[int, float]:
    response = httpx.post(f"{server.url}{path}", json=body, headers={"X-API-Key": key}, timeout=1800)
    return response.status_code, time.monotonic()


def test_the_costliest_requests_stay_under_1_gb_and_do_not_starve_an_ordinary_call(tmp_path: Path) -> None:
    key = create_key(tmp_path, "score", rate=100_000)
    with served(tmp_path) as server:
        # Past the cap: refused before anything is encoded.
        refused = httpx.post(
            f"{server.url}/api/v1/score/batch", json=worst_batch(64), headers={"X-API-Key": key}, timeout=120
        )
        assert refused.status_code == 422 and refused.json()["error"]["fields"][0]["field"] == "items"
        assert INPUTS_PER_CALL == 22
        with ThreadPoolExecutor(4) as pool:
            batch = pool.submit(post, server, "/api/v1/score/batch", worst_batch(INPUTS_PER_CALL, "w"), key)
            turns = [pool.submit(heavy_turn, server, i) for i in (1, 2)]
            time.sleep(3)  # the heavy ones are under way
            asked = time.monotonic()
            ordinary = pool.submit(post, server, "/api/v1/score", ORDINARY, key)
            (batch_status, batch_done), (ordinary_status, ordinary_done) = batch.result(), ordinary.result()
            turn_results = [t.result() for t in turns]
        peak = server.peak_rss_mb()
    print(
        f"\npeak RSS {peak:.0f} MB; ordinary /score answered in {ordinary_done - asked:.1f} s; "
        f"heavy turns at {[round(t - asked, 1) for _, t in turn_results]} s, batch at {batch_done - asked:.1f} s"
    )
    assert batch_status == ordinary_status == 200
    assert [status for status, _ in turn_results] == [200, 200]
    assert peak < 1024
    # Served in turn with the heavy batch (chunk by chunk), not after it.
    assert ordinary_done < batch_done
