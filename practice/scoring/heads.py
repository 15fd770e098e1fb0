"""Small logistic heads that turn a handful of features into a calibrated 0..1 score.

Trained by `practice train-heads` on the examples in practice/data/train_*.jsonl; the weights live in
practice/data/heads.json so start-up needs no training.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEADS_PATH = Path(__file__).resolve().parent.parent / "data" / "heads.json"


@dataclass(frozen=True)
class Head:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def predict(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values[f] for f, w in zip(self.features, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Heads:
    version: str
    encoder: str
    heads: dict[str, Head]

    def predict(self, name: str, values: dict[str, float]) -> float:
        return self.heads[name].predict(values)

    def to_json(self) -> str:
        body = {
            "version": self.version,
            "encoder": self.encoder,
            "heads": {
                name: {
                    "features": list(h.features),
                    "weights": [round(w, 6) for w in h.weights],
                    "bias": round(h.bias, 6),
                    "threshold": h.threshold,
                }
                for name, h in sorted(self.heads.items())
            },
        }
        return json.dumps(body, indent=2) + "\n"


def load_heads(path: Path = HEADS_PATH) -> Heads:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: scorer heads missing; run `practice train-heads` to create them"
        ) from None
    heads = {
        name: Head(
            tuple(h["features"]),
            tuple(float(w) for w in h["weights"]),
            float(h["bias"]),
            float(h["threshold"]),
        )
        for name, h in raw["heads"].items()
    }
    return Heads(version=str(raw["version"]), encoder=str(raw["encoder"]), heads=heads)


def fit_logistic(
    rows: list[list[float]], labels: list[int], l2: float = 0.05, steps: int = 50
) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method: small, exact and deterministic."""
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + np.eye(len(w)) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return [float(v) for v in w[:-1]], float(w[-1])
