"""Building the real scorer from settings: the model adapter, micro-batching, the trained heads."""

from __future__ import annotations

from practice.scoring.batching import MicroBatchingEncoder
from practice.scoring.heads import load_heads
from practice.scoring.scorer import ListeningScorer
from practice.settings import Settings


def build_scorer(settings: Settings, batching: bool = True) -> ListeningScorer:
    from practice.scoring.st_encoder import SentenceTransformerEncoder

    encoder = SentenceTransformerEncoder(settings.model_path, threads=settings.torch_threads)
    wrapped = MicroBatchingEncoder(encoder, max_texts=settings.batch_max_texts) if batching else encoder
    scorer = ListeningScorer(wrapped, load_heads())
    scorer.warm_up()
    return scorer
