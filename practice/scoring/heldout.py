"""Figures on held-out labelled examples: how well a scorer ranks each judgement the labels make (ROC AUC),
for comparing heads before and after retraining."""

from __future__ import annotations

from collections.abc import Sequence

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.corpus import Example, target
from practice.scoring.metrics import roc_auc
from practice.scoring.ports import Scorer

CHUNK = 64


def figures(scorer: Scorer, examples: Sequence[Example]) -> dict[str, float]:
    """AUC per behaviour and for understanding (grade 2 or more), where the examples hold both classes."""
    results = [
        r
        for i in range(0, len(examples), CHUNK)
        for r in scorer.score_many([e.as_input() for e in examples[i : i + CHUNK]])
    ]
    found = {}
    for name in ("understanding", *BEHAVIOURS):
        labels = [target(e, name) for e in examples]
        if 0 < sum(labels) < len(labels):
            scores = [r.understanding if name == "understanding" else r.behaviours[name] for r in results]
            found[name] = round(roc_auc(scores, labels), 3)
    return found


def held_out(examples: Sequence[Example], every: int = 5) -> tuple[list[Example], list[Example]]:
    """A fixed split, by id: every `every`-th example (in id order) is kept out of training, to measure on."""
    ordered = sorted(examples, key=lambda e: e.id)
    kept = [e for i, e in enumerate(ordered) if i % every == every - 1]
    ids = {e.id for e in kept}
    return [e for e in examples if e.id not in ids], kept
