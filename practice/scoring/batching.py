"""Micro-batching: concurrent encode calls from many threads are merged into one call of the model.

While the model encodes one batch, new requests queue up; the next batch takes all of them (up to a cap),
so under load the model runs near its batched rate, and a lone request waits for nobody.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np

from practice.scoring.ports import Encoder, Vectors


@dataclass
class BatchStats:
    batches: int = 0
    texts: int = 0
    requests: int = 0

    @property
    def mean_batch(self) -> float:
        return self.texts / self.batches if self.batches else 0.0


class MicroBatchingEncoder:
    """An `Encoder` that funnels every call through one worker thread which batches pending calls together."""

    def __init__(self, inner: Encoder, max_texts: int = 256) -> None:
        self.inner = inner
        self.name = inner.name
        self.max_texts = max_texts
        self.stats = BatchStats()
        self._queue: queue.Queue[tuple[list[str], Future[Vectors]] | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="encoder-batcher", daemon=True)
        self._worker.start()

    def encode(self, texts: Sequence[str]) -> Vectors:
        future: Future[Vectors] = Future()
        self._queue.put((list(texts), future))
        return future.result()

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=5)

    def _run(self) -> None:
        pending: tuple[list[str], Future[Vectors]] | None = None
        while True:
            first = pending or self._queue.get()
            pending = None
            if first is None:
                return
            batch = [first]
            size = len(first[0])
            while size < self.max_texts:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                if size + len(nxt[0]) > self.max_texts:
                    pending = nxt
                    break
                batch.append(nxt)
                size += len(nxt[0])
            self._encode_batch(batch)

    def _encode_batch(self, batch: list[tuple[list[str], Future[Vectors]]]) -> None:
        unique = list(dict.fromkeys(t for texts, _ in batch for t in texts))
        try:
            matrix = self.inner.encode(unique)
        except Exception as error:  # every waiting caller gets the failure, the worker lives on
            for _, future in batch:
                future.set_exception(error)
            return
        index = {t: i for i, t in enumerate(unique)}
        for texts, future in batch:
            rows = [index[t] for t in texts]
            future.set_result(matrix[rows] if rows else np.zeros((0, matrix.shape[1]), dtype=np.float32))
        self.stats.batches += 1
        self.stats.texts += len(unique)
        self.stats.requests += len(batch)
