"""Learned heads: linear models over the frozen sentence embeddings, trained on the corpus by `practice train`.

Every output (each behaviour of the registry, the understanding grade's three steps, contradiction) reads the
same dense vector: the reply's embedding, its element-wise product with the client's, their cosine and a few
named features of the reply. The weights live in practice/data/heads.npz (kilobytes). They only mean
something for the encoder they were trained with, so the file carries that encoder's name and its embedding of
a fixed probe sentence; a scorer refuses heads whose encoder does not reproduce it.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from practice.scoring.ports import Encoder

HEADS_PATH = Path(__file__).resolve().parent.parent / "data" / "heads.npz"
PROBE = "So the delivery came three days late, nobody told you, and that left you looking bad to your own customers."
FINGERPRINT_MIN_COSINE = 0.99
GRADES = ("understanding_1", "understanding_2", "understanding_3")  # P(grade >= 1), >= 2, >= 3
CONTRADICTION = "contradiction"  # P(the reply retells something the client did not say, or the opposite)

Matrix = NDArray[np.float32]


class HeadsMismatch(RuntimeError):
    """The heads were trained for another encoder (or another version of it)."""


@dataclass(frozen=True)
class Heads:
    version: str
    encoder: str
    outputs: tuple[str, ...]
    scalars: tuple[str, ...]  # the named features read after the dense part, in this order
    weights: Matrix  # outputs x features (empty for untrained heads)
    bias: Matrix  # one per output
    mean: Matrix  # feature standardisation
    scale: Matrix
    fingerprint: Matrix | None = None  # the encoder's embedding of PROBE; None: no check (test stand-ins)
    meta: dict[str, Any] = field(default_factory=dict)

    def check(self, encoder: Encoder, scalars: tuple[str, ...]) -> None:
        """Refuse to score with heads trained on another encoder's vectors or on other named features."""
        if self.fingerprint is None:
            return
        if self.scalars != scalars:
            changed = sorted(set(self.scalars) ^ set(scalars)) or ["their order"]
            raise HeadsMismatch(
                f"the scorer heads ({self.version}) read other named features than this code computes "
                f"(differing: {', '.join(changed[:5])}); retrain them with `practice train`"
            )
        probe = encoder.encode([PROBE])[0]
        same_size = probe.shape == self.fingerprint.shape
        cosine = float(probe @ self.fingerprint) if same_size else 0.0
        if cosine < FINGERPRINT_MIN_COSINE:
            raise HeadsMismatch(
                f"the scorer heads ({self.version}) were trained with encoder {self.encoder!r}, but encoder "
                f"{encoder.name!r} does not reproduce its vectors (probe cosine {cosine:.3f}, needs "
                f"{FINGERPRINT_MIN_COSINE}); retrain them for this encoder with `practice train`"
            )

    def predict(self, features: Matrix) -> dict[str, Matrix]:
        """Probabilities per output for each row of `features` (rows x features)."""
        rows = features.shape[0]
        if self.weights.size == 0:
            z = np.tile(self.bias, (rows, 1)).astype(np.float64)
        else:
            z = (((features - self.mean) / self.scale) @ self.weights.T + self.bias).astype(np.float64)
        p = (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).astype(np.float32)
        return {name: p[:, i] for i, name in enumerate(self.outputs)}

    def save(self, path: Path = HEADS_PATH) -> None:
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            fingerprint=(self.fingerprint if self.fingerprint is not None else np.zeros(0)).astype(
                np.float32
            ),
            header=np.frombuffer(json.dumps(self._header(), sort_keys=True).encode(), dtype=np.uint8),
        )
        path.write_bytes(buffer.getvalue())

    def _header(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "encoder": self.encoder,
            "outputs": list(self.outputs),
            "scalars": list(self.scalars),
            "meta": self.meta,
        }


def load_heads(path: Path = HEADS_PATH) -> Heads:
    try:
        with np.load(path) as data:
            header = json.loads(bytes(data["header"]).decode())
            fingerprint = data["fingerprint"]
            return Heads(
                version=str(header["version"]),
                encoder=str(header["encoder"]),
                outputs=tuple(header["outputs"]),
                scalars=tuple(header["scalars"]),
                weights=data["weights"],
                bias=data["bias"],
                mean=data["mean"],
                scale=data["scale"],
                fingerprint=fingerprint if fingerprint.size else None,
                meta=dict(header.get("meta", {})),
            )
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: scorer heads missing; run `practice train` to create them"
        ) from None
    except (KeyError, ValueError, OSError) as error:
        raise HeadsMismatch(f"{path}: not a scorer heads file ({error}); run `practice train`") from error


def untrained_heads(encoder_name: str, outputs: tuple[str, ...]) -> Heads:
    """Heads that score every output near zero: a stand-in for tests and the starting point of nothing."""
    empty = np.zeros((len(outputs), 0), dtype=np.float32)
    bias = np.full(len(outputs), -10.0, dtype=np.float32)
    none = np.zeros(0, dtype=np.float32)
    return Heads("untrained", encoder_name, outputs, (), empty, bias, none, none)
