"""`practice score` and `practice train`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from practice.scoring.corpus import Example, load_corpus
from practice.settings import Settings


def register(commands: Any) -> None:
    score = commands.add_parser("score", help="score one reply to a client message")
    score.add_argument("--client", required=True, help="what the client said")
    score.add_argument("--reply", required=True, help="the trainee's reply")
    score.add_argument(
        "--key-point", action="append", dest="key_points", help="a point to capture (repeatable)"
    )
    score.add_argument("--language", default="en")
    score.add_argument("--json", action="store_true", help="print the full result as JSON")
    score.set_defaults(run=_score)

    train = commands.add_parser(
        "train", help="retrain the scorer's heads on the labelled corpus (practice/data/corpus/*.jsonl)"
    )
    train.add_argument(
        "--corpus", type=Path, nargs="*", help="JSON Lines files (default: the bundled corpus)"
    )
    train.add_argument("--out", type=Path, help="where to write the heads (default: the bundled heads.npz)")
    train.add_argument(
        "--with-corrections",
        nargs="?",
        const="database",
        metavar="FILE",
        help="also learn from trainers' corrections: a file from 'practice corrections export', or (no FILE) "
        "this deployment's database; a fifth of them is held out and the figures before and after are shown",
    )
    train.set_defaults(run=_train)


def _score(settings: Settings, args: argparse.Namespace) -> int:
    from practice.scoring.factory import build_scorer
    from practice.scoring.lang import UnsupportedLanguage

    scorer = build_scorer(settings, batching=False)
    try:
        result = scorer.score(args.client, args.reply, args.key_points, args.language)
    except UnsupportedLanguage as error:
        print(f"practice: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(asdict(result), indent=2, ensure_ascii=False))
        return 0
    print(f"understanding {result.understanding:.2f}   depth {result.depth}   parroting {result.parroting}")
    for point in result.key_points:
        mark = "x" if point.contradicted else ("~" if point.dismissed else ("+" if point.captured else "-"))
        evidence = f"  <- {point.evidence.text!r}" if point.evidence and point.captured else ""
        print(f"  [{mark}] {point.similarity:.2f} {point.text}{evidence}")
    print("behaviours " + ", ".join(f"{k} {v:.2f}" for k, v in result.behaviours.items()))
    print("flags      " + (", ".join(result.flags) or "none"))
    for commitment in result.commitments:
        print(f"commitment {commitment.text!r}" + (f" (when: {commitment.when})" if commitment.when else ""))
    print(f"feedback   {result.feedback}")
    return 0


def _train(settings: Settings, args: argparse.Namespace) -> int:
    import time

    from cli.encoder import train_extra_refused

    if train_extra_refused("training"):
        return 2
    from practice.scoring.corpus import CorpusError, corpus_files, dedupe, load_all
    from practice.scoring.heads import HEADS_PATH, load_heads
    from practice.scoring.heldout import figures, held_out
    from practice.scoring.scorer import ListeningScorer
    from practice.scoring.st_encoder import SentenceTransformerEncoder
    from practice.scoring.training import train

    files = args.corpus or corpus_files()
    try:
        examples = load_all(files)
        corrections = _corrections(settings, args.with_corrections) if args.with_corrections else []
    except (CorpusError, OSError) as error:
        print(f"practice: {error}", file=sys.stderr)
        return 1
    learn, measure = held_out(corrections)
    if args.with_corrections:
        print(
            f"practice: {len(corrections)} corrections: {len(learn)} to learn from, {len(measure)} held out"
        )
        examples = dedupe([*learn, *examples])  # a trainer's label of a pair wins over the corpus's
    started = time.monotonic()
    print(
        f"practice: training on {len(examples)} examples from {len(files)} files; loading the model…",
        flush=True,
    )
    encoder = SentenceTransformerEncoder(settings.model_path, threads=settings.encoder_threads)
    before = figures(ListeningScorer(encoder, load_heads()), measure) if measure else {}
    heads = train(encoder, examples, files, progress=lambda line: print(line, flush=True))
    out = args.out or HEADS_PATH
    heads.save(out)
    print(f"practice: wrote {out} ({out.stat().st_size // 1024} KB) in {time.monotonic() - started:.0f} s")
    if measure:
        after = figures(ListeningScorer(encoder, heads), measure)
        print(f"held-out corrections ({len(measure)}), ROC AUC before -> after:")
        for name in sorted(set(before) | set(after)):
            print(f"  {name:20} {before.get(name, float('nan')):.3f} -> {after.get(name, float('nan')):.3f}")
        if not after:
            print("  (too few held-out corrections with both classes of any judgement to measure)")
    return 0


def _corrections(settings: Settings, source: str) -> list[Example]:
    """Trainers' corrections as examples: from an exported file, or from this deployment's database."""
    import json
    import tempfile

    from cli.corrections import deployment_examples

    if source != "database":
        return load_corpus(Path(source))
    lines = deployment_examples(settings)
    with tempfile.TemporaryDirectory() as folder:  # validated exactly as a corpus file is
        path = Path(folder) / "corrections.jsonl"
        path.write_text(
            "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
        )
        return load_corpus(path)
