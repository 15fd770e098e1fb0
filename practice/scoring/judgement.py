"""Judging one encoded reply: coverage, contradiction, dismissal, behaviours, depth, commitments, feedback."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from practice.scoring.calibration import Calibration
from practice.scoring.cues import cue_count
from practice.scoring.features import dismissing_units, prototype_similarities, reply_features
from practice.scoring.feedback import coaching
from practice.scoring.heads import Heads
from practice.scoring.lang import LanguagePack
from practice.scoring.parroting import copied_share
from practice.scoring.ports import Vectors
from practice.scoring.results import BEHAVIOURS, Commitment, ScoreInput, ScoreResult, Span
from practice.scoring.text import sentences
from practice.scoring.understanding import CoverageConfig, judge_points, ramp


@dataclass(frozen=True)
class ScorerConfig:
    coverage: CoverageConfig = field(default_factory=CoverageConfig)
    parroting: float = 0.6  # share of copied words above which a reply is a parrot
    dismissal_bar: float = (
        0.5  # prototype cosine at which a clause of a dismissive reply reads as the dismissal
    )
    dismissal_weight: float = 0.5  # how much a dismissive reply loses of its understanding
    contradiction_weight: float = 0.6  # how much a contradiction costs, on top of the point's lost credit
    # A reply that argues, fixes or talks about itself without retelling shows little understanding, however
    # many of the client's words it reuses ("I can credit the roaming charges back ...").
    acting_weight: float = 0.8
    # Share of the final understanding taken from the whole-message cosine (mapped 0.2..0.8 -> 0..1): the
    # point-by-point coverage misses paraphrases that only make sense as a whole. Measured on the independent
    # evaluation set: coverage alone tied plain cosine; this blend beats it (see README, evidence).
    whole_weight: float = 0.25
    whole_low: float = 0.2
    whole_high: float = 0.8
    thresholds: dict[str, float] = field(default_factory=dict)  # per-behaviour overrides of the heads' own


@dataclass(frozen=True)
class Judged:
    features: dict[str, float]
    result: ScoreResult


def judge(
    pack: LanguagePack,
    item: ScoreInput,
    points: list[str],
    point_vecs: Vectors,
    units: list[Span],
    unit_vecs: Vectors,
    whole_similarity: float,
    prototypes: dict[str, Vectors],
    calibration: Calibration,
    heads: Heads,
    config: ScorerConfig,
    encoder_name: str,
) -> Judged:
    if len(units):
        proto_sims = {
            name: calibration(sims) for name, sims in prototype_similarities(unit_vecs, prototypes).items()
        }
    else:
        proto_sims = {name: np.zeros(0, dtype=np.float32) for name in prototypes}
    parrot_share = copied_share(item.client_message, item.response)
    features = reply_features(pack, item.response, proto_sims, parrot_share)

    dismissal = heads.predict("dismissal", features)
    dismissing = (
        dismissing_units(pack, units, proto_sims, config.dismissal_bar)
        if dismissal >= threshold(heads, config, "dismissal", item)
        else set()
    )
    coverage = judge_points(
        pack, points, point_vecs, units, unit_vecs, dismissing, config.coverage, calibration
    )
    features.update(
        coverage=coverage.credit,
        best_similarity=coverage.best_similarity,
        contradiction=coverage.contradiction,
    )

    behaviours = {name: round(heads.predict(name, features), 4) for name in BEHAVIOURS}
    flags = [name for name in BEHAVIOURS if behaviours[name] >= threshold(heads, config, name, item)]
    understanding = _understanding(config, coverage.credit, coverage.contradiction, dismissal, behaviours)
    whole = ramp(whole_similarity, config.whole_low, config.whole_high)
    # Topical closeness is no credit for a reply that contradicts or plays down what the client said.
    whole *= (1 - config.contradiction_weight * coverage.contradiction) * (
        1 - config.dismissal_weight * dismissal
    )
    understanding = (1 - config.whole_weight) * understanding + config.whole_weight * whole
    parroting = parrot_share >= config.parroting
    depth = _depth(heads, features, flags, coverage.credit)
    result = ScoreResult(
        understanding=round(understanding, 4),
        key_points=coverage.points,
        parroting=parroting,
        parroting_score=round(parrot_share, 4),
        depth=depth,
        behaviours=behaviours,
        flags=flags,
        contradiction=round(coverage.contradiction, 4),
        dismissal=round(dismissal, 4),
        commitments=_commitments(pack, item.response) if "commitment" in flags else [],
        feedback=coaching(coverage.points, flags, parroting, depth),
        model={
            "encoder": encoder_name,
            "heads": heads.version,
            "language": pack.code,
            "support": pack.support,
        },
    )
    return Judged(features, result)


def _understanding(
    config: ScorerConfig, credit: float, contradiction: float, dismissal: float, behaviours: dict[str, float]
) -> float:
    """Coverage credit, less what dismissing, contradicting and acting-instead-of-retelling cost."""
    understanding = credit * (1 - config.dismissal_weight * dismissal)
    understanding = max(0.0, min(1.0, understanding - config.contradiction_weight * contradiction))
    acting = max(behaviours["rebuttal"], behaviours["premature_solution"], behaviours["self_focus"])
    return understanding * (1 - config.acting_weight * acting * (1 - behaviours["retelling"]))


def threshold(heads: Heads, config: ScorerConfig, name: str, item: ScoreInput | None = None) -> float:
    own = dict(item.thresholds) if item is not None else {}
    return own.get(name, config.thresholds.get(name, heads.heads[name].threshold))


def _depth(heads: Heads, features: dict[str, float], flags: list[str], credit: float) -> str:
    if "retelling" not in flags and "emotion_label" not in flags and credit < 0.3:
        return "none"
    complex_score = heads.predict("complex", features)
    return "complex" if complex_score >= 0.5 or "emotion_label" in flags else "simple"


def _commitments(pack: LanguagePack, response: str) -> list[Commitment]:
    found = []
    for sentence in sentences(response):
        if cue_count(pack, "commitment", sentence.text):
            when = pack.cues["time"].search(sentence.text)
            found.append(Commitment(sentence.text, when.group(0) if when else None))
    return found
