"""Micro-batching with fair shares: every encode call, from any thread, goes through one worker thread that runs
the model on one chunk of texts at a time.

- Merged: while the model encodes one chunk, new calls queue up, and the next chunk takes texts from all of them,
  so under load the model runs near its batched rate; a lone call waits for nobody.
- Bounded: a chunk holds at most `max_texts` texts, however large a call is. A large call is encoded over many
  chunks, its texts taken shortest first, so the texts of a chunk are of like length and pad little.
- Fair: each chunk is shared out among the calls waiting, an equal share each (what one leaves unused goes to
  the others, in turn), so a short call that arrives behind a huge one is served in the next chunk, not after it.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

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


@dataclass
class _Call:
    """One caller's texts, encoded a part at a time; the rows go back in the caller's order."""

    texts: list[str]
    future: Future[Vectors] = field(default_factory=Future)
    order: list[int] = field(init=False)  # positions in `texts`, shortest text first
    taken: int = 0  # of `order`, how many are in a chunk already
    done: int = 0  # ... and how many are encoded
    rows: Vectors | None = None

    def __post_init__(self) -> None:
        self.order = sorted(range(len(self.texts)), key=lambda i: len(self.texts[i]))

    def take(self, count: int) -> list[int]:
        part = self.order[self.taken : self.taken + max(0, count)]
        self.taken += len(part)
        return part

    @property
    def left(self) -> int:
        return len(self.texts) - self.taken


class MicroBatchingEncoder:
    """An `Encoder` that funnels every call through one worker thread, which encodes fair, bounded chunks."""

    def __init__(self, inner: Encoder, max_texts: int = 64) -> None:
        self.inner = inner
        self.name = inner.name
        self.max_texts = max_texts
        self.stats = BatchStats()
        self._queue: queue.Queue[_Call | None] = queue.Queue()
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="encoder-batcher", daemon=True)
        self._worker.start()

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.submit(texts).result()

    def submit(self, texts: Sequence[str]) -> Future[Vectors]:
        """Queue `texts` for encoding; the future holds their rows, in order, once the last chunk is done."""
        if self._closed:
            raise RuntimeError("the encoder is closed")
        call = _Call(list(texts))
        self._queue.put(call)
        return call.future

    def close(self) -> None:
        """Finish the calls already queued, then stop the worker."""
        self._closed = True
        self._queue.put(None)
        self._worker.join(timeout=5)

    def _run(self) -> None:
        waiting: deque[_Call] = deque()
        closing = False
        while waiting or not closing:
            try:  # block for a call only when there is nothing else to do
                arrived = self._queue.get(block=not waiting)
                while True:
                    if arrived is None:
                        closing = True
                    else:
                        waiting.append(arrived)
                    arrived = self._queue.get_nowait()
            except queue.Empty:
                pass
            if waiting:
                self._encode_chunk(self._plan(waiting))
                finished = [c for c in waiting if c.future.done()]
                for call in finished:
                    waiting.remove(call)
                waiting.rotate(-1)  # the next chunk starts with the next caller
        while True:  # a call that slipped in after close would wait for ever: tell it
            try:
                late = self._queue.get_nowait()
            except queue.Empty:
                return
            if late is not None:
                late.future.set_exception(RuntimeError("the encoder is closed"))

    def _plan(self, waiting: deque[_Call]) -> list[tuple[_Call, list[int]]]:
        """Which texts of which calls go into the next chunk: a fair share each, then what is left, in turn."""
        room = self.max_texts
        share = max(1, room // len(waiting))
        plan = []
        for call in waiting:
            part = call.take(min(share, room))
            room -= len(part)
            plan.append((call, part))
        for call, part in plan:
            more = call.take(room)
            part.extend(more)
            room -= len(more)
        return plan

    def _encode_chunk(self, plan: list[tuple[_Call, list[int]]]) -> None:
        served = [(call, part) for call, part in plan if part or not call.texts]
        unique = list(dict.fromkeys(call.texts[i] for call, part in served for i in part))
        try:
            matrix = self.inner.encode(unique)
        except Exception as error:  # every caller in this chunk gets the failure, the worker lives on
            for call, _ in served:
                call.future.set_exception(error)
            return
        index = {t: i for i, t in enumerate(unique)}
        for call, part in served:
            if call.rows is None:
                call.rows = np.zeros((len(call.texts), matrix.shape[1]), dtype=np.float32)
            call.rows[part] = matrix[[index[call.texts[i]] for i in part]]
            call.done += len(part)
            if call.done == len(call.texts):
                call.future.set_result(call.rows)
                self.stats.requests += 1
        self.stats.batches += 1
        self.stats.texts += len(unique)
