"""Training the heads on labelled examples: features from the real pipeline, then one logistic fit per head."""

from __future__ import annotations

from collections.abc import Callable

from practice.scoring.examples import Example, labels
from practice.scoring.features import HEAD_FEATURES
from practice.scoring.heads import Head, Heads, fit_logistic
from practice.scoring.ports import Encoder
from practice.scoring.scorer import ListeningScorer

Progress = Callable[[str], None]


def untrained_heads(encoder_name: str) -> Heads:
    """Heads that score everything near zero: the starting point of training."""
    heads = {name: Head(feats, tuple(0.0 for _ in feats), -10.0) for name, feats in HEAD_FEATURES.items()}
    return Heads("untrained", encoder_name, heads)


def train_heads(encoder: Encoder, examples: list[Example], version: str, progress: Progress = print) -> Heads:
    # Pass 1 learns the dismissal head, because coverage (and so other features) depends on what it dismisses.
    heads = untrained_heads(encoder.name)
    for step in ("dismissal", "all"):
        scorer = ListeningScorer(encoder, heads)
        progress(f"computing features of {len(examples)} examples ({step})")
        judged = scorer.judge_many([e.as_input() for e in examples])
        rows = [j.features for j in judged]
        names = ["dismissal"] if step == "dismissal" else list(HEAD_FEATURES)
        fitted = dict(heads.heads)
        for name in names:
            features = HEAD_FEATURES[name]
            y = [labels(e, name) for e in examples]
            x = [[row[f] for f in features] for row in rows]
            weights, bias = fit_logistic(x, y)
            head = Head(features, tuple(weights), bias)
            fitted[name] = Head(features, tuple(weights), bias, _best_threshold(head, x, y))
            progress(f"  {name}: {sum(y)} positive of {len(y)}, threshold {fitted[name].threshold}")
        heads = Heads(version, encoder.name, fitted)
    return heads


def _best_threshold(head: Head, x: list[list[float]], y: list[int]) -> float:
    """The threshold in 0.40..0.70 with the best F1 on the training rows (rare behaviours need a lower bar)."""
    scores = [head.predict(dict(zip(head.features, row, strict=True))) for row in x]
    best, best_f1 = 0.5, -1.0
    for step in range(40, 71, 5):
        t = step / 100
        tp = sum(1 for s, label in zip(scores, y, strict=True) if s >= t and label)
        fp = sum(1 for s, label in zip(scores, y, strict=True) if s >= t and not label)
        fn = sum(1 for s, label in zip(scores, y, strict=True) if s < t and label)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9 or (abs(f1 - best_f1) <= 1e-9 and abs(t - 0.5) < abs(best - 0.5)):
            best, best_f1 = t, f1
    return best
