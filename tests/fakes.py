"""Small stand-ins behind the real ports, for fast tests of the logic around the model."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Sequence

import numpy as np

from practice.scoring.ports import Vectors
from practice.scoring.text import stem, words


class BagOfWordsEncoder:
    """Hashes word stems into a fixed-size vector: texts sharing words are near, others far. Deterministic."""

    name = "fake-bow"

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                digest = hashlib.blake2b(stem(word).encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
            norm = float(np.linalg.norm(out[row]))
            out[row] = out[row] / norm if norm else out[row]
        return out


class SlowEncoder(BagOfWordsEncoder):
    """Takes a fixed time per call, like a model would, and records how many texts each call carried."""

    def __init__(self, delay: float = 0.02) -> None:
        super().__init__()
        self.delay = delay
        self.lock = threading.Lock()
        self.concurrent = 0
        self.max_concurrent = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        with self.lock:
            self.concurrent += 1
            self.max_concurrent = max(self.max_concurrent, self.concurrent)
        time.sleep(self.delay)
        try:
            return super().encode(texts)
        finally:
            with self.lock:
                self.concurrent -= 1


class FailingEncoder(BagOfWordsEncoder):
    def encode(self, texts: Sequence[str]) -> Vectors:
        raise RuntimeError("model crashed")
