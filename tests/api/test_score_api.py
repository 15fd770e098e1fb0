"""The scoring API with the real model: shape, order, docs, health."""

import pytest
from fastapi.testclient import TestClient

from practice.scoring.behaviours import BEHAVIOURS

pytestmark = pytest.mark.model

CLIENT = "The shipment was three days late and nobody told us. We had to cancel our own customer's launch."


def test_score_returns_the_documented_shape(real_client: TestClient) -> None:
    reply = "So it came three days late with no warning, and you had to cancel your customer's launch. That's awful."
    response = real_client.post("/api/v1/score", json={"client_message": CLIENT, "response": reply})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {
        "understanding",
        "key_points",
        "parroting",
        "depth",
        "behaviours",
        "flags",
        "feedback",
        "model",
    } <= set(body)
    assert 0.0 <= body["understanding"] <= 1.0
    assert len(body["key_points"]) == 3
    for point in body["key_points"]:
        assert {"text", "captured", "similarity", "evidence"} <= set(point)
        if point["evidence"]:
            assert reply[point["evidence"]["start"] : point["evidence"]["end"]] == point["evidence"]["text"]
    assert list(body["behaviours"]) == list(BEHAVIOURS)  # the registry, in its order
    assert set(body["flags"]) <= set(body["behaviours"])
    assert body["model"]["encoder"] == "all-MiniLM-L6-v2"


def test_trainer_key_points_replace_the_split(real_client: TestClient) -> None:
    body = {
        "client_message": CLIENT,
        "response": "You had to cancel your customer's launch because of us.",
        "key_points": [
            "The delivery was late",
            "They were not warned",
            "It cost them a customer launch",
            " ",
        ],
    }
    points = real_client.post("/api/v1/score", json=body).json()["key_points"]
    assert [p["text"] for p in points] == body["key_points"][:3]
    assert [p["captured"] for p in points] == [False, False, True]


def test_batch_keeps_order_and_matches_single_scores(real_client: TestClient) -> None:
    replies = [
        "So it arrived on time and we kept you informed?",
        "So it was three days late, nobody warned you, and your customer's launch was cancelled.",
        "Delays happen to everyone.",
    ]
    items = [{"client_message": CLIENT, "response": r} for r in replies]
    batch = real_client.post("/api/v1/score/batch", json={"items": items}).json()["results"]
    singles = [real_client.post("/api/v1/score", json=i).json() for i in items]
    assert [b["understanding"] for b in batch] == pytest.approx(
        [s["understanding"] for s in singles], abs=1e-3
    )
    assert batch[1]["understanding"] > batch[0]["understanding"]
    assert batch[1]["understanding"] > batch[2]["understanding"]


def test_docs_and_health(real_client: TestClient) -> None:
    assert real_client.get("/docs").status_code == 200
    schema = real_client.get("/openapi.json").json()
    assert "/api/v1/score" in schema["paths"] and "/api/v1/score/batch" in schema["paths"]
    health = real_client.get("/healthz").json()
    assert health["status"] == "ok"
