"""The evaluation (bench/evaluate.py) as regression tests: held-out examples, contrast suite, real dev set.

The floors below are the figures measured when the heads were last trained, less a small tolerance, so a
change that makes judgement worse fails here. They are not the targets: README "Evidence" gives both.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.evaluate import TaskResult, contrast_checks, evaluate_examples, evaluate_realdev
from bench.realdev import load_realdev, realdev_path
from practice.scoring.behaviours import BEHAVIOURS
from practice.scoring.corpus import load_corpus
from practice.scoring.scorer import ListeningScorer

pytestmark = [pytest.mark.slow, pytest.mark.model]

DATA = Path(__file__).parents[2] / "bench" / "data"


@pytest.fixture(scope="module")
def heldout(real_scorer: ListeningScorer) -> dict[str, TaskResult]:
    """A writing pass of its own, never trained on: 360 replies over many settings."""
    return {r.task: r for r in evaluate_examples(real_scorer, load_corpus(DATA / "heldout.jsonl"))}


def test_every_behaviour_beats_plain_cosine_clearly_on_held_out_examples(
    heldout: dict[str, TaskResult],
) -> None:
    for name in BEHAVIOURS:
        r = heldout[name]
        # A retell is close to the client's words by nature, so cosine is a strong baseline there.
        margin = 0.1 if name == "retelling" else 0.3
        assert r.scorer_auc >= 0.9 and r.scorer_auc >= r.cosine_auc + margin, r


def test_understanding_on_held_out_examples(heldout: dict[str, TaskResult]) -> None:
    assert heldout["understanding (grade >= 2)"].scorer_auc >= 0.93
    assert heldout["faithful vs contradicting"].scorer_auc >= 0.95
    assert heldout["complex vs simple reflection"].scorer_auc >= 0.72  # measured 0.775 (0.728 before talk)


def test_the_contrast_suite(real_scorer: ListeningScorer) -> None:
    checks = contrast_checks(real_scorer)
    held = sum(sum(v) for v in checks.values()) / sum(len(v) for v in checks.values())
    assert held >= 0.87, checks  # measured 0.887 (0.858 before the turn, shrug and talk passes)
    assert all(checks[f"faithful understood above {kind}"].count(True) >= 45 for kind in ("dismissal", "fix"))
    assert checks["fix flagged"].count(True) >= 45
    assert checks["dismissal flagged"].count(True) >= 37  # measured 40 (29 before the shrug pass)


@pytest.fixture(scope="module")
def real(real_scorer: ListeningScorer) -> dict[str, TaskResult]:
    path = realdev_path()
    if path is None:
        if os.environ.get("GYM_REQUIRE_REALDEV"):
            pytest.fail("GYM_REQUIRE_REALDEV is set but ../shared/realdev/tasks.jsonl is missing")
        pytest.skip("the real dev set is not beside this clone")
    return {r.task: r for r in evaluate_realdev(real_scorer, load_realdev(path))}


def test_real_conversations_behaviours_beat_cosine_by_a_wide_margin(real: dict[str, TaskResult]) -> None:
    for task in ("esconv_suggestion", "annomi_advice", "esconv_open_question", "esconv_feelings"):
        assert real[task].scorer_auc >= real[task].cosine_auc + 0.25, real[task]


def test_real_conversations_understanding_beats_cosine(real: dict[str, TaskResult]) -> None:
    # Measured: +0.060 on restatements, +0.152 on reflections, +0.169 on complex vs simple.
    assert real["esconv_retell"].scorer_auc >= real["esconv_retell"].cosine_auc + 0.04, real["esconv_retell"]
    assert real["annomi_reflection"].scorer_auc >= real["annomi_reflection"].cosine_auc + 0.13
    assert real["annomi_complex_vs_simple"].scorer_auc >= real["annomi_complex_vs_simple"].cosine_auc + 0.13


def test_real_conversations_mean(real: dict[str, TaskResult]) -> None:
    mean = sum(r.scorer_auc for r in real.values()) / len(real)
    assert mean >= 0.75, real  # measured 0.763


def test_romanian_is_measured_and_reported_honestly(real_scorer: ListeningScorer) -> None:
    """Experimental support: on 116 labelled Romanian replies nobody trained on."""
    examples = load_corpus(DATA / "ro_eval.jsonl") + load_corpus(DATA / "ro_team.jsonl")
    results = {r.task: r for r in evaluate_examples(real_scorer, examples)}
    for name in BEHAVIOURS:
        if name != "retelling":  # a retell is close to the client's words; cosine is strong there
            assert results[name].scorer_auc >= results[name].cosine_auc + 0.05, results[name]
    # Known gap (README): English-trained heads over an English model trail plain cosine on Romanian
    # understanding (0.870 against 0.95 when measured, 0.90 before the English retelling head gated the grade);
    # these floors only keep it from getting worse.
    assert results["understanding (grade >= 2)"].scorer_auc >= 0.86
    assert results["faithful vs contradicting"].scorer_auc >= 0.85  # measured 0.870 (0.90 before)
    assert real_scorer.score("x", "y", language="ro").model["support"] == "experimental"
