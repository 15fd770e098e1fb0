"""Bad input to the scoring API: a clear 4xx in the one error shape, naming the field."""

from fastapi.testclient import TestClient

from api.schemas import MAX_BATCH_ITEMS, MAX_MESSAGE_CHARS
from tests.helpers import assert_error

GOOD = {"client_message": "It was late and nobody told us.", "response": "So it came late without warning?"}


def test_missing_field_names_it(score_client: TestClient) -> None:
    assert_error(score_client.post("/api/v1/score", json={"client_message": "x"}), 422, "response")


def test_empty_and_wrong_types_name_the_field(score_client: TestClient) -> None:
    assert_error(score_client.post("/api/v1/score", json={**GOOD, "response": ""}), 422, "response")
    assert_error(score_client.post("/api/v1/score", json={**GOOD, "key_points": "one"}), 422, "key_points")
    assert_error(score_client.post("/api/v1/score", json={**GOOD, "extra": 1}), 422, "extra")


def test_overlong_message_is_refused(score_client: TestClient) -> None:
    body = {**GOOD, "client_message": "a" * (MAX_MESSAGE_CHARS + 1)}
    error = assert_error(score_client.post("/api/v1/score", json=body), 422, "client_message")
    assert error["code"] == "validation_error"


def test_unknown_language_is_refused(score_client: TestClient) -> None:
    assert_error(score_client.post("/api/v1/score", json={**GOOD, "language": "xx"}), 422, "language")


def test_malformed_json_is_refused(score_client: TestClient) -> None:
    response = score_client.post(
        "/api/v1/score", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_error(response, 422)


def test_batch_over_the_limit_is_413_naming_items(score_client: TestClient) -> None:
    # Within the body cap of this app (20 kB) but over the item limit.
    items = [{"client_message": "a", "response": "b"}] * (MAX_BATCH_ITEMS + 1)
    error = assert_error(score_client.post("/api/v1/score/batch", json={"items": items}), 413, "items")
    assert str(MAX_BATCH_ITEMS) in error["message"]


def test_empty_batch_is_refused(score_client: TestClient) -> None:
    assert_error(score_client.post("/api/v1/score/batch", json={"items": []}), 422, "items")


def test_body_over_the_byte_cap_is_413_before_parsing(score_client: TestClient) -> None:
    response = score_client.post("/api/v1/score", json={**GOOD, "response": "x" * 30_000})
    assert_error(response, 413, "body")


def test_streamed_body_without_length_is_capped_too(score_client: TestClient) -> None:
    def chunks():  # no Content-Length: the middleware counts what streams in
        for _ in range(30):
            yield b"x" * 1000

    response = score_client.post(
        "/api/v1/score", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413)


def test_unknown_route_uses_the_error_shape(score_client: TestClient) -> None:
    assert_error(score_client.get("/api/v1/nothing"), 404)
