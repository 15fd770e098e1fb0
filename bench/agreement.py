"""Label agreement between the corpus writers and a blind second labeller: Cohen's kappa per behaviour.

Run:  .venv/bin/python bench/agreement.py ORIGINAL.jsonl... --blind LABELS.jsonl
(the blind file holds {"id", "behaviours", "understanding", "kind"} per line for a sample of the ids).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.scoring.behaviours import BEHAVIOURS  # noqa: E402
from practice.scoring.corpus import load_corpus  # noqa: E402


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Agreement beyond chance between two labellings of the same items (1 = perfect, 0 = chance)."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    labels = set(a) | set(b)
    expected = sum((list(a).count(label) / n) * (list(b).count(label) / n) for label in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("original", type=Path, nargs="+")
    parser.add_argument("--blind", type=Path, required=True)
    args = parser.parse_args()
    original = {e.id: e for path in args.original for e in load_corpus(path)}
    blind = [json.loads(line) for line in args.blind.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(original[b["id"]], b) for b in blind if b["id"] in original]
    print(f"{len(pairs)} items labelled twice")
    print(f"{'label':22} {'pos(writer)':>11} {'pos(blind)':>10} {'kappa':>6}")
    for name in BEHAVIOURS:
        a = [name in o.behaviours for o, _ in pairs]
        b = [name in x["behaviours"] for _, x in pairs]
        print(f"{name:22} {sum(a):11d} {sum(b):10d} {cohen_kappa(a, b):6.2f}")
    grades_a = [o.understanding for o, _ in pairs]
    grades_b = [int(x["understanding"]) for _, x in pairs]
    print(f"{'understanding 0-3':22} {'':11} {'':10} {cohen_kappa(grades_a, grades_b):6.2f}")
    a2 = [g >= 2 for g in grades_a]
    b2 = [g >= 2 for g in grades_b]
    print(f"{'understanding >= 2':22} {sum(a2):11d} {sum(b2):10d} {cohen_kappa(a2, b2):6.2f}")
    print(
        f"{'kind':22} {'':11} {'':10} {cohen_kappa([o.kind for o, _ in pairs], [x['kind'] for _, x in pairs]):6.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
