"""Judging one encoded reply: coverage, contradiction, dismissal, behaviours, depth, commitments, feedback."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from practice.scoring.behaviours import BEHAVIOURS, behaviour
from practice.scoring.calibration import Calibration
from practice.scoring.cues import cue_count
from practice.scoring.feedback import coaching
from practice.scoring.heads import CONTRADICTION, GRADES
from practice.scoring.lang import LanguagePack
from practice.scoring.ports import Vectors
from practice.scoring.results import Commitment, KeyPointResult, ScoreInput, ScoreResult, Span
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
    # Share of understanding that rests on key-point coverage: the learned judgement of the whole reply is
    # scaled by it, so a retell that covers the client's points keeps full credit and one that covers none keeps
    # the rest. Multiplying rather than adding keeps a question or a fix that quotes the client's words from
    # earning retell credit (added, coverage cost 0.06 AUC on real reflections).
    coverage_weight: float = 0.15
    thresholds: dict[str, float] = field(default_factory=dict)  # per-behaviour overrides of the registry's


@dataclass(frozen=True)
class Encoded:
    """One input's texts after encoding: the client's points and the reply's units with their vectors."""

    points: list[str]
    point_vecs: Vectors
    units: list[Span]
    unit_vecs: Vectors
    proto_sims: dict[str, Vectors]  # per signal, each unit's best (calibrated) prototype cosine
    features: dict[str, float]  # the reply's named features
    outputs: dict[str, float]  # the heads' probabilities


def judge(
    pack: LanguagePack,
    item: ScoreInput,
    encoded: Encoded,
    calibration: Calibration,
    config: ScorerConfig,
    model: dict[str, str],
) -> ScoreResult:
    outputs = encoded.outputs
    behaviours = {name: round(outputs[name], 4) for name in BEHAVIOURS}
    flags = [name for name in BEHAVIOURS if behaviours[name] >= threshold(config, name, item)]
    dismissal = outputs["dismissal"]
    dismissing = _dismissing_units(pack, encoded, config.dismissal_bar) if "dismissal" in flags else set()
    feeling_unit = _feeling_unit(encoded) if "emotion_label" in flags else None
    coverage = judge_points(
        pack,
        encoded.points,
        encoded.point_vecs,
        encoded.units,
        encoded.unit_vecs,
        dismissing,
        config.coverage,
        calibration,
        feeling_unit,
        item.feeling_points if item.key_points else frozenset(),
    )
    # Contradiction: the lexicon's (a point's polarity flipped), or the head's (a retell that gets it wrong).
    # The head's suspicion costs only past its flag threshold (0.5), growing to full at certainty: below it, a
    # faithful retell the head is unsure of (it reads fluent one-fact flips too) kept too little understanding.
    head_cost = ramp(outputs[CONTRADICTION], 0.5, 1.0)
    contradiction = max(coverage.contradiction, head_cost)
    points = coverage.points
    # A point is coached as contradicted when the head is fairly sure (its cost at least half); a reply that
    # plays the point down is coached as a dismissal, not as a retell that got it wrong.
    head_only = head_cost >= 0.5 and "dismissal" not in flags
    if head_only and not any(p.contradicted for p in points) and points:
        points = _mark_contradicted(points)
    learned = learned_understanding(outputs)
    covered = _covered(config, coverage.credit, contradiction, dismissal, behaviours)
    understanding = learned * (1 - config.coverage_weight + config.coverage_weight * covered)
    # Whatever the heads think, a reply that contradicts or plays down what the client said loses credit.
    understanding *= (1 - config.contradiction_weight * contradiction) * (
        1 - config.dismissal_weight * dismissal
    )
    parrot_share = encoded.features["parroting"]
    parroting = parrot_share >= config.parroting
    depth = _depth(flags, coverage.credit, outputs)
    return ScoreResult(
        understanding=round(understanding, 4),
        key_points=points,
        parroting=parroting,
        parroting_score=round(parrot_share, 4),
        depth=depth,
        behaviours=behaviours,
        flags=flags,
        contradiction=round(contradiction, 4),
        dismissal=round(dismissal, 4),
        commitments=_commitments(pack, item.response) if "commitment" in flags else [],
        feedback=coaching(points, flags, parroting, depth, pack.coaching),
        model=model,
    )


def learned_understanding(outputs: dict[str, float]) -> float:
    """The heads' judgement: the expected understanding grade (0..1), gated by how likely the reply retells
    or reflects a feeling at all.

    The grade heads alone rank real replies poorly (restatements 0.70, reflections 0.66 AUC on the real dev
    set): they credit questions and advice that speak of the client's matter. The retelling and feeling heads
    tell those apart better, so a reply earns its grade only in so far as it retells or reflects.
    """
    grade = sum(outputs[g] for g in GRADES) / len(GRADES)
    return grade * max(outputs["retelling"], outputs["emotion_label"])


def _covered(
    config: ScorerConfig, credit: float, contradiction: float, dismissal: float, behaviours: dict[str, float]
) -> float:
    """Coverage credit, less what dismissing, contradicting and acting-instead-of-retelling cost."""
    understanding = credit * (1 - config.dismissal_weight * dismissal)
    understanding = max(0.0, min(1.0, understanding - config.contradiction_weight * contradiction))
    acting = max(behaviours["rebuttal"], behaviours["premature_solution"], behaviours["self_focus"])
    return understanding * (1 - config.acting_weight * acting * (1 - behaviours["retelling"]))


def _mark_contradicted(points: list[KeyPointResult]) -> list[KeyPointResult]:
    """The point the reply speaks of most closely is the one it gets wrong; it is no longer captured."""
    worst = max(range(len(points)), key=lambda i: points[i].similarity)
    return [replace(p, captured=False, contradicted=True) if i == worst else p for i, p in enumerate(points)]


def _dismissing_units(pack: LanguagePack, encoded: Encoded, bar: float) -> set[int]:
    sims = encoded.proto_sims["dismissal"]
    return {
        i for i, u in enumerate(encoded.units) if sims[i] >= bar or cue_count(pack, "dismissal", u.text) > 0
    }


def _feeling_unit(encoded: Encoded) -> int | None:
    """The stretch of the reply that names the feeling: nearest to the feeling-naming prototypes."""
    sims = encoded.proto_sims["emotion_label"]
    return int(np.argmax(sims)) if len(sims) else None


def threshold(config: ScorerConfig, name: str, item: ScoreInput | None = None) -> float:
    own = dict(item.thresholds) if item is not None else {}
    return own.get(name, config.thresholds.get(name, behaviour(name).threshold))


def _depth(flags: list[str], credit: float, outputs: dict[str, float]) -> str:
    if "retelling" not in flags and "emotion_label" not in flags and credit < 0.3:
        return "none"
    return "complex" if outputs[GRADES[2]] >= 0.5 or "emotion_label" in flags else "simple"


def _commitments(pack: LanguagePack, response: str) -> list[Commitment]:
    found = []
    for sentence in sentences(response):
        if cue_count(pack, "commitment", sentence.text):
            when = pack.cues["time"].search(sentence.text)
            found.append(Commitment(sentence.text, when.group(0) if when else None))
    return found
