"""What both encoder adapters (torch in st_encoder.py, ONNX Runtime in onnx_encoder.py) share: the model's
name, how texts are grouped into forward passes, and how token vectors become one unit-length sentence vector."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from practice.scoring.ports import Vectors

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
# The most tokens the model reads of a text (sentence-transformers' max_seq_length for all-MiniLM-L6-v2); the
# rest is cut off, [CLS] and [SEP] included in the count.
MAX_SEQ_LENGTH = 256
# Each forward pass holds at most BATCH_SIZE texts and TOKEN_BUDGET padded tokens (texts x the longest): 32 short
# texts, or 8 of the longest the model reads (256 tokens). Its memory grows with texts x tokens², so a pass of
# 32 of the longest took 300 MB over the model, one of 8 takes 90 MB, and is no slower on a CPU.
BATCH_SIZE = 32
TOKEN_BUDGET = 2048


def token_chunks(
    lengths: Sequence[int], size: int = BATCH_SIZE, budget: int = TOKEN_BUDGET
) -> list[list[int]]:
    """Positions of the texts, shortest first, in chunks of at most `size` texts and `budget` padded tokens
    (texts x the longest, as a chunk pads to its longest); a text longer than the budget goes alone."""
    chunks: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if chunks and len(chunks[-1]) < size and (len(chunks[-1]) + 1) * lengths[i] <= budget:
            chunks[-1].append(i)
        else:
            chunks.append([i])
    return chunks


def encode_in_chunks(
    texts: Sequence[str],
    lengths: Sequence[int],
    dimension: int,
    lock: threading.Lock,
    run: Callable[[list[int]], Vectors],
) -> Vectors:
    """One row per text, in order: `run` encodes each token-budgeted chunk (the texts' positions), one chunk at
    a time under `lock`."""
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    with lock:
        for chunk in token_chunks(lengths):
            out[chunk] = run(chunk)
    return out


def mean_pool(token_vectors: NDArray[np.float32], mask: NDArray[np.int64]) -> Vectors:
    """Mean of each text's token vectors over its attention mask, scaled to unit length (texts x dimension)."""
    weights = mask[..., None].astype(np.float32)
    summed = (token_vectors * weights).sum(axis=1)
    pooled = summed / np.maximum(weights.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
