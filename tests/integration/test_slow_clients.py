"""Slow clients against a real server on real sockets: heads and bodies that trickle are given up on, idle
connections are closed, and past the connection limit new requests are turned away until there is room."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.serving import Server, served

pytestmark = pytest.mark.model
HEADER_TIMEOUT, BODY_TIMEOUT, MAX_CONNECTIONS = 1, 2, 40


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = {
        "GYM_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "GYM_BODY_TIMEOUT": str(BODY_TIMEOUT),
        "GYM_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
    }
    with served(tmp_path_factory.mktemp("data"), **settings) as running:
        yield running


def connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=15)


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and the seconds that took."""
    started, received = time.monotonic(), b""
    while chunk := sock.recv(65536):
        received += chunk
    return received, time.monotonic() - started


def read_response(sock: socket.socket) -> bytes:
    """One whole response (head and a body of its content-length), leaving the connection open."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if b"content-length" in line
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def json_body(response: bytes) -> dict[str, object]:
    head, _, body = response.partition(b"\r\n\r\n")
    assert b"content-type: application/json" in head.lower(), head
    parsed: dict[str, object] = json.loads(body)
    return parsed


def test_half_a_request_head_is_answered_408_and_closed_after_the_header_timeout(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        response, waited = read_until_closed(sock)
    assert response.startswith(b"HTTP/1.1 408 ")
    assert json_body(response)["error"]["fields"][0]["field"] == "headers"  # type: ignore[index]
    assert HEADER_TIMEOUT - 0.2 <= waited <= HEADER_TIMEOUT + 3


def test_a_connection_that_sends_nothing_is_closed_without_an_answer(server: Server) -> None:
    with connect(server) as sock:
        response, waited = read_until_closed(sock)
    assert response == b""
    assert HEADER_TIMEOUT - 0.2 <= waited <= HEADER_TIMEOUT + 3


def trickle(sock: socket.socket, data: bytes, gap: float) -> tuple[bytes, float]:
    """Send `data` a byte every `gap` seconds until the server answers or closes; what it sent, and when."""
    sock.settimeout(gap)
    started, received = time.monotonic(), b""
    for byte in data:
        try:
            sock.sendall(bytes([byte]))
            received = sock.recv(65536)
            break  # an answer, or the connection closed
        except TimeoutError:
            continue  # nothing yet: the server is still waiting
        except ConnectionError:
            break  # closed while a byte was on its way
    waited = time.monotonic() - started
    sock.settimeout(5)
    with contextlib.suppress(ConnectionError):
        received += read_until_closed(sock)[0]
    return received, waited


def test_a_head_trickled_a_byte_at_a_time_is_cut_off_at_the_deadline_not_per_byte(server: Server) -> None:
    with connect(server) as sock:
        head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 200
        response, waited = trickle(sock, head, gap=0.3)
    assert response.startswith(b"HTTP/1.1 408 ")
    assert HEADER_TIMEOUT - 0.2 <= waited <= HEADER_TIMEOUT + 3


def test_a_stalled_body_is_answered_408_naming_the_body_and_closed(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            b"content-length: 100\r\n\r\n" + b'{"scenario_id": '
        )
        response, waited = read_until_closed(sock)
    assert response.startswith(b"HTTP/1.1 408 ")
    assert b"connection: close" in response.lower()
    error = json_body(response)["error"]
    assert error["code"] == "timeout" and error["fields"][0]["field"] == "body"  # type: ignore[index]
    assert BODY_TIMEOUT - 0.2 <= waited <= BODY_TIMEOUT + 3


def test_a_body_trickled_under_the_deadline_pace_still_ends_at_the_deadline(server: Server) -> None:
    body = json.dumps({"scenario_id": "missed-delivery"}).encode()
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
        )
        # A byte every 0.4 s: each gap is short, the whole body takes far longer than the deadline.
        response, waited = trickle(sock, body, gap=0.4)
    assert response.startswith(b"HTTP/1.1 408 ")
    assert BODY_TIMEOUT - 0.2 <= waited <= BODY_TIMEOUT + 3


def test_ordinary_requests_still_work_and_keep_their_connection(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.get("/healthz").status_code == 200
        started = client.post("/api/v1/sessions", json={"scenario_id": "missed-delivery"})
        assert started.status_code == 201
        assert client.get("/healthz").status_code == 200
    # A request sent in pieces, but well within the deadlines, is answered as usual.
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        time.sleep(HEADER_TIMEOUT / 3)
        sock.sendall(b"Host: x\r\nConnection: close\r\n\r\n")
        response, _ = read_until_closed(sock)
    assert response.startswith(b"HTTP/1.1 200 ")


def test_the_next_request_on_a_kept_alive_connection_has_its_own_header_deadline(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        first = read_response(sock)
        assert first.startswith(b"HTTP/1.1 200 ") and first.endswith(b"}")
        time.sleep(HEADER_TIMEOUT * 1.5)  # idle, within the keep-alive timeout (5 s): still open
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        response, waited = read_until_closed(sock)
    assert response.startswith(b"HTTP/1.1 408 ")
    assert HEADER_TIMEOUT - 0.2 <= waited <= HEADER_TIMEOUT + 3


def test_past_the_connection_limit_requests_get_503_until_slow_connections_are_dropped(
    server: Server,
) -> None:
    slow = [connect(server) for _ in range(MAX_CONNECTIONS + 10)]
    try:
        for sock in slow:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        time.sleep(0.2)
        assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 503
        deadline = time.monotonic() + HEADER_TIMEOUT + 5
        for sock in slow:  # every trickling connection is dropped after the header timeout
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            response, _ = read_until_closed(sock)
            assert response.startswith(b"HTTP/1.1 408 ")
    finally:
        for sock in slow:
            sock.close()
    assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
