"""POST /api/v1/score and /api/v1/score/batch: plain `def` routes, so scoring runs in the thread pool."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from api.deps import ScorerDep
from api.errors import ApiError
from api.schemas import MAX_BATCH_ITEMS, ScoreBatchRequest, ScoreBatchResponse, ScoreRequest, ScoreResponse
from api.security import ScoreBatchKey, ScoreKey, charge
from practice.scoring.limits import MAX_TEXTS_PER_CALL
from practice.scoring.results import ScoreInput, ScoreResult

router = APIRouter(prefix="/api/v1", tags=["scoring"])


def _input(body: ScoreRequest) -> ScoreInput:
    return ScoreInput(body.client_message, body.response, body.cleaned_key_points(), body.language)


def _output(result: ScoreResult) -> ScoreResponse:
    return ScoreResponse.model_validate(asdict(result))


@router.post("/score", summary="Score one reply to a client message")
def score(body: ScoreRequest, scorer: ScorerDep, _key: ScoreKey) -> ScoreResponse:
    return _output(scorer.score_many([_input(body)])[0])


@router.post(
    "/score/batch",
    summary=f"Score up to {MAX_BATCH_ITEMS} replies; results come back in order",
    description="Each item counts against the key's rate per minute. A batch whose items expand into more than "
    f"{MAX_TEXTS_PER_CALL} texts to encode (replies split into clauses and sentences, key points, the client's "
    "last clauses) is refused with 422 naming `items`: send fewer items at a time.",
)
def score_batch(
    body: ScoreBatchRequest, scorer: ScorerDep, key: ScoreBatchKey, request: Request
) -> ScoreBatchResponse:
    items = len(body.items)
    if items > MAX_BATCH_ITEMS:
        raise ApiError(
            413,
            "too_large",
            f"a batch holds at most {MAX_BATCH_ITEMS} items, this one has {items}",
            [{"field": "items", "message": f"at most {MAX_BATCH_ITEMS} items"}],
        )
    if items > key.rate_per_minute:  # could never pass the rate, which counts each item
        raise ApiError(
            413,
            "too_large",
            f"the API key {key.name!r} allows {key.rate_per_minute} items a minute, this batch has {items}",
            [{"field": "items", "message": f"at most {key.rate_per_minute} items for this key"}],
        )
    charge(request, key, cost=items)
    results = scorer.score_many([_input(item) for item in body.items])
    return ScoreBatchResponse(results=[_output(r) for r in results])
