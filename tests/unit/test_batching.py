import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from practice.scoring.batching import MicroBatchingEncoder
from practice.scoring.ports import Vectors
from tests.fakes import BagOfWordsEncoder, FailingEncoder, SlowEncoder


def test_concurrent_calls_are_merged_and_each_caller_gets_its_own_rows() -> None:
    inner = SlowEncoder(delay=0.05)
    batcher = MicroBatchingEncoder(inner, max_texts=1000)
    reference = BagOfWordsEncoder()
    requests = [[f"text {i} alpha", f"text {i} beta", "shared text"] for i in range(32)]
    try:
        with ThreadPoolExecutor(32) as pool:
            results = list(pool.map(batcher.encode, requests))
    finally:
        batcher.close()
    for texts, got in zip(requests, results, strict=True):
        assert np.allclose(got, reference.encode(texts))
    assert len(inner.calls) < 32 / 2, inner.calls  # far fewer model calls than requests
    assert inner.max_concurrent == 1  # the model is only ever called from the one worker
    assert batcher.stats.requests == 32
    # Duplicates within a batch are encoded once: the shared text costs one row per batch, not per caller.
    assert batcher.stats.texts == 32 * 2 + batcher.stats.batches


def test_batches_respect_the_cap() -> None:
    inner = SlowEncoder(delay=0.02)
    batcher = MicroBatchingEncoder(inner, max_texts=10)
    try:
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(batcher.encode, [[f"a{i}", f"b{i}", f"c{i}"] for i in range(16)]))
    finally:
        batcher.close()
    assert max(inner.calls) <= 10


def test_a_lone_call_waits_for_nobody() -> None:
    inner = BagOfWordsEncoder()
    batcher = MicroBatchingEncoder(inner)
    try:
        assert batcher.encode(["one"]).shape == (1, inner.dimension)
        assert batcher.encode([]).shape == (0, inner.dimension)
    finally:
        batcher.close()


def test_a_model_failure_reaches_the_caller_and_the_worker_survives() -> None:
    batcher = MicroBatchingEncoder(FailingEncoder())
    try:
        with pytest.raises(RuntimeError, match="model crashed"):
            batcher.encode(["x"])
        with pytest.raises(RuntimeError, match="model crashed"):
            batcher.encode(["y"])
    finally:
        batcher.close()


class GatedEncoder(BagOfWordsEncoder):
    """Records the texts of every model call and holds each call until the test lets it through."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list[str]] = []
        self.entered = threading.Semaphore(0)
        self.gate = threading.Semaphore(0)

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.seen.append(list(texts))
        self.entered.release()
        assert self.gate.acquire(timeout=10), "the test never let this model call through"
        return super().encode(texts)

    def wait_for_call(self, number: int) -> list[str]:
        assert self.entered.acquire(timeout=10), f"model call {number} never came"
        assert len(self.seen) == number
        return self.seen[-1]


def test_a_call_larger_than_a_chunk_is_encoded_in_bounded_chunks_shortest_texts_first() -> None:
    texts = [f"w{i} " * (1 + (i * 7) % 23) for i in range(50)]  # lengths in no order
    inner = GatedEncoder()
    inner.gate.release(100)
    batcher = MicroBatchingEncoder(inner, max_texts=16)
    try:
        rows = batcher.encode(texts)
    finally:
        batcher.close()
    assert [len(call) for call in inner.seen] == [16, 16, 16, 2]
    lengths = [len(t) for call in inner.seen for t in call]
    assert lengths == sorted(len(t) for t in texts)  # each chunk holds the next shortest
    assert np.allclose(rows, BagOfWordsEncoder().encode(texts))  # the caller's rows, in the caller's order


def test_a_short_call_behind_a_huge_one_is_served_in_the_next_chunk_and_heavy_callers_share() -> None:
    inner = GatedEncoder()
    batcher = MicroBatchingEncoder(inner, max_texts=10)
    a_texts, b_texts = [f"a{i}" for i in range(40)], [f"b{i}" for i in range(40)]
    c_texts = ["c0", "c1", "c2"]
    try:
        a = batcher.submit(a_texts)
        assert inner.wait_for_call(1) == a_texts[:10]  # a alone: the whole chunk
        b, c = batcher.submit(b_texts), batcher.submit(c_texts)
        inner.gate.release()
        second = inner.wait_for_call(2)
        # Three callers: a share of 3 each, and the one text left over goes to the first in turn.
        assert second == [*a_texts[10:14], *b_texts[:3], *c_texts]
        inner.gate.release()
        assert np.allclose(c.result(timeout=10), BagOfWordsEncoder().encode(c_texts))
        assert not a.done() and not b.done()
        # The short call is done; the two heavy ones now split each chunk evenly, the next one starting first.
        assert inner.wait_for_call(3) == [*b_texts[3:8], *a_texts[14:19]]
        inner.gate.release(100)
        assert np.allclose(a.result(timeout=10), BagOfWordsEncoder().encode(a_texts))
        assert np.allclose(b.result(timeout=10), BagOfWordsEncoder().encode(b_texts))
    finally:
        inner.gate.release(100)
        batcher.close()
    assert max(len(call) for call in inner.seen) <= 10
    assert batcher.stats.requests == 3 and batcher.stats.texts == 83


def test_a_closed_encoder_refuses_new_calls() -> None:
    batcher = MicroBatchingEncoder(BagOfWordsEncoder())
    batcher.close()
    with pytest.raises(RuntimeError, match="closed"):
        batcher.encode(["late"])


def test_model_passes_are_bounded_in_texts_and_padded_tokens_shortest_first() -> None:
    from practice.scoring.encoding import token_chunks

    assert [len(c) for c in token_chunks([10] * 40)] == [32, 8]  # short texts: 32 to a pass
    assert [len(c) for c in token_chunks([256] * 20)] == [8, 8, 4]  # the longest: 8 (8 x 256 = 2048 tokens)
    lengths = [450, 5, 100, 7, 6, 3000]
    # Shortest first; 5, 6, 7 and 100 pad to 4 x 100 = 400 tokens; 450 would make 5 x 450 > 2048, so it starts
    # a pass of its own; a text past the budget on its own goes alone.
    assert token_chunks(lengths) == [[1, 4, 3, 2], [0], [5]]
    assert token_chunks(lengths, budget=300) == [[1, 4, 3], [2], [0], [5]]
    assert token_chunks([]) == []
