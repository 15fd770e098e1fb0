"""The real-conversation development set (../shared/realdev): for measuring only, never for training.

It lives beside the repository, not in it (its licences are non-commercial). `realdev_path()` finds it, or
GYM_REALDEV names the file; a clone without it skips these figures cleanly.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Pair:
    task: str
    score_field: str  # "understanding" or a behaviour name
    client: str
    reply: str
    label: bool


def realdev_path() -> Path | None:
    named = os.environ.get("GYM_REALDEV")
    path = Path(named) if named else ROOT.parent / "shared" / "realdev" / "tasks.jsonl"
    return path if path.is_file() else None


def load_realdev(path: Path, per_task: int | None = None, seed: int = 7) -> list[Pair]:
    """Every pair, or a fixed random sample of at most `per_task` pairs per task (both classes kept)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            pairs.append(
                Pair(
                    raw["task"],
                    raw["score_field"],
                    raw["client_message"],
                    raw["response"],
                    bool(raw["label"]),
                )
            )
    if per_task is None:
        return pairs
    rng = random.Random(seed)
    sample: list[Pair] = []
    for task in dict.fromkeys(p.task for p in pairs):
        for label in (True, False):
            group = [p for p in pairs if p.task == task and p.label == label]
            share = max(1, round(per_task * len(group) / sum(1 for p in pairs if p.task == task)))
            sample += rng.sample(group, min(share, len(group)))
    return sample


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    """The runs of n words in a text (lower case, punctuation dropped): for checking nothing was copied."""
    import re

    words = re.findall(r"[\w']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
