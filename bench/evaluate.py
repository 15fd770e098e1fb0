"""Evaluate the scorer beside plain cosine(client, reply) on the same items.

(a) the real dev set (../shared/realdev), per task and mean, when it is present;
(b) our own held-out examples (bench/data/heldout*.jsonl), written by other passes than the training corpus;
(c) the contrast suite (bench/data/contrast.jsonl): per sales case a faithful retell, a contradicting retell,
    a dismissal, a rebuttal and a fix, and the checks a coach would expect to hold between them.

Run:  make eval   (or .venv/bin/python bench/evaluate.py [--sample N] [--json out.json])
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.realdev import Pair, load_realdev, realdev_path  # noqa: E402
from practice.scoring.behaviours import BEHAVIOURS  # noqa: E402
from practice.scoring.corpus import Example, load_corpus, target  # noqa: E402
from practice.scoring.limits import INPUTS_PER_CALL  # noqa: E402
from practice.scoring.metrics import roc_auc  # noqa: E402
from practice.scoring.results import ScoreInput, ScoreResult  # noqa: E402
from practice.scoring.scorer import ListeningScorer  # noqa: E402

DATA = ROOT / "bench" / "data"
CHUNK = INPUTS_PER_CALL  # items per scoring call that always fit under its cap on texts


@dataclass(frozen=True)
class TaskResult:
    task: str
    positives: int
    negatives: int
    scorer_auc: float
    cosine_auc: float

    @property
    def margin(self) -> float:
        return self.scorer_auc - self.cosine_auc


def score_all(scorer: ListeningScorer, items: Sequence[ScoreInput]) -> list[ScoreResult]:
    return [r for i in range(0, len(items), CHUNK) for r in scorer.score_many(items[i : i + CHUNK])]


def cosines(scorer: ListeningScorer, clients: Sequence[str], replies: Sequence[str]) -> list[float]:
    c, r = scorer.encoder.encode(list(clients)), scorer.encoder.encode(list(replies))
    return [float(v) for v in (c * r).sum(axis=1)]


def field(result: ScoreResult, name: str) -> float:
    return result.understanding if name == "understanding" else result.behaviours[name]


def evaluate_realdev(scorer: ListeningScorer, pairs: list[Pair]) -> list[TaskResult]:
    results = score_all(scorer, [ScoreInput(p.client, p.reply) for p in pairs])
    cos = cosines(scorer, [p.client for p in pairs], [p.reply for p in pairs])
    out = []
    for task in dict.fromkeys(p.task for p in pairs):
        idx = [i for i, p in enumerate(pairs) if p.task == task]
        y = [int(pairs[i].label) for i in idx]
        scores = [field(results[i], pairs[i].score_field) for i in idx]
        out.append(
            TaskResult(task, sum(y), len(y) - sum(y), roc_auc(scores, y), roc_auc([cos[i] for i in idx], y))
        )
    return out


def evaluate_examples(scorer: ListeningScorer, examples: list[Example]) -> list[TaskResult]:
    results = score_all(scorer, [e.as_input() for e in examples])
    cos = cosines(scorer, [e.client for e in examples], [e.reply for e in examples])
    faithful_or_flipped = [i for i, e in enumerate(examples) if e.kind in ("faithful", "contradiction")]
    reflections = [i for i, e in enumerate(examples) if e.kind == "faithful" and e.understanding >= 2]
    tasks: list[tuple[str, list[int], str, str]] = [
        *((name, list(range(len(examples))), name, name) for name in BEHAVIOURS),
        ("understanding (grade >= 2)", list(range(len(examples))), "understanding", "understanding"),
        ("faithful vs contradicting", faithful_or_flipped, "understanding", "understanding"),
        ("complex vs simple reflection", reflections, "complex", "understanding"),
    ]
    out = []
    for name, idx, label, score in tasks:
        y = [target(examples[i], label) for i in idx]
        if name == "faithful vs contradicting":
            y = [int(examples[i].kind == "faithful") for i in idx]
        if 0 < sum(y) < len(y):
            scores = [field(results[i], score) for i in idx]
            out.append(
                TaskResult(
                    name, sum(y), len(y) - sum(y), roc_auc(scores, y), roc_auc([cos[i] for i in idx], y)
                )
            )
    return out


def contrast_checks(scorer: ListeningScorer, path: Path = DATA / "contrast.jsonl") -> dict[str, list[bool]]:
    """Per check, whether it held in each case."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases: dict[str, dict[str, str]] = {}
    clients: dict[str, str] = {}
    for row in rows:
        cases.setdefault(row["case"], {})[row["kind"]] = row["reply"]
        clients[row["case"]] = row["client"]
    ids = sorted(cases)
    items = [ScoreInput(clients[c], cases[c][k]) for c in ids for k in KINDS]
    results = score_all(scorer, items)
    by = {(c, k): results[i * len(KINDS) + j] for i, c in enumerate(ids) for j, k in enumerate(KINDS)}
    checks: dict[str, list[bool]] = {}
    for c in ids:
        f = by[c, "faithful"]
        for other in KINDS[1:]:
            checks.setdefault(f"faithful understood above {other}", []).append(
                f.understanding > by[c, other].understanding
            )
        checks.setdefault("faithful flagged as nothing wrong", []).append(
            not {"rebuttal", "premature_solution", "dismissal"} & set(f.flags)
        )
        checks.setdefault("contradiction not understood", []).append(
            by[c, "contradiction"].understanding < 0.5
        )
        checks.setdefault("rebuttal flagged", []).append("rebuttal" in by[c, "rebuttal"].flags)
        checks.setdefault("fix flagged", []).append("premature_solution" in by[c, "fix"].flags)
        checks.setdefault("dismissal flagged", []).append("dismissal" in by[c, "dismissal"].flags)
    return checks


KINDS = ("faithful", "contradiction", "dismissal", "rebuttal", "fix")


def report(title: str, results: list[TaskResult]) -> str:
    lines = [title, f"  {'task':32} {'pos':>5} {'neg':>5} {'scorer':>7} {'cosine':>7} {'margin':>7}"]
    for r in results:
        lines.append(
            f"  {r.task:32} {r.positives:5d} {r.negatives:5d} {r.scorer_auc:7.3f} {r.cosine_auc:7.3f} {r.margin:+7.3f}"
        )
    mean = float(np.mean([r.scorer_auc for r in results]))
    lines.append(
        f"  {'mean':32} {'':5} {'':5} {mean:7.3f} {float(np.mean([r.cosine_auc for r in results])):7.3f}"
    )
    return "\n".join(lines)


def heldout_files() -> list[Path]:
    return sorted(DATA.glob("heldout*.jsonl"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, help="real dev set: at most this many pairs per task")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    from practice.scoring.factory import build_scorer
    from practice.settings import Settings

    scorer = build_scorer(Settings(), batching=False)
    figures: dict[str, object] = {}
    path = realdev_path()
    if path is None:
        print("(a) real dev set: not found beside the repository (../shared/realdev); skipped\n")
    else:
        pairs = load_realdev(path, args.sample)
        started = time.monotonic()
        real = evaluate_realdev(scorer, pairs)
        rate = len(pairs) / (time.monotonic() - started)
        print(
            report(f"(a) real dev set: {len(pairs)} pairs (ESConv, AnnoMI; {rate:.0f} pairs/s)", real) + "\n"
        )
        figures["realdev"] = [asdict(r) for r in real]
    for file in heldout_files():
        own = evaluate_examples(scorer, load_corpus(file))
        print(report(f"(b) held out: {file.name}", own) + "\n")
        figures[file.stem] = [asdict(r) for r in own]
    checks = contrast_checks(scorer)
    held = sum(sum(v) for v in checks.values())
    total = sum(len(v) for v in checks.values())
    print(f"(c) contrast suite: {held}/{total} checks hold ({held / total:.1%})")
    for name, outcomes in checks.items():
        print(f"  {name:40} {sum(outcomes):3d}/{len(outcomes)}")
    figures["contrast"] = {name: sum(v) / len(v) for name, v in checks.items()}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
