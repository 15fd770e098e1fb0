"""Load: many concurrent role-play sessions plus scoring calls against a multi-worker server, on SQLite and on
PostgreSQL; then a check that every accepted turn is stored exactly once.

Prints requests/s, p50/p95/p99 latency and errors per kind of request, and the storage check.

Run:  .venv/bin/python bench/load_sessions.py [--seconds 120] [--trainees 16] [--scorers 4] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_api import create_key, free_port, start_server  # noqa: E402
from bench.workload import request_bodies  # noqa: E402

SCENARIOS = [
    "missed-delivery",
    "disputed-invoice",
    "partner-taken-for-granted",
    "price-rise",
    "taken-for-granted",
]


class Record:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.accepted: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.tokens: dict[str, str] = {}

    async def timed(self, kind: str, call: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response: httpx.Response = await call
        except httpx.HTTPError:
            self.errors[kind] += 1
            return None
        self.latencies[kind].append(time.perf_counter() - started)
        if response.status_code >= 500 or response.status_code == 429:
            self.errors[kind] += 1
        return response


async def trainee(
    client: httpx.AsyncClient,
    record: Record,
    stop_at: float,
    rng: random.Random,
    bodies: list[dict[str, str]],
) -> None:
    while time.perf_counter() < stop_at:
        body = {"scenario_id": rng.choice(SCENARIOS), "learner_id": f"load-{rng.randrange(10**9)}"}
        started = await record.timed("start", client.post("/api/v1/sessions", json=body))
        if started is None or started.status_code != 201:
            continue
        session_id, token = started.json()["session_id"], started.json()["token"]
        record.tokens[session_id] = token
        auth = {"authorization": f"Bearer {token}"}
        for _ in range(8):
            if time.perf_counter() >= stop_at:
                return
            reply = rng.choice(bodies)["response"]
            call = client.post(f"/api/v1/sessions/{session_id}/turns", json={"reply": reply}, headers=auth)
            answer = await record.timed("turn", call)
            if answer is None or answer.status_code != 200:
                break
            record.accepted[session_id].append((answer.json()["turn"]["index"], reply))
            if answer.json()["phase"] == "ended":
                break


async def scorer(
    client: httpx.AsyncClient, record: Record, stop_at: float, key: str, bodies: list[dict[str, str]]
) -> None:
    n = 0
    while time.perf_counter() < stop_at:
        n += 1
        await record.timed(
            "score", client.post("/api/v1/score", json=bodies[n % len(bodies)], headers={"x-api-key": key})
        )


async def load(url: str, key: str, args: argparse.Namespace) -> tuple[Record, float]:
    bodies, _ = request_bodies(2000, seed=5)
    record = Record()
    limits = httpx.Limits(max_connections=args.trainees + args.scorers)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        began = time.perf_counter()
        stop_at = began + args.seconds
        jobs = [trainee(client, record, stop_at, random.Random(i), bodies) for i in range(args.trainees)]
        jobs += [scorer(client, record, stop_at, key, bodies) for _ in range(args.scorers)]
        await asyncio.gather(*jobs)
        return record, time.perf_counter() - began


def verify(url: str, record: Record) -> dict[str, int]:
    """Every acknowledged turn is stored once, at its index; nothing stored that was not acknowledged."""
    lost = duplicated = unacknowledged = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        for session_id, token in record.tokens.items():
            stored = client.get(
                f"/api/v1/sessions/{session_id}", headers={"authorization": f"Bearer {token}"}
            ).json()
            turns = [(t["index"], t["reply"]) for t in stored["turns"]]
            indices = [i for i, _ in turns]
            duplicated += len(indices) - len(set(indices))
            lost += len(set(record.accepted[session_id]) - set(turns))
            unacknowledged += len(set(turns) - set(record.accepted[session_id]))
    return {
        "sessions": len(record.tokens),
        "accepted_turns": sum(map(len, record.accepted.values())),
        "lost": lost,
        "duplicated": duplicated,
        "stored_unacknowledged": unacknowledged,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def run_backend(name: str, store: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    # Two cores shared by the workers: one model thread each, or they fight over the cores.
    store = {**store, "GYM_ENCODER_THREADS": str(max(1, 2 // args.workers))}
    key = create_key(store)
    print(f"[{name}] starting {args.workers} workers on 127.0.0.1:{port} (each loads the model)…", flush=True)
    server = start_server(port, store, workers=args.workers)
    try:
        print(
            f"[{name}] {args.seconds:.0f} s of load: {args.trainees} trainees, {args.scorers} scoring clients…",
            flush=True,
        )
        record, wall = asyncio.run(load(f"http://127.0.0.1:{port}", key, args))
        check = verify(f"http://127.0.0.1:{port}", record)
    finally:
        server.terminate()
        server.wait(timeout=60)
    rows = {
        kind: {
            "requests": len(lat),
            "rps": len(lat) / wall,
            "p50": percentile(lat, 0.5),
            "p95": percentile(lat, 0.95),
            "p99": percentile(lat, 0.99),
            "errors": record.errors[kind],
        }
        for kind, lat in sorted(record.latencies.items())
    }
    print(f"\n[{name}] kind     requests   req/s   p50 ms   p95 ms   p99 ms  errors")
    for kind, r in rows.items():
        print(
            f"[{name}] {kind:<8} {r['requests']:>8} {r['rps']:>7.1f} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['p99']:>8.0f} {r['errors']:>7}"
        )
    print(f"[{name}] storage check: {check}\n", flush=True)
    return {"backend": name, "seconds": wall, "requests": rows, "storage": check}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--trainees", type=int, default=16)
    parser.add_argument("--scorers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "load_sessions.json")
    args = parser.parse_args()
    results = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            results.append(
                run_backend("sqlite", {"GYM_DATA_DIR": tempfile.mkdtemp(prefix="gym-load-")}, args)
            )
        else:
            from tests.postgres import postgres_server

            with postgres_server() as pg:
                store = {"GYM_DATA_DIR": tempfile.mkdtemp(prefix="gym-load-"), "GYM_DATABASE_URL": pg.url}
                results.append(run_backend("postgresql", store, args))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    bad = [r["backend"] for r in results if r["storage"]["lost"] or r["storage"]["duplicated"]]
    print("every accepted turn stored exactly once" if not bad else f"STORAGE CHECK FAILED on {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
