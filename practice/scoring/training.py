"""Training the heads on the corpus: the scorer's own features, then one regularised logistic fit per output.

Deterministic: the features come from the frozen encoder, and the fit (scikit-learn's L-BFGS on standardised
features) has no randomness, so the same corpus and encoder give the same heads.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.corpus import Example, target
from practice.scoring.features import SCALARS
from practice.scoring.heads import CONTRADICTION, GRADES, PROBE, Heads, untrained_heads
from practice.scoring.ports import Encoder, Vectors
from practice.scoring.scorer import ListeningScorer

Progress = Callable[[str], None]
OUTPUTS: tuple[str, ...] = (*BEHAVIOURS, *GRADES, CONTRADICTION)
REGULARISATION = (
    0.01  # scikit-learn's C: smaller is smoother; chosen on our held-out examples (0.5 and 0.1 did worse)
)
# The named features (cues, prototypes, question form: a few dozen) are penalised this many times less than the
# 768 embedding dimensions, so strong regularisation of the embedding part does not silence them.
NAMED_WEIGHT = 3.0
CHUNK = 128
FOLDS = 3


def features(encoder: Encoder, examples: Sequence[Example], progress: Progress = print) -> Vectors:
    """The dense vectors the heads read, computed by the real scoring pipeline, in chunks with progress."""
    scorer = ListeningScorer(encoder, untrained_heads(encoder.name, OUTPUTS))
    rows: list[Vectors] = []
    started = time.monotonic()
    for start in range(0, len(examples), CHUNK):
        chunk = examples[start : start + CHUNK]
        rows.append(scorer.dense([e.as_input() for e in chunk]))
        done = start + len(chunk)
        rate = done / max(time.monotonic() - started, 1e-9)
        progress(f"  features {done}/{len(examples)} ({rate:.0f}/s)")
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def fit(
    encoder: Encoder,
    x: Vectors,
    examples: Sequence[Example],
    version: str,
    meta: dict[str, object],
    progress: Progress = print,
    regularisation: float = REGULARISATION,
) -> Heads:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    scale[-len(SCALARS) :] /= NAMED_WEIGHT
    standard = (x - mean) / scale
    weights, bias = [], []
    for name in OUTPUTS:
        y = np.asarray([target(e, name) for e in examples])
        if not 0 < y.sum() < len(y):
            raise ValueError(f"cannot train {name!r}: the corpus needs positive and negative examples of it")
        model = LogisticRegression(C=regularisation, max_iter=3000).fit(standard, y)
        # Move the best cut to 0.5: a flag's registry threshold then means "flag", and a grade step's 0.5 means
        # "more likely at this grade than not" (left unmoved, the rarer steps read low and a good retell's
        # understanding fell under the scenarios' understood_at).
        cut = best_cut(LogisticRegression(C=regularisation, max_iter=3000), standard, y)
        shift = -float(np.log(cut / (1 - cut)))
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0] + shift)
        progress(f"  {name}: {int(y.sum())} positive of {len(y)}; best cut {cut:.2f} moved to 0.5")
    fingerprint = encoder.encode([PROBE])[0]
    return Heads(
        version=version,
        encoder=encoder.name,
        outputs=OUTPUTS,
        scalars=SCALARS,
        weights=np.asarray(weights, dtype=np.float32),
        bias=np.asarray(bias, dtype=np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        fingerprint=fingerprint.astype(np.float32),
        meta={
            **meta,
            "regularisation": regularisation,
            "named_weight": NAMED_WEIGHT,
            "examples": len(examples),
        },
    )


def best_cut(model: object, x: Vectors, y: NDArray[np.int_]) -> float:
    """The probability cut with the best F1 on out-of-fold predictions (3 folds, in corpus order)."""
    from sklearn.model_selection import cross_val_predict

    p = cross_val_predict(model, x, y, cv=FOLDS, method="predict_proba")[:, 1]
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.05, 0.951, 0.05):
        flagged = p >= cut
        tp = int((flagged & (y == 1)).sum())
        f1 = 2 * tp / (int(flagged.sum()) + int(y.sum())) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(cut), f1
    return best


def train(
    encoder: Encoder, examples: Sequence[Example], files: Sequence[Path], progress: Progress = print
) -> Heads:
    """Heads for `encoder` from `examples` (read from `files`, recorded with their digest)."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.read_bytes())
    progress(f"computing features of {len(examples)} examples")
    x = features(encoder, examples, progress)
    progress("fitting the heads")
    corpus = digest.hexdigest()[:12]
    meta: dict[str, object] = {"corpus": corpus, "files": [p.name for p in sorted(files)]}
    return fit(encoder, x, examples, f"{encoder.name}-corpus-{corpus}", meta, progress)
