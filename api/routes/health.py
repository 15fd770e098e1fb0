"""GET /healthz: liveness plus what a load balancer or an operator wants to see at a glance."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

router = APIRouter(tags=["health"])


class Batching(BaseModel):
    batches: int
    texts: int
    requests: int
    mean_batch: float = Field(description="Texts per model call, on average.")


class Health(BaseModel):
    status: str
    encoder: str
    batching: Batching | None = Field(None, description="Absent when the scorer does not micro-batch.")


@router.get("/healthz", summary="Liveness, model and batching figures", response_model_exclude_none=True)
def healthz(request: Request) -> Health:
    state = request.app.state
    batcher = getattr(state, "batcher", None)
    figures = None
    if batcher is not None:
        stats = batcher.stats
        figures = Batching(
            batches=stats.batches,
            texts=stats.texts,
            requests=stats.requests,
            mean_batch=round(stats.mean_batch, 2),
        )
    return Health(status="ok", encoder=getattr(state, "encoder_name", "unknown"), batching=figures)
