from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from practice.scoring.corpus import Example
from practice.scoring.features import SCALARS
from practice.scoring.heads import HEADS_PATH, HeadsMismatch, load_heads, untrained_heads
from practice.scoring.scorer import ListeningScorer
from practice.scoring.training import OUTPUTS, features, fit
from tests.fakes import BagOfWordsEncoder

CLIENT = "The order came late and nobody called us about it."
FIXES = ["We can refund the shipping today.", "Let me send a replacement tomorrow.", "How about a discount?"]
RETELLS = [
    "So it arrived late and no one warned you.",
    "You were left waiting without a call.",
    "Late, and silence.",
]


def _examples() -> list[Example]:
    examples = []
    for i, reply in enumerate(FIXES * 4):
        examples.append(
            Example(f"f{i}", CLIENT, f"{reply} ({i})", frozenset({"premature_solution"}), 0, "solution")
        )
    for i, reply in enumerate(RETELLS * 4):
        behaviours = frozenset({"retelling", "emotion_label", "open_question", "closed_question", "rebuttal"})
        behaviours |= {"dismissal", "self_focus", "commitment", "small_talk"} if i % 2 else frozenset()
        kind = "contradiction" if i % 4 == 0 else "faithful"
        examples.append(Example(f"r{i}", CLIENT, f"{reply} ({i})", behaviours, 1 + i % 3, kind))
    return examples


def _trained(encoder: BagOfWordsEncoder) -> tuple[ListeningScorer, object]:
    examples = _examples()
    x = features(encoder, examples, progress=lambda _: None)
    heads = fit(encoder, x, examples, "test", {}, progress=lambda _: None, regularisation=1.0)
    return ListeningScorer(encoder, heads), heads


def test_training_learns_the_labels_and_is_deterministic() -> None:
    scorer, heads = _trained(BagOfWordsEncoder())
    fix = scorer.score(CLIENT, "We can refund the shipping today.")
    retell = scorer.score(CLIENT, "So it arrived late and no one warned you.")
    assert fix.behaviours["premature_solution"] > 0.8 > retell.behaviours["premature_solution"]
    assert retell.behaviours["retelling"] > 0.8 > fix.behaviours["retelling"]
    _, again = _trained(BagOfWordsEncoder())
    assert np.array_equal(heads.weights, again.weights)  # type: ignore[attr-defined]


def test_heads_round_trip_through_their_file(tmp_path: Path) -> None:
    encoder = BagOfWordsEncoder()
    _, heads = _trained(encoder)
    path = tmp_path / "heads.npz"
    heads.save(path)  # type: ignore[attr-defined]
    loaded = load_heads(path)
    assert loaded.outputs == OUTPUTS and loaded.version == "test" and loaded.encoder == "fake-bow"
    x = np.ones((2, len(loaded.mean)), dtype=np.float32)
    for name, values in heads.predict(x).items():  # type: ignore[attr-defined]
        assert np.allclose(values, loaded.predict(x)[name])


def test_heads_for_another_encoder_are_refused_with_a_clear_error() -> None:
    _, heads = _trained(BagOfWordsEncoder(dimension=256))
    with pytest.raises(HeadsMismatch, match=r"trained with encoder 'fake-bow'.*practice train"):
        ListeningScorer(BagOfWordsEncoder(dimension=128), heads)  # type: ignore[arg-type]


def test_heads_trained_on_other_named_features_are_refused_with_a_clear_error() -> None:
    encoder = BagOfWordsEncoder(dimension=256)
    _, heads = _trained(encoder)
    renamed = replace(heads, scalars=(*heads.scalars[:-1], "a_feature_since_removed"))  # type: ignore[type-var]
    with pytest.raises(HeadsMismatch, match=r"a_feature_since_removed.*practice train"):
        ListeningScorer(encoder, renamed)  # type: ignore[arg-type]
    reordered = replace(heads, scalars=tuple(reversed(heads.scalars)))  # type: ignore[type-var]
    with pytest.raises(HeadsMismatch, match="their order"):
        ListeningScorer(encoder, reordered)  # type: ignore[arg-type]


def test_a_broken_or_missing_heads_file_names_the_fix(tmp_path: Path) -> None:
    broken = tmp_path / "heads.npz"
    broken.write_bytes(b"not a heads file")
    with pytest.raises(HeadsMismatch, match="practice train"):
        load_heads(broken)
    with pytest.raises(FileNotFoundError, match="practice train"):
        load_heads(tmp_path / "missing.npz")


def test_untrained_heads_flag_nothing() -> None:
    result = ListeningScorer(BagOfWordsEncoder(), untrained_heads("fake-bow", OUTPUTS)).score(
        CLIENT, FIXES[0]
    )
    assert result.flags == []
    assert max(result.behaviours.values()) < 0.001


def test_the_bundled_heads_are_small_and_match_the_code() -> None:
    heads = load_heads()
    assert heads.outputs == OUTPUTS
    assert heads.scalars == SCALARS
    assert heads.encoder == "all-MiniLM-L6-v2"
    assert heads.fingerprint is not None and heads.weights.shape == (len(OUTPUTS), 2 * 384 + len(SCALARS))
    assert HEADS_PATH.stat().st_size < 100_000
    assert heads.meta["examples"] >= 4000
