"""`practice encoder export`: the bundled all-MiniLM-L6-v2 to ONNX, for serving without torch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from practice.settings import Settings

TRAIN_EXTRA = "pip install -c requirements.lock -e '.[train]'"


def register(commands: Any) -> None:
    encoder = commands.add_parser("encoder", help="the embedding model's ONNX export (serving without torch)")
    actions = encoder.add_subparsers(dest="action", required=True)
    export = actions.add_parser(
        "export",
        help="export the bundled all-MiniLM-L6-v2 to ONNX (the smallest form that keeps parity with torch); needs torch",
    )
    export.add_argument("--out", type=Path, help="folder to write (default: practice/data/encoder)")
    export.add_argument(
        "--model", help="a local sentence-transformers model folder (default: the bundled all-MiniLM-L6-v2)"
    )
    export.add_argument(
        "--quantize",
        choices=("auto", "int8", "float16", "none"),
        default="auto",
        help="auto: the smallest of int8, float16 weights and float32 whose every probe embedding stays within "
        "cosine 0.99 of torch's",
    )
    export.set_defaults(run=_export)


def missing_train_extra() -> str | None:
    """The first package of the `train` extra that is not installed, or None."""
    from practice.scoring.factory import TORCH_PACKAGES, installed

    return next((name for name in (*TORCH_PACKAGES, "onnx", "sklearn") if not installed(name)), None)


def train_extra_refused(what: str) -> bool:
    """Say on stderr that `what` needs the train extra, naming the first missing package; False when installed."""
    missing = missing_train_extra()
    if missing:
        print(
            f"practice: {what} needs the train extra ({missing} is not installed): {TRAIN_EXTRA}",
            file=sys.stderr,
        )
    return missing is not None


def _export(settings: Settings, args: argparse.Namespace) -> int:
    if train_extra_refused("this"):
        return 2
    from practice.scoring.onnx_encoder import ENCODER_DIR
    from practice.scoring.onnx_export import export

    export(
        args.out or ENCODER_DIR,
        model_path=args.model,
        quantize=args.quantize,
        threads=settings.encoder_threads,
        say=lambda line: print(f"practice: {line}", flush=True),
    )
    return 0
