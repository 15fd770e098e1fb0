"""The ONNX Runtime adapter of the `Encoder` port: all-MiniLM-L6-v2 exported to ONNX (`practice encoder export`),
read with onnxruntime and the `tokenizers` package only, so serving needs no torch.

It computes what the torch adapter does: the same tokenizer, cut at the same 256 tokens, the same token-budgeted
forward passes, mean pooling over the attention mask and unit length. The artefact lives in ENCODER_DIR
(practice/data/encoder/): the model, tokenizer.json, pooling.json and manifest.json, which names the source
model, its licence, how it was exported and the sha256 of every file; a file that does not match is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from practice.scoring.encoding import encode_in_chunks, mean_pool
from practice.scoring.ports import Vectors

ENCODER_DIR = Path(__file__).resolve().parent.parent / "data" / "encoder"
MANIFEST = "manifest.json"


class EncoderArtefactError(RuntimeError):
    """The exported encoder is missing, damaged, or not one this adapter can run."""


def read_manifest(folder: Path = ENCODER_DIR) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise EncoderArtefactError(
            f"no exported encoder in {folder} ({MANIFEST} missing); run `practice encoder export`"
        )
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest names is there with the bytes it was exported with."""
    for name, expected in manifest["sha256"].items():
        path = folder / name
        if not path.is_file():
            raise EncoderArtefactError(f"{path} is missing; run `practice encoder export`")
        if sha256(path) != expected:
            raise EncoderArtefactError(
                f"{path} does not match its sha256 in {MANIFEST} (a Git LFS pointer, a partial copy?); "
                "run `practice encoder export`"
            )


class OnnxEncoder:
    """Unit-length float32 rows from an ONNX export; thread-safe (one forward pass at a time)."""

    def __init__(self, folder: Path | str | None = None, threads: int | None = None) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.folder = Path(folder) if folder else ENCODER_DIR
        manifest = read_manifest(self.folder)
        verify(self.folder, manifest)
        pooling = json.loads((self.folder / manifest["pooling"]).read_text(encoding="utf-8"))
        if not pooling.get("pooling_mode_mean_tokens"):
            raise EncoderArtefactError(f"{self.folder}: only mean pooling is supported, not {pooling}")
        self.name: str = manifest["name"]
        self.dimension = int(pooling["word_embedding_dimension"])
        self.max_seq_length = int(manifest["max_seq_length"])
        self.manifest = manifest

        self._tokenizer = Tokenizer.from_file(str(self.folder / manifest["tokenizer"]))
        self._tokenizer.no_padding()  # each pass pads to its own longest text, below
        self._tokenizer.enable_truncation(self.max_seq_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: onnxruntime's default, one per core
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.enable_mem_pattern = False  # shapes change with every pass; a pattern would never be reused
        self._session = ort.InferenceSession(
            str(self.folder / manifest["model"]), options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch(list(texts), add_special_tokens=True)]
        lengths = [len(i) for i in ids]
        return encode_in_chunks(
            texts, lengths, self.dimension, self._lock, lambda chunk: self._run(ids, chunk)
        )

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many tokens the model reads of each text (after truncation, with its special tokens)."""
        return [len(e.ids) for e in self._tokenizer.encode_batch(list(texts))]

    def _run(self, ids: list[list[int]], chunk: list[int]) -> Vectors:
        longest = max(len(ids[i]) for i in chunk)
        input_ids = np.zeros((len(chunk), longest), dtype=np.int64)
        mask = np.zeros((len(chunk), longest), dtype=np.int64)
        for row, i in enumerate(chunk):
            input_ids[row, : len(ids[i])] = ids[i]
            mask[row, : len(ids[i])] = 1
        (hidden,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return mean_pool(hidden, mask)
