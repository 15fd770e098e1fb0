"""The platforms' keysets are cached: junk launches cannot make the tool fetch them on every request
(issue 13, finding 10), a rotated key is still found, and an error does not show the keyset's address."""

from __future__ import annotations

import httpx
import pytest

from adapters.lti_platform import KeysetCache
from practice.integrations.lti import LaunchRejected

URL = "https://platform.example/secret-keyset-path"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def cache(keys: list[dict[str, str]], status: int = 200) -> tuple[KeysetCache, Clock]:
    clock = Clock()
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json={"keys": keys}))
    return KeysetCache(httpx.Client(transport=transport), ttl=300, min_refresh=10, clock=clock), clock


def test_a_keyset_is_fetched_once_per_ttl_and_unknown_kids_refresh_at_most_every_min_refresh() -> None:
    keysets, clock = cache([{"kid": "k1"}])
    assert [keysets.key(URL, "k1") for _ in range(50)] == [{"kid": "k1"}] * 50
    assert keysets.fetches == 1
    assert [keysets.key(URL, "junk") for _ in range(50)] == [None] * 50  # within min_refresh: no refetch
    assert keysets.fetches == 1
    clock.now = 11
    assert keysets.key(URL, "junk") is None and keysets.fetches == 2  # a rotation is looked for, once
    assert keysets.key(URL, "junk") is None and keysets.fetches == 2
    clock.now = 400
    assert keysets.key(URL, "k1") == {"kid": "k1"} and keysets.fetches == 3  # past the ttl


def test_a_keyset_that_cannot_be_fetched_is_refused_without_its_address() -> None:
    keysets, _ = cache([], status=500)
    with pytest.raises(LaunchRejected) as refused:
        keysets.key(URL, "k1")
    assert str(refused.value) == "the platform's keys could not be fetched" and "secret" not in str(
        refused.value
    )
