"""The training corpus: valid, large, varied, and apart from every set it is measured on."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from bench.realdev import load_realdev, ngrams, realdev_path
from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.corpus import CorpusError, corpus_files, dedupe, load_all, load_corpus

ROOT = Path(__file__).parents[2]
CORPUS = load_all(corpus_files())
MEASURED = [*sorted((ROOT / "bench" / "data").glob("*.jsonl"))]


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 4000
    assert len({e.setting for e in CORPUS if e.setting}) >= 30
    assert len({e.source for e in CORPUS}) >= 8  # independent writing passes
    lengths = [len(e.reply.split()) for e in CORPUS]
    assert min(lengths) <= 3 and max(lengths) >= 150
    assert {"formal", "blunt", "chatty", "lowercase", "typos", "non-native"} <= {e.register for e in CORPUS}
    assert sum("\n" in e.client for e in CORPUS) >= 500  # client messages of several turns
    for name in BEHAVIOURS:
        assert sum(name in e.behaviours for e in CORPUS) >= 100, name
    grades = [e.understanding for e in CORPUS]
    assert all(grades.count(g) >= 500 for g in range(4))


def test_every_corpus_file_loads_without_a_repeat() -> None:
    total = sum(len(load_corpus(path)) for path in corpus_files())
    assert total == len(CORPUS)


def test_held_out_sets_share_no_client_message_with_training() -> None:
    trained = {e.client.strip().lower() for e in CORPUS}
    for path in MEASURED:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lines, path
        assert not trained & {line["client"].strip().lower() for line in lines}, path


def test_no_training_text_shares_a_run_of_eight_words_with_the_real_dev_set() -> None:
    path = realdev_path()
    if path is None:
        if os.environ.get("GYM_REQUIRE_REALDEV"):
            pytest.fail("GYM_REQUIRE_REALDEV is set but ../shared/realdev/tasks.jsonl is missing")
        pytest.skip("the real dev set is not beside this clone")
    real: set[tuple[str, ...]] = set()
    for pair in load_realdev(path):
        real |= ngrams(pair.client) | ngrams(pair.reply)
    shared = [e.id for e in CORPUS if (ngrams(e.client) | ngrams(e.reply)) & real]
    assert shared == []


def _write(tmp_path: Path, *objects: dict[str, object] | str) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects) + "\n")
    return path


GOOD = {"id": "x-1", "client": "It was late.", "reply": "So it came late.", "behaviours": ["retelling"],
        "understanding": 2, "kind": "faithful"}  # fmt: skip


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"bad.jsonl:1: line: not JSON"),
        ({**GOOD, "behaviours": ["arguing"]}, r"bad.jsonl:1: behaviours: unknown 'arguing'"),
        ({**GOOD, "understanding": 4}, r"bad.jsonl:1: understanding: must be a whole number 0..3"),
        ({**GOOD, "kind": "nice"}, r"bad.jsonl:1: kind: unknown 'nice'"),
        ({k: v for k, v in GOOD.items() if k != "reply"}, r"bad.jsonl:1: reply: missing"),
        ({**GOOD, "client": "   "}, r"bad.jsonl:1: client: must be a non-empty string"),
    ],
)
def test_a_bad_line_is_named_by_file_line_and_field(tmp_path: Path, line: object, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        load_corpus(_write(tmp_path, line))  # type: ignore[arg-type]


def test_a_repeated_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=re.escape("bad.jsonl:2: id: 'x-1' is used twice")):
        load_corpus(_write(tmp_path, GOOD, {**GOOD, "reply": "Late, then."}))


def test_near_identical_pairs_are_dropped_once(tmp_path: Path) -> None:
    examples = load_corpus(_write(tmp_path, GOOD, {**GOOD, "id": "x-2", "reply": "so it came  LATE"}))
    assert [e.id for e in dedupe(examples)] == ["x-1"]
