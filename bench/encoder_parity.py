"""Every figure bench/evaluate.py reports, on both inference paths, and how far apart they are: ONNX must stay
within 0.01 of torch on each (issue 14). The real dev set (../shared/realdev) is read through bench/realdev.py
and only its figures are printed, when it is present.

Run:  .venv/bin/python bench/encoder_parity.py [--sample N] [--json out.json]   (about 10 min with the dev set)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluate import contrast_checks, evaluate_examples, evaluate_realdev, heldout_files  # noqa: E402
from bench.realdev import load_realdev, realdev_path  # noqa: E402
from practice.scoring.corpus import load_corpus  # noqa: E402
from practice.scoring.heads import load_heads  # noqa: E402
from practice.scoring.scorer import ListeningScorer  # noqa: E402

TOLERANCE = 0.01
PATHS = ("torch", "onnx")


def figures(scorer: ListeningScorer, sample: int | None) -> dict[str, float]:
    """Every figure, named `set / task / measure`."""
    out: dict[str, float] = {}
    sets = [(f.stem, evaluate_examples(scorer, load_corpus(f))) for f in heldout_files()]
    path = realdev_path()
    if path is not None:
        sets.insert(0, ("realdev", evaluate_realdev(scorer, load_realdev(path, sample))))
    for name, results in sets:
        for r in results:
            out[f"{name} / {r.task} / scorer AUC"] = r.scorer_auc
            out[f"{name} / {r.task} / cosine AUC"] = r.cosine_auc
        out[f"{name} / mean / scorer AUC"] = sum(r.scorer_auc for r in results) / len(results)
    for check, outcomes in contrast_checks(scorer).items():
        out[f"contrast / {check} / share held"] = sum(outcomes) / len(outcomes)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, help="real dev set: at most this many pairs per task")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "encoder_parity.json")
    args = parser.parse_args()
    from practice.scoring.factory import build_encoder
    from practice.settings import Settings

    if realdev_path() is None:
        print("(the real dev set is not beside this clone: its figures are skipped)")
    found = {}
    for path in PATHS:
        print(f"evaluating on {path}…", flush=True)
        found[path] = figures(
            ListeningScorer(build_encoder(Settings(encoder=path)), load_heads()), args.sample
        )
    print(f"\n{'figure':78} {'torch':>7} {'onnx':>7} {'delta':>7}")
    worst = 0.0
    for name, t in found["torch"].items():
        o = found["onnx"][name]
        worst = max(worst, abs(o - t))
        flag = "" if abs(o - t) <= TOLERANCE else "  OUT"
        print(f"{name:78} {t:7.3f} {o:7.3f} {o - t:+7.3f}{flag}")
    verdict = "met" if worst <= TOLERANCE else "MISSED"
    print(
        f"\n{len(found['torch'])} figures; largest |onnx - torch| {worst:.4f} (target <= {TOLERANCE}: {verdict})"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    raise SystemExit(main())
