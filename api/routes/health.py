"""GET /healthz: liveness plus what a load balancer or an operator wants to see at a glance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness, model and batching figures")
def healthz(request: Request) -> dict[str, Any]:
    state = request.app.state
    body: dict[str, Any] = {"status": "ok", "encoder": getattr(state, "encoder_name", "unknown")}
    batcher = getattr(state, "batcher", None)
    if batcher is not None:
        stats = batcher.stats
        body["batching"] = {
            "batches": stats.batches,
            "texts": stats.texts,
            "requests": stats.requests,
            "mean_batch": round(stats.mean_batch, 2),
        }
    return body
