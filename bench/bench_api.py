"""Benchmark the scoring API over HTTP on loopback.

Prints single-request latency (p50/p95), throughput at concurrency 1/8/32, the ratio of served throughput to
the raw `encode` throughput of the same encoder (GYM_ENCODER) at the same batch size, and the server's memory
(RSS). bench/bench_encoders.py puts the two encoders side by side.
Targets (issue 2): ratio >= 0.8 at concurrency 32; p95 at concurrency 1 under 50 ms on 2 cores.

Run:  make bench     (or .venv/bin/python bench/bench_api.py --seconds 20)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.workload import request_bodies  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_key(store: dict[str, str]) -> str:
    """A scoring key in the bench's own database (`store`: GYM_* variables), made as an admin would."""
    env = {**os.environ, **store}
    cmd = [sys.executable, "-m", "cli", "keys", "create", "--name", "bench", "--scope", "score"]
    made = subprocess.run([*cmd, "--rate", "100000"], cwd=ROOT, env=env, capture_output=True, text=True)
    if made.returncode:
        raise RuntimeError(made.stderr)
    return made.stdout.strip()


def start_server(
    port: int, store: dict[str, str], workers: int = 1, poll: float = 0.5
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GYM_PORT": str(port), "GYM_LOG_LEVEL": "warning", **store}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "server.main:create_app",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(poll)
    proc.kill()
    raise RuntimeError("server did not become healthy in 180 s")


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def run_load(
    url: str, bodies: list[dict[str, str]], concurrency: int, seconds: float, key: str
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    cursor = 0
    stop_at = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal cursor, errors
        while time.perf_counter() < stop_at:
            body = bodies[cursor % len(bodies)]
            cursor += 1
            started = time.perf_counter()
            response = await client.post(url, json=body)
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"X-API-Key": key}
    async with httpx.AsyncClient(timeout=60, limits=limits, headers=headers) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - began
    latencies.sort()
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "wall_s": wall,
    }


def raw_encode_rate(texts: list[str], batch: int, seconds: float) -> float:
    """Texts per second of the encoder the server runs (GYM_ENCODER) alone, at the given batch size."""
    from practice.scoring.factory import build_encoder
    from practice.settings import Settings

    encoder = build_encoder(Settings())
    encoder.encode(texts[:batch])
    done, started, i = 0, time.perf_counter(), 0
    while time.perf_counter() - started < seconds:
        chunk = [texts[(i + k) % len(texts)] for k in range(batch)]
        i += batch
        encoder.encode(chunk)
        done += batch
    return done / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration per concurrency level")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench_api.json")
    args = parser.parse_args()

    bodies, texts = request_bodies(4000)
    port = free_port()
    print(f"starting the server on 127.0.0.1:{port} (loads the model)…", flush=True)
    store = {"GYM_DATA_DIR": tempfile.mkdtemp(prefix="gym-bench-")}
    key = create_key(store)
    server = start_server(port, store)
    url = f"http://127.0.0.1:{port}/api/v1/score"
    rows = []
    try:
        asyncio.run(run_load(url, bodies[-50:], 1, 3.0, key))  # warm-up
        for concurrency in (1, 8, 32):
            before = httpx.get(f"http://127.0.0.1:{port}/healthz").json()["batching"]
            print(f"concurrency {concurrency}: {args.seconds:.0f} s of load…", flush=True)
            row = asyncio.run(run_load(url, bodies, concurrency, args.seconds, key))
            after = httpx.get(f"http://127.0.0.1:{port}/healthz").json()["batching"]
            encoded = after["texts"] - before["texts"]
            calls = after["batches"] - before["batches"]
            row["texts_per_s"] = encoded / row["wall_s"]
            row["mean_batch"] = encoded / calls if calls else 0.0
            rows.append(row)
        rss, peak = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print("measuring raw model.encode at the same batch sizes…", flush=True)
    for row in rows:
        row["raw_texts_per_s"] = raw_encode_rate(
            texts, max(1, round(row["mean_batch"])), min(args.seconds, 10.0)
        )
        row["ratio"] = row["texts_per_s"] / row["raw_texts_per_s"]

    print(
        f"\n{'conc':>4} {'req':>6} {'err':>4} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'batch':>6} {'texts/s':>8} {'raw/s':>7} {'ratio':>6}"
    )
    for r in rows:
        print(
            f"{r['concurrency']:4d} {r['requests']:6d} {r['errors']:4d} {r['rps']:7.1f} {r['p50_ms']:7.1f} "
            f"{r['p95_ms']:7.1f} {r['mean_batch']:6.1f} {r['texts_per_s']:8.1f} {r['raw_texts_per_s']:7.1f} "
            f"{r['ratio']:6.2f}"
        )
    print(f"server RSS {rss:.0f} MB (peak {peak:.0f} MB); cores: {os.cpu_count()}")
    c1, c32 = rows[0], rows[-1]
    print(
        f"targets: p95@c1 {c1['p95_ms']:.1f} ms (< 50: {'met' if c1['p95_ms'] < 50 else 'MISSED'}); "
        f"ratio@c32 {c32['ratio']:.2f} (>= 0.8: {'met' if c32['ratio'] >= 0.8 else 'MISSED'})"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "rss_mb": rss, "peak_rss_mb": peak}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
