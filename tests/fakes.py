"""Small stand-ins behind the real ports, for fast tests of the logic around the model."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Sequence

import numpy as np

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.heads import untrained_heads
from practice.scoring.ports import Vectors
from practice.scoring.results import Commitment, KeyPointResult, ScoreResult
from practice.scoring.scorer import ListeningScorer
from practice.scoring.text import stem, words
from practice.scoring.training import OUTPUTS


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


def fake_result(
    understanding: float = 0.0,
    flags: tuple[str, ...] = (),
    contradiction: float = 0.0,
    dismissal: float = 0.0,
    parroting: bool = False,
    commitments: tuple[str, ...] = (),
    points: str = "",
) -> ScoreResult:
    """A score as the scorer would return it, with only what the simulator reads set.

    `points` gives each key point's verdict in order: c captured, m missed, x contradicted ("cmx")."""
    return ScoreResult(
        understanding=understanding,
        key_points=[
            KeyPointResult(f"point {i}", v == "c", 0.9 if v == "c" else 0.1, None, contradicted=v == "x")
            for i, v in enumerate(points)
        ],
        parroting=parroting,
        parroting_score=1.0 if parroting else 0.0,
        depth="simple",
        behaviours={name: (0.9 if name in flags else 0.1) for name in BEHAVIOURS},
        flags=list(flags),
        contradiction=contradiction,
        dismissal=dismissal,
        commitments=[Commitment(c, None) for c in commitments],
        feedback="",
    )


def fake_scorer(encoder: BagOfWordsEncoder | None = None) -> ListeningScorer:
    """The real scorer over the bag-of-words encoder, with heads that flag nothing: fast and deterministic."""
    encoder = encoder or BagOfWordsEncoder()
    return ListeningScorer(encoder, untrained_heads(encoder.name, OUTPUTS))


def overlap_similarity(text: str, candidates: Sequence[str]) -> list[float]:
    """Share of each candidate's word stems that the text uses: a deterministic stand-in for embeddings."""
    said = {stem(w) for w in words(text)}
    out = []
    for candidate in candidates:
        wanted = {stem(w) for w in words(candidate)}
        out.append(len(said & wanted) / len(wanted) if wanted else 0.0)
    return out
