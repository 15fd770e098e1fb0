"""The ONNX encoder (the default) computes what the torch encoder does: the same tokens, the same cut at 256, the
same vectors to within cosine 0.99 on every text, and the same evaluation figures to within 0.01."""

from __future__ import annotations

import numpy as np
import pytest

from bench.evaluate import DATA, evaluate_examples
from practice.scoring.corpus import load_corpus
from practice.scoring.heads import load_heads
from practice.scoring.onnx_encoder import OnnxEncoder
from practice.scoring.scorer import ListeningScorer
from practice.scoring.st_encoder import SentenceTransformerEncoder
from tests.encoder_texts import long_texts, parity_texts

pytestmark = pytest.mark.model


def test_every_embedding_is_within_cosine_0_99_of_torch(
    onnx_encoder: OnnxEncoder, torch_encoder: SentenceTransformerEncoder
) -> None:
    texts = parity_texts()
    assert len(texts) >= 100
    onnx, torch = onnx_encoder.encode(texts), torch_encoder.encode(texts)
    assert onnx.shape == torch.shape == (len(texts), 384) and onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    cosines = (onnx * torch).sum(axis=1)
    worst = int(np.argmin(cosines))
    print(f"\nONNX vs torch over {len(texts)} texts: min {cosines.min():.6f}, mean {cosines.mean():.6f}")
    assert cosines.min() >= 0.99, f"{texts[worst]!r}: cosine {cosines[worst]:.4f}"


def test_both_read_the_same_tokens_and_cut_at_256(
    onnx_encoder: OnnxEncoder, torch_encoder: SentenceTransformerEncoder
) -> None:
    texts = parity_texts()
    counts = onnx_encoder.token_counts(texts)
    assert counts == torch_encoder._token_counts(texts)
    assert max(counts) == 256 and counts[texts.index("")] == 2  # [CLS] [SEP]
    assert onnx_encoder.token_counts(["word " * 254, "word " * 255]) == [256, 256]
    # Past the cut, more text changes nothing.
    cut = onnx_encoder.encode(["late " * 300, "late " * 1000])
    assert float(cut[0] @ cut[1]) > 0.99999


def test_a_text_gets_the_same_vector_alone_or_padded_in_any_pass(onnx_encoder: OnnxEncoder) -> None:
    texts = [*parity_texts()[:40], *long_texts()]
    together = onnx_encoder.encode(texts)
    alone = np.vstack([onnx_encoder.encode([t]) for t in texts])
    assert float((together * alone).sum(axis=1).min()) > 0.9999


def test_encoding_from_several_threads_gives_each_its_own_rows(onnx_encoder: OnnxEncoder) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = parity_texts()
    expected = onnx_encoder.encode(texts)
    calls = [texts[i : i + 7] for i in range(0, len(texts), 7)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(onnx_encoder.encode, calls * 3))
    for i, rows in enumerate(got):
        start = (i % len(calls)) * 7
        np.testing.assert_allclose(rows, expected[start : start + len(rows)], atol=1e-5)


@pytest.mark.slow
def test_held_out_figures_agree_within_0_01(
    onnx_encoder: OnnxEncoder, torch_encoder: SentenceTransformerEncoder
) -> None:
    """The cheap part of the evaluation, on both paths (the full comparison: bench/encoder_parity.py)."""
    examples = load_corpus(DATA / "heldout.jsonl")
    figures = {}
    for name, encoder in (("onnx", onnx_encoder), ("torch", torch_encoder)):
        results = evaluate_examples(ListeningScorer(encoder, load_heads()), examples)
        figures[name] = {r.task: (r.scorer_auc, r.cosine_auc) for r in results}
    assert figures["onnx"].keys() == figures["torch"].keys() and len(figures["onnx"]) >= 8
    for task, (scorer_auc, cosine_auc) in figures["onnx"].items():
        torch_scorer, torch_cosine = figures["torch"][task]
        print(
            f"{task:32} scorer {scorer_auc:.4f} vs {torch_scorer:.4f}  cosine {cosine_auc:.4f} vs {torch_cosine:.4f}"
        )
        assert abs(scorer_auc - torch_scorer) <= 0.01 and abs(cosine_auc - torch_cosine) <= 0.01, task
