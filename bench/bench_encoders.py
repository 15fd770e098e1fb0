"""The two inference paths side by side: ONNX Runtime (GYM_ENCODER=onnx) against torch (GYM_ENCODER=torch).

Per path: sentences per second of the encoder alone at batch 1 and 32; served POST /api/v1/score throughput at
concurrency 1 and 8; the server's memory (RSS after the load, and its peak); cold start (process start to the first
200 from /healthz). The paths take turns, `--repeats` times, and each figure is the median, since the machine
is shared and timings are noisy. Targets (issue 14): served throughput >= 1.5x torch's at equal quality, server
RSS under 400 MB, cold start under 4 s (quality: bench/encoder_parity.py).

Run:  make bench   (or .venv/bin/python bench/bench_encoders.py [--repeats 3] [--seconds 10])
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_api import create_key, free_port, rss_mb, run_load, start_server  # noqa: E402
from bench.workload import request_bodies  # noqa: E402

PATHS = ("torch", "onnx")
TARGETS = {"served_ratio": 1.5, "rss_mb": 400.0, "cold_start_s": 4.0, "image_mb": 600.0}
IMAGE = "localhost/listening-gym:check"  # the app image scripts/image-check.sh builds


def encoder_rates(texts: list[str], seconds: float) -> dict[str, dict[str, float]]:
    """Sentences per second of each encoder alone, at batch 1 and 32 (the paths alternate)."""
    from practice.scoring.factory import build_encoder
    from practice.settings import Settings

    encoders = {path: build_encoder(Settings(encoder=path)) for path in PATHS}
    rates: dict[str, dict[str, float]] = {path: {} for path in PATHS}
    for batch in (1, 32):
        for path, encoder in encoders.items():
            encoder.encode(texts[:batch])
            done, cursor, started = 0, 0, time.perf_counter()
            while time.perf_counter() - started < seconds:
                encoder.encode([texts[(cursor + k) % len(texts)] for k in range(batch)])
                cursor += batch
                done += batch
            rates[path][f"batch{batch}"] = done / (time.perf_counter() - started)
    return rates


def serve_once(
    path: str, store: dict[str, str], key: str, bodies: list[dict[str, str]], seconds: float
) -> dict[str, float]:
    port = free_port()
    started = time.perf_counter()
    server = start_server(port, {**store, "GYM_ENCODER": path}, poll=0.05)
    figures = {"cold_start_s": time.perf_counter() - started}
    url = f"http://127.0.0.1:{port}/api/v1/score"
    try:
        asyncio.run(run_load(url, bodies[-30:], 1, 2.0, key))  # warm-up
        for concurrency in (1, 8):
            row = asyncio.run(run_load(url, bodies, concurrency, seconds, key))
            assert row["errors"] == 0, row
            figures[f"served_c{concurrency}"] = row["rps"]
        figures["rss_mb"], figures["peak_rss_mb"] = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


def image_size_mb() -> float | None:
    """The size of the image `make image-check` built, if podman and the image are on this machine."""
    env = {**os.environ, "CONTAINERS_CONF": str(ROOT / "scripts" / "podman" / "containers.conf")}
    try:
        done = subprocess.run(
            ["podman", "image", "inspect", IMAGE, "--format", "{{.Size}}"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return int(done.stdout.strip()) / 1e6 if done.returncode == 0 and done.stdout.strip().isdigit() else None


def median(runs: list[dict[str, float]], name: str) -> float:
    return statistics.median(r[name] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0, help="per load level and per encoder rate")
    parser.add_argument(
        "--threads", type=int, help="GYM_ENCODER_THREADS for both (default: each runtime's own)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench_encoders.json")
    args = parser.parse_args()
    if args.threads:
        os.environ["GYM_ENCODER_THREADS"] = str(args.threads)  # the servers inherit it; Settings() reads it
        args.json = args.json.with_name(f"{args.json.stem}_threads{args.threads}.json")

    bodies, texts = request_bodies(2000)
    store = {"GYM_DATA_DIR": tempfile.mkdtemp(prefix="gym-bench-enc-"), "GYM_LOG_LEVEL": "warning"}
    key = create_key(store)
    runs: dict[str, list[dict[str, float]]] = {path: [] for path in PATHS}
    for repeat in range(args.repeats):
        for path in PATHS if repeat % 2 == 0 else PATHS[::-1]:
            print(f"[{repeat + 1}/{args.repeats}] {path}: serving…", flush=True)
            runs[path].append(serve_once(path, store, key, bodies, args.seconds))
        rates = encoder_rates(texts, min(args.seconds, 5.0))
        for path in PATHS:
            runs[path][-1].update({f"encode_{b}": v for b, v in rates[path].items()})

    rows = [
        ("sentences/s, encoder alone, batch 1", "encode_batch1", "{:.0f}"),
        ("sentences/s, encoder alone, batch 32", "encode_batch32", "{:.0f}"),
        ("served /api/v1/score req/s, concurrency 1", "served_c1", "{:.1f}"),
        ("served /api/v1/score req/s, concurrency 8", "served_c8", "{:.1f}"),
        ("server RSS after load, MB", "rss_mb", "{:.0f}"),
        ("server peak RSS, MB", "peak_rss_mb", "{:.0f}"),
        ("cold start to /healthz, s", "cold_start_s", "{:.1f}"),
    ]
    threads = args.threads or "each runtime's default"
    print(
        f"\nmedians of {args.repeats} runs each; {os.cpu_count()} cores, shared; model threads: {threads}\n"
    )
    print(f"{'':44} {'torch':>8} {'onnx':>8} {'onnx/torch':>11}")
    summary: dict[str, dict[str, float]] = {}
    for label, name, fmt in rows:
        t, o = median(runs["torch"], name), median(runs["onnx"], name)
        summary[name] = {"torch": t, "onnx": o, "ratio": o / t}
        print(f"{label:44} {fmt.format(t):>8} {fmt.format(o):>8} {o / t:10.2f}x")
    served = min(summary["served_c1"]["ratio"], summary["served_c8"]["ratio"])
    rss, cold = summary["rss_mb"]["onnx"], summary["cold_start_s"]["onnx"]
    verdict = {True: "met", False: "MISSED"}
    print(
        f"\ntargets (onnx): served throughput >= {TARGETS['served_ratio']}x torch: {served:.2f}x "
        f"({verdict[served >= TARGETS['served_ratio']]}); RSS < {TARGETS['rss_mb']:.0f} MB: {rss:.0f} "
        f"({verdict[rss < TARGETS['rss_mb']]}); cold start < {TARGETS['cold_start_s']:.0f} s: {cold:.1f} s "
        f"({verdict[cold < TARGETS['cold_start_s']]})"
    )
    image_mb = image_size_mb()
    if image_mb is None:
        print(f"image: {IMAGE} not built here (make image-check builds it)")
    else:
        print(
            f"image: {IMAGE} {image_mb:.0f} MB (target < {TARGETS['image_mb']:.0f} MB: {verdict[image_mb < TARGETS['image_mb']]})"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"runs": runs, "medians": summary, "image_mb": image_mb}, indent=2) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
