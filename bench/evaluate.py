"""Evaluate the scorer on held-out labelled examples: AUC per task, against plain-cosine baselines.

Baselines, both "plain cosine":
  - client~reply: cosine between the whole client message and the whole reply (what a naive scorer does);
  - reply~prototypes: cosine between the whole reply and the mean of the behaviour's prototype phrasings.

Run:  make eval   (or .venv/bin/python bench/evaluate.py [--examples FILE ...] [--json out.json])
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.scoring.examples import Example, labels, load_examples  # noqa: E402
from practice.scoring.metrics import roc_auc  # noqa: E402
from practice.scoring.results import BEHAVIOURS  # noqa: E402
from practice.scoring.scorer import ListeningScorer  # noqa: E402

EVAL_DIR = ROOT / "bench" / "data"


def eval_files() -> list[Path]:
    """The held-out sets: every bench/data/eval_*.jsonl (none of it is used in training)."""
    return sorted(EVAL_DIR.glob("eval_*.jsonl"))


@dataclass(frozen=True)
class TaskResult:
    task: str
    positives: int
    negatives: int
    scorer_auc: float
    cosine_auc: float  # client~reply
    prototype_auc: float | None  # reply~prototypes, for behaviours

    @property
    def best_baseline(self) -> float:
        return max(self.cosine_auc, self.prototype_auc or 0.0)

    @property
    def margin(self) -> float:
        return self.scorer_auc - self.best_baseline


def evaluate(scorer: ListeningScorer, examples: list[Example]) -> list[TaskResult]:
    judged = [j.result for j in scorer.judge_many([e.as_input() for e in examples])]
    encoder = scorer.encoder
    clients = encoder.encode([e.client for e in examples])
    replies = encoder.encode([e.reply for e in examples])
    cosine = [float(c @ r) for c, r in zip(clients, replies, strict=True)]
    from practice.scoring.lang import get_pack

    languages = {e.language for e in examples}
    if len(languages) != 1:
        raise ValueError(f"evaluate one language at a time, got {sorted(languages)}")
    prototypes = scorer.prototypes(get_pack(languages.pop()))
    tasks: list[tuple[str, list[float], list[int], list[float] | None, list[Example]]] = []
    for name in BEHAVIOURS:
        centroid = prototypes[name].mean(axis=0)
        centroid = centroid / np.linalg.norm(centroid)
        proto = [float(r @ centroid) for r in replies]
        tasks.append((name, [r.behaviours[name] for r in judged], _labels(examples, name), proto, examples))
    tasks.append(
        (
            "understanding",
            [r.understanding for r in judged],
            _labels(examples, "understanding"),
            None,
            examples,
        )
    )
    # The hard case for plain cosine: a faithful retell against one that says the opposite.
    pairs = [i for i, e in enumerate(examples) if e.kind in ("faithful", "partial", "contradiction")]
    tasks.append(
        (
            "understanding: faithful vs contradicting",
            [judged[i].understanding for i in pairs],
            [int(examples[i].kind != "contradiction") for i in pairs],
            None,
            [examples[i] for i in pairs],
        )
    )
    dismissal_centroid = prototypes["dismissal"].mean(axis=0)
    dismissal_centroid /= np.linalg.norm(dismissal_centroid)
    tasks.append(
        (
            "dismissal",
            [r.dismissal for r in judged],
            _labels(examples, "dismissal"),
            [float(r @ dismissal_centroid) for r in replies],
            examples,
        )
    )
    tasks.append(
        ("parroting", [r.parroting_score for r in judged], _labels(examples, "parroting"), None, examples)
    )
    results = []
    index = {e.id: i for i, e in enumerate(examples)}
    for name, scores, y, proto, subset in tasks:
        if not 0 < sum(y) < len(y):
            continue  # a task without both classes in this set has no AUC
        base = [cosine[index[e.id]] for e in subset]
        results.append(
            TaskResult(
                name,
                sum(y),
                len(y) - sum(y),
                roc_auc(scores, y),
                roc_auc(base, y),
                roc_auc(proto, y) if proto is not None else None,
            )
        )
    return results


def _labels(examples: list[Example], task: str) -> list[int]:
    return [labels(e, task) for e in examples]


def report(results: list[TaskResult]) -> str:
    lines = [f"{'task':42} {'pos':>4} {'neg':>4} {'scorer':>7} {'cosine':>7} {'proto':>7} {'margin':>7}"]
    for r in results:
        proto = f"{r.prototype_auc:7.3f}" if r.prototype_auc is not None else f"{'-':>7}"
        lines.append(
            f"{r.task:42} {r.positives:4d} {r.negatives:4d} {r.scorer_auc:7.3f} {r.cosine_auc:7.3f} {proto} {r.margin:+7.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--examples", type=Path, nargs="*", help="JSON Lines files (default: bench/data/eval_*.jsonl)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    from practice.scoring.factory import build_scorer
    from practice.settings import Settings

    files = args.examples or eval_files()
    examples = [e for path in files for e in load_examples(path)]
    names = ", ".join(p.name for p in files)
    print(f"loading the model; evaluating {len(examples)} held-out examples from {names}", flush=True)
    started = time.perf_counter()
    scorer = build_scorer(Settings(), batching=False)
    results = evaluate(scorer, examples)
    print(report(results))
    print(f"({time.perf_counter() - started:.1f} s; heads {scorer.heads.version})")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) | {"margin": r.margin} for r in results], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
