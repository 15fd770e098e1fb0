"""Labelled example replies (JSON Lines), used to train the heads and, held out, to evaluate the scorer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from practice.scoring.results import BEHAVIOURS, DEPTHS, ScoreInput

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def training_files() -> list[Path]:
    """The bundled training sets: every practice/data/train_*.jsonl."""
    return sorted(DATA_DIR.glob("train_*.jsonl"))


KINDS = (
    "faithful",
    "partial",
    "contradiction",
    "dismissal",
    "parrot",
    "off_topic",
    "rebuttal",
    "solution",
    "other",
)


@dataclass(frozen=True)
class Example:
    id: str
    client: str
    reply: str
    behaviours: frozenset[str]
    understands: bool
    kind: str
    depth: str
    language: str = "en"

    def as_input(self) -> ScoreInput:
        return ScoreInput(self.client, self.reply, language=self.language)


class ExampleError(ValueError):
    pass


def load_examples(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            behaviours = frozenset(raw["behaviours"])
            unknown = behaviours - set(BEHAVIOURS)
            if unknown:
                raise ValueError(f"unknown behaviours {sorted(unknown)}")
            if raw["kind"] not in KINDS or raw["depth"] not in DEPTHS:
                raise ValueError(f"kind {raw['kind']!r} or depth {raw['depth']!r} not known")
            examples.append(
                Example(
                    str(raw["id"]),
                    str(raw["client"]),
                    str(raw["reply"]),
                    behaviours,
                    bool(raw["understands"]),
                    raw["kind"],
                    raw["depth"],
                    str(raw.get("language", "en")),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ExampleError(f"{path}:{number}: {error}") from error
    return examples


def labels(example: Example, task: str) -> int:
    """The 0/1 label of an example for one task: a behaviour, 'dismissal', 'complex' or 'understanding'."""
    if task in BEHAVIOURS:
        return int(task in example.behaviours)
    if task == "dismissal":
        return int(example.kind == "dismissal")
    if task == "complex":
        return int(example.depth == "complex")
    if task == "understanding":
        return int(example.understands)
    if task == "parroting":
        return int(example.kind == "parrot")
    raise KeyError(task)
