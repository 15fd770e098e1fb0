"""The labelled corpus (JSON Lines, see practice/data/corpus/LABELLING.md): loading, validating, de-duplicating.

Training reads every practice/data/corpus/*.jsonl; held-out sets in the same format live in bench/data/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.heads import GRADES
from practice.scoring.results import ScoreInput

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
MAX_TEXT = 4000
KINDS = frozenset(
    """faithful partial parrot contradiction dismissal rebuttal solution question emotion self_focus small_talk
    reassurance information commitment other""".split()
)
# Labelled in the corpus for a fuller picture of a reply, but not scored (no head of their own).
EXTRA_LABELS = frozenset({"reassurance", "information"})
REQUIRED = ("id", "client", "reply", "behaviours", "understanding", "kind")


@dataclass(frozen=True)
class Example:
    id: str
    client: str
    reply: str
    behaviours: frozenset[str]
    understanding: int  # 0..3, see LABELLING.md
    kind: str
    source: str = ""  # the writing pass
    setting: str = ""
    register: str = ""
    language: str = "en"

    def as_input(self) -> ScoreInput:
        return ScoreInput(self.client, self.reply, language=self.language)


class CorpusError(ValueError):
    """A line of a corpus file that does not follow LABELLING.md; the message names file, line and field."""


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def load_corpus(path: Path) -> list[Example]:
    examples = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        example = _parse(path, number, line)
        if example.id in seen:
            raise CorpusError(f"{path}:{number}: id: {example.id!r} is used twice")
        seen.add(example.id)
        examples.append(example)
    return examples


def load_all(paths: Iterable[Path]) -> list[Example]:
    return dedupe([e for path in paths for e in load_corpus(path)])


def _parse(path: Path, number: int, line: str) -> Example:
    def fail(field: str, problem: str) -> CorpusError:
        return CorpusError(f"{path}:{number}: {field}: {problem}")

    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise fail("line", f"not JSON ({error.msg})") from None
    if not isinstance(raw, dict):
        raise fail("line", "not a JSON object")
    for field in REQUIRED:
        if field not in raw:
            raise fail(field, "missing")
    for field in ("id", "client", "reply"):
        value = raw[field]
        if not isinstance(value, str) or not value.strip():
            raise fail(field, "must be a non-empty string")
        if len(value) > MAX_TEXT:
            raise fail(field, f"longer than {MAX_TEXT} characters")
    behaviours = raw["behaviours"]
    if not isinstance(behaviours, list) or not all(isinstance(b, str) for b in behaviours):
        raise fail("behaviours", "must be a list of names")
    unknown = sorted(set(behaviours) - set(BEHAVIOURS) - EXTRA_LABELS)
    if unknown:
        raise fail("behaviours", f"unknown {unknown[0]!r}; known: {', '.join(BEHAVIOURS)}")
    grade = raw["understanding"]
    if not isinstance(grade, int) or isinstance(grade, bool) or not 0 <= grade <= 3:
        raise fail("understanding", "must be a whole number 0..3")
    if raw["kind"] not in KINDS:
        raise fail("kind", f"unknown {raw['kind']!r}; known: {', '.join(sorted(KINDS))}")
    return Example(
        id=raw["id"],
        client=raw["client"],
        reply=raw["reply"],
        behaviours=frozenset(b for b in behaviours if b in BEHAVIOURS),
        understanding=grade,
        kind=raw["kind"],
        source=str(raw.get("pass", "")),
        setting=str(raw.get("setting", "")),
        register=str(raw.get("register", "")),
        language=str(raw.get("language", "en")),
    )


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def dedupe(examples: list[Example]) -> list[Example]:
    """Drop repeats of a (client, reply) pair that differ only in case, spacing or punctuation."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for e in examples:
        key = (_norm(e.client), _norm(e.reply))
        if key not in seen:
            seen.add(key)
            kept.append(e)
    return kept


def target(example: Example, output: str) -> int:
    """The 0/1 label of an example for one head output (see heads.GRADES) or evaluation task."""
    if output in BEHAVIOURS:
        return int(output in example.behaviours)
    if output in GRADES:
        return int(example.understanding >= GRADES.index(output) + 1)
    if output == "understanding":
        return int(example.understanding >= 2)
    if output == "complex":
        return int(example.understanding == 3)
    if output == "contradiction":
        return int(example.kind == "contradiction")
    if output == "parroting":
        return int(example.kind == "parrot")
    raise KeyError(output)
