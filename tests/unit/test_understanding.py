"""Key-point coverage on hand-made vectors: capture, evidence, contradiction, dismissal, credit."""

import numpy as np

from practice.scoring.judgement import learned_understanding
from practice.scoring.lang import get_pack
from practice.scoring.results import Span
from practice.scoring.understanding import CoverageConfig, judge_points

EN = get_pack("en")


def unit(*components: float) -> np.ndarray:
    v = np.asarray(components, dtype=np.float32)
    return v / np.linalg.norm(v)


POINTS = ["The shipment was late", "nobody told us"]
POINT_VECS = np.stack([unit(1, 0, 0), unit(0, 1, 0)])


def test_capture_and_evidence() -> None:
    units = [Span("the delivery came late", 0, 22), Span("what a week", 24, 35)]
    vecs = np.stack([unit(1, 0.2, 0), unit(0, 0.1, 1)])
    coverage = judge_points(EN, POINTS, POINT_VECS, units, vecs, set(), CoverageConfig())
    first, second = coverage.points
    assert first.captured and first.evidence == units[0] and first.similarity > 0.9
    assert not second.captured
    assert coverage.contradiction == 0.0
    # One point fully, one hardly: the mean (0.5) blended with the best point (1.0), 60/40.
    assert abs(coverage.credit - 0.7) < 0.01


def test_a_contradicting_clause_voids_the_point_however_similar() -> None:
    units = [Span("so it arrived on time", 0, 21), Span("and we kept you informed", 22, 46)]
    vecs = np.stack([unit(1, 0.1, 0), unit(0.1, 1, 0)])
    coverage = judge_points(EN, POINTS, POINT_VECS, units, vecs, set(), CoverageConfig())
    assert [p.contradicted for p in coverage.points] == [True, True]
    assert not any(p.captured for p in coverage.points)
    assert coverage.credit == 0.0 and coverage.contradiction == 1.0


def test_a_dismissing_clause_voids_the_point_it_answers() -> None:
    units = [Span("delays happen to everyone", 0, 25)]
    vecs = np.stack([unit(1, 0, 0.3)])
    coverage = judge_points(EN, POINTS, POINT_VECS, units, vecs, {0}, CoverageConfig())
    assert coverage.points[0].dismissed and not coverage.points[0].captured


def test_no_reply_units_means_nothing_captured() -> None:
    coverage = judge_points(EN, POINTS, POINT_VECS, [], np.zeros((0, 3), np.float32), set(), CoverageConfig())
    assert [p.captured for p in coverage.points] == [False, False] and coverage.credit == 0.0


def test_the_learned_grade_counts_only_as_far_as_the_reply_retells_or_reflects() -> None:
    grades = {"understanding_1": 0.9, "understanding_2": 0.6, "understanding_3": 0.3}
    # Expected grade 0.6, gated by the larger of the retelling (0.5) and feeling (0.8) heads.
    assert learned_understanding({**grades, "retelling": 0.5, "emotion_label": 0.8}) == 0.6 * 0.8
    assert learned_understanding({**grades, "retelling": 1.0, "emotion_label": 0.0}) == 0.6
    # A question or a fix about the client's matter (grade heads fooled) that neither retells nor reflects.
    assert learned_understanding({**grades, "retelling": 0.05, "emotion_label": 0.02}) == 0.6 * 0.05
