"""The ports of the scoring core: what it needs from an embedding model, and what it offers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from practice.scoring.results import ScoreInput, ScoreResult

Vectors = NDArray[np.float32]


class Encoder(Protocol):
    """Turns texts into unit-length sentence embeddings, one row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class Scorer(Protocol):
    """Judges how well a reply shows understanding of what the client said."""

    def score(
        self, client_message: str, response: str, key_points: Sequence[str] | None = None
    ) -> ScoreResult: ...

    def score_many(self, items: Sequence[ScoreInput]) -> list[ScoreResult]:
        """One result per input; InputTooLarge past the caps of practice/scoring/limits.py."""

    def similarity(self, text: str, candidates: Sequence[str]) -> list[float]:
        """How close `text` is in meaning to each candidate (cosine, -1..1)."""
