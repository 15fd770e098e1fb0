from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from practice.scoring.batching import MicroBatchingEncoder
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


def test_model_passes_are_bounded_in_texts_and_padded_tokens_shortest_first() -> None:
    from practice.scoring.st_encoder import token_chunks

    assert [len(c) for c in token_chunks([10] * 40)] == [32, 8]  # short texts: 32 to a pass
    assert [len(c) for c in token_chunks([256] * 20)] == [8, 8, 4]  # the longest: 8 (8 x 256 = 2048 tokens)
    lengths = [450, 5, 100, 7, 6, 3000]
    # Shortest first; 5, 6, 7 and 100 pad to 4 x 100 = 400 tokens; 450 would make 5 x 450 > 2048, so it starts
    # a pass of its own; a text past the budget on its own goes alone.
    assert token_chunks(lengths) == [[1, 4, 3, 2], [0], [5]]
    assert token_chunks(lengths, budget=300) == [[1, 4, 3], [2], [0], [5]]
    assert token_chunks([]) == []
