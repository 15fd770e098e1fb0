import pytest

from practice.scoring.metrics import roc_auc


def test_perfect_inverse_and_tied_rankings() -> None:
    assert roc_auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) == 1.0
    assert roc_auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]) == 0.0
    assert roc_auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]) == 0.5


def test_matches_pair_counting() -> None:
    scores = [0.3, 0.7, 0.4, 0.9, 0.1, 0.4]
    labels = [0, 1, 1, 0, 0, 1]
    pairs = [
        (p, n)
        for p, yp in zip(scores, labels, strict=True)
        if yp
        for n, yn in zip(scores, labels, strict=True)
        if not yn
    ]
    expected = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)
    assert roc_auc(scores, labels) == pytest.approx(expected)


def test_needs_both_classes() -> None:
    with pytest.raises(ValueError):
        roc_auc([0.1, 0.2], [1, 1])
