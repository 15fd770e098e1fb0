"""What the heads read: the dense vector of a (client, reply) pair, and the named features of the reply."""

from __future__ import annotations

import math

import numpy as np

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.cues import cue_count, feeling_words, person_ratios, questions
from practice.scoring.lang import EXTRA_PROTOTYPES, LanguagePack
from practice.scoring.ports import Vectors
from practice.scoring.text import words

CUE_CAP = 3.0
PROTO_SIGNALS = (*BEHAVIOURS, *EXTRA_PROTOTYPES)
CUE_SIGNALS = (*BEHAVIOURS, "correction", "motive", "time")
# The named features, in the order the heads read them after the dense part.
SCALARS = (
    *(f"{name}.proto" for name in PROTO_SIGNALS),
    *(f"{name}.cue" for name in CUE_SIGNALS),
    "open_q",
    "closed_q",
    "first_person",
    "second_person",
    "feelings",
    "parroting",
    "words",
    "cosine",
)


def prototype_similarities(unit_vecs: Vectors, prototypes: dict[str, Vectors]) -> dict[str, Vectors]:
    """Per signal, each unit's highest cosine to one of that signal's prototypes."""
    return {name: (unit_vecs @ vecs.T).max(axis=1) for name, vecs in prototypes.items()}


def reply_features(
    pack: LanguagePack,
    reply: str,
    proto_sims: dict[str, Vectors],
    parroting: float,
    cosine: float,
) -> dict[str, float]:
    """The named features of one reply (cosine: the whole client message against the whole reply)."""
    features: dict[str, float] = {}
    for name in PROTO_SIGNALS:
        features[f"{name}.proto"] = float(np.max(proto_sims[name])) if len(proto_sims[name]) else 0.0
    for name in CUE_SIGNALS:
        features[f"{name}.cue"] = min(cue_count(pack, name, reply), CUE_CAP) / CUE_CAP
    open_q, closed_q = questions(pack, reply)
    first, second = person_ratios(pack, reply)
    features.update(
        {
            "open_q": float(open_q > 0),
            "closed_q": float(closed_q > 0),
            "first_person": first,
            "second_person": second,
            "feelings": min(feeling_words(pack, reply), CUE_CAP) / CUE_CAP,
            "parroting": parroting,
            "words": math.log1p(len(words(reply))) / 5.0,
            "cosine": cosine,
        }
    )
    return features


def dense_vector(client: Vectors, reply: Vectors, named: dict[str, float]) -> Vectors:
    """The heads' input: the reply's embedding, its product with the client's, then the named features."""
    scalars = np.asarray([named[name] for name in SCALARS], dtype=np.float32)
    return np.concatenate([reply, client * reply, scalars]).astype(np.float32)
