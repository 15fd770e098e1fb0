"""The named features the heads read: prototype similarities, cue counts, question form, person, coverage."""

from __future__ import annotations

import numpy as np

from practice.scoring.cues import cue_count, feeling_words, person_ratios, questions
from practice.scoring.lang import LanguagePack
from practice.scoring.ports import Vectors
from practice.scoring.results import BEHAVIOURS, Span

CUE_CAP = 3.0
PROTO_SIGNALS = (*BEHAVIOURS, "dismissal", "motive")
CUE_SIGNALS = (
    "retelling",
    "rebuttal",
    "premature_solution",
    "emotion_label",
    "self_focus",
    "commitment",
    "dismissal",
    "correction",
    "motive",
    "time",
    "open_anywhere",
)


def prototype_similarities(unit_vecs: Vectors, prototypes: dict[str, Vectors]) -> dict[str, Vectors]:
    """Per signal, each unit's highest cosine to one of that signal's prototypes."""
    return {name: (unit_vecs @ vecs.T).max(axis=1) for name, vecs in prototypes.items()}


def dismissing_units(
    pack: LanguagePack, units: list[Span], proto_sims: dict[str, Vectors], bar: float
) -> set[int]:
    sims = proto_sims["dismissal"]
    return {i for i, u in enumerate(units) if sims[i] >= bar or cue_count(pack, "dismissal", u.text) > 0}


def reply_features(
    pack: LanguagePack,
    reply: str,
    proto_sims: dict[str, Vectors],
    parroting: float,
) -> dict[str, float]:
    """Features of the reply alone; the coverage ones (coverage, best_similarity, contradiction) come later."""
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
        }
    )
    return features


# Which features each head reads. Few per head: the training set is small and the heads must generalise.
HEAD_FEATURES: dict[str, tuple[str, ...]] = {
    "retelling": ("retelling.proto", "retelling.cue", "best_similarity", "coverage", "second_person"),
    "rebuttal": ("rebuttal.proto", "rebuttal.cue", "correction.cue", "contradiction"),
    "premature_solution": ("premature_solution.proto", "premature_solution.cue", "commitment.cue"),
    "open_question": ("open_question.proto", "open_q", "open_anywhere.cue"),
    "closed_question": ("closed_question.proto", "closed_q", "open_q"),
    "emotion_label": ("emotion_label.proto", "emotion_label.cue", "feelings", "second_person"),
    "self_focus": ("self_focus.proto", "self_focus.cue", "first_person"),
    "commitment": ("commitment.proto", "commitment.cue", "time.cue"),
    "dismissal": ("dismissal.proto", "dismissal.cue"),
    # A "complex" reflection: the reply reaches past the facts to motives, stakes or feelings.
    "complex": ("motive.proto", "motive.cue", "emotion_label.proto", "feelings"),
}
