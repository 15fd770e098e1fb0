"""Key-point coverage: which of the client's points the reply captured, contradicted or dismissed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.scoring.calibration import IDENTITY, Calibration
from practice.scoring.cues import negated_content, polarities
from practice.scoring.lang import LanguagePack
from practice.scoring.ports import Vectors
from practice.scoring.results import KeyPointResult, Span


@dataclass(frozen=True)
class CoverageConfig:
    capture: float = 0.5  # cosine at or above which a point counts as captured
    about: float = 0.3  # cosine at or above which a clause speaks of the point (so it can contradict it)
    credit_low: float = 0.25  # understanding credit grows linearly from here ...
    credit_high: float = 0.6  # ... to full credit here
    # A retell that gets the central point right shows understanding even if it skips side points:
    # the credit is a blend of the mean over points and the best single point.
    best_point_weight: float = 0.4


@dataclass(frozen=True)
class Coverage:
    points: list[KeyPointResult]
    credit: float  # mean per-point credit, 0..1
    contradiction: float  # strongest contradiction of any point, 0..1


# Domains where a retell saying "all was well" plainly contradicts a complaint; in others ("told", "early")
# a positive word in a faithful retell is common, and the rule misfired on examples from other authors.
ALL_IS_WELL_DOMAINS = frozenset({"correctness", "wellbeing", "working", "attention"})
# A shared word negated on one side only is weak evidence: trusted only between near-paraphrases.
NEGATED_WORD_MIN_SIMILARITY = 0.6


def ramp(value: float, low: float, high: float) -> float:
    """0 at or below `low`, 1 at or above `high`, linear between."""
    return min(1.0, max(0.0, (value - low) / ((high - low) or 1.0)))


def conflict(pack: LanguagePack, point: str, clause: str, similarity: float = 1.0) -> float:
    """How surely `clause` says the opposite of `point`.

    1.0: opposite polarity in one domain ('late' / 'on time'); 0.7: between near-paraphrases, a shared word
    negated on one side only, where only one side negates anything; 0.6: a retell ("so ...") asserts that all
    was well ('so the invoice is correct') where the complaint never said so.
    """
    a, b = polarities(pack, point), polarities(pack, clause)
    if any(a[d] * b[d] < 0 for d in a.keys() & b.keys()):
        return 1.0
    if similarity >= NEGATED_WORD_MIN_SIMILARITY:
        na, nb = negated_content(pack, point), negated_content(pack, clause)
        one_sided = any(na.values()) != any(nb.values())  # "no room to raise" vs "cannot raise" is no flip
        if one_sided and any(na[w] != nb[w] for w in na.keys() & nb.keys()):
            return 0.7
    retell = pack.cues["retelling"].search(clause) is not None
    if retell and any(
        sign > 0 and d in ALL_IS_WELL_DOMAINS and (d not in a or a[d] < 0) for d, sign in b.items()
    ):
        return 0.6
    return 0.0


def judge_points(
    pack: LanguagePack,
    points: list[str],
    point_vecs: Vectors,
    units: list[Span],
    unit_vecs: Vectors,
    dismissing_units: set[int],
    config: CoverageConfig,
    calibration: Calibration = IDENTITY,
    feeling_unit: int | None = None,
    feeling_points: frozenset[int] = frozenset(),
) -> Coverage:
    """Per point: the reply's stretch nearest to it, and whether it captured, contradicted or dismissed it.

    `feeling_unit`: where the reply names a feeling (when it does). The points in `feeling_points` are about
    the client's feelings, and such a stretch captures them, whatever words each uses ("angry and
    embarrassed" / "that must sting").
    """
    if not points or not units:
        empty = [KeyPointResult(p, False, 0.0, None) for p in points]
        return Coverage(empty, 0.0, 0.0)
    sims = calibration(point_vecs @ unit_vecs.T)  # points x units
    results: list[KeyPointResult] = []
    credits: list[float] = []
    worst = 0.0
    for i, point in enumerate(points):
        best = int(np.argmax(sims[i]))
        similarity = float(sims[i, best])
        if feeling_unit is not None and i in feeling_points:
            best, similarity = feeling_unit, max(similarity, config.capture)
        contradiction = 0.0
        for j, unit in enumerate(units):
            if sims[i, j] >= config.about:
                similarity_ij = float(sims[i, j])
                strength = conflict(pack, point, unit.text, similarity_ij) * min(
                    1.0, similarity_ij / config.capture
                )
                contradiction = max(contradiction, strength)
        contradicted = contradiction >= 0.5
        dismissed = best in dismissing_units
        captured = similarity >= config.capture and not contradicted and not dismissed
        credit = 0.0 if contradicted or dismissed else ramp(similarity, config.credit_low, config.credit_high)
        credits.append(credit)
        worst = max(worst, contradiction)
        results.append(
            KeyPointResult(point, captured, round(similarity, 4), units[best], contradicted, dismissed)
        )
    w = config.best_point_weight
    credit = (1 - w) * float(np.mean(credits)) + w * max(credits)
    return Coverage(results, credit, worst)
