"""Aligning cosine scales across languages.

An English-trained model puts any two Romanian sentences far closer together (mean cosine 0.44 between
prototypes of different behaviours) than two English ones (0.14): shared word pieces, not shared meaning.
Mapping each language's background similarity onto English's lets one set of thresholds and heads serve both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.scoring.ports import Vectors


@dataclass(frozen=True)
class Calibration:
    background: float  # mean cosine between unrelated texts in this language
    reference: float  # the same in the language the thresholds were set for

    def __call__(self, sims: Vectors) -> Vectors:
        if self.background == self.reference:
            return sims
        scaled = (sims - self.background) / (1.0 - self.background) * (1.0 - self.reference) + self.reference
        return np.asarray(scaled, dtype=np.float32)


IDENTITY = Calibration(0.0, 0.0)


def background_similarity(prototypes: dict[str, Vectors]) -> float:
    """Mean cosine between prototypes of different signals: what 'unrelated' looks like in this language."""
    names = list(prototypes)
    pairs = [float((prototypes[a] @ prototypes[b].T).mean()) for a in names for b in names if a != b]
    return float(np.mean(pairs)) if pairs else 0.0
