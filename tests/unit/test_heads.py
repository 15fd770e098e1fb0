import random

from practice.scoring.features import HEAD_FEATURES
from practice.scoring.heads import Head, Heads, fit_logistic, load_heads


def test_fit_logistic_separates_a_learnable_rule() -> None:
    rng = random.Random(7)
    rows = [[rng.random(), rng.random()] for _ in range(300)]
    labels = [int(a > 0.6) for a, _ in rows]
    weights, bias = fit_logistic(rows, labels)
    head = Head(("a", "b"), tuple(weights), bias)
    accuracy = sum(
        int(head.predict({"a": a, "b": b}) >= 0.5) == y for (a, b), y in zip(rows, labels, strict=True)
    ) / len(rows)
    assert accuracy > 0.95
    assert weights[0] > 5 * abs(weights[1])


def test_heads_round_trip_through_json(tmp_path) -> None:
    heads = Heads("v1", "enc", {"x": Head(("a",), (1.5,), -0.25, 0.4)})
    path = tmp_path / "heads.json"
    path.write_text(heads.to_json())
    loaded = load_heads(path)
    assert loaded == heads
    assert 0.0 < loaded.predict("x", {"a": 0.1}) < 1.0


def test_bundled_heads_cover_every_head_with_its_features() -> None:
    heads = load_heads()
    assert set(heads.heads) == set(HEAD_FEATURES)
    for name, head in heads.heads.items():
        assert head.features == HEAD_FEATURES[name]
        assert 0.4 <= head.threshold <= 0.7
