"""A scenario's own regression test: do its exemplar replies get judged the way the trainer labelled them?"""

from __future__ import annotations

from dataclasses import dataclass

from practice.scenarios.model import Beat, Exemplar, Scenario
from practice.scoring.ports import Scorer
from practice.scoring.results import ScoreInput, ScoreResult
from practice.simulation.simulator import classify


@dataclass(frozen=True)
class ExemplarVerdict:
    scenario: str
    beat: str
    exemplar: Exemplar
    judged: str  # how the simulator would read it: understood, partly, missed, rebutted, premature_solution, parrot
    passed: bool
    result: ScoreResult


def beat_input(scenario: Scenario, beat: Beat, reply: str) -> ScoreInput:
    return ScoreInput(
        beat.client,
        reply,
        tuple(p.text for p in beat.key_points),
        scenario.language,
        tuple(sorted(scenario.scoring.thresholds.items())),
        frozenset(i for i, p in enumerate(beat.key_points) if p.layer == "feelings"),
    )


def expected(label: str, judged: str) -> bool:
    return {
        "good_retell": judged == "understood",
        "parrot": judged == "parrot",
        "rebuttal": judged == "rebutted",
        "premature_solution": judged == "premature_solution",
        "other": judged not in ("understood", "parrot"),
    }[label]


def check_scenario(scenario: Scenario, scorer: Scorer) -> list[ExemplarVerdict]:
    pairs = [(beat, ex) for beat in scenario.beats for ex in beat.exemplars]
    results = scorer.score_many([beat_input(scenario, beat, ex.reply) for beat, ex in pairs])
    verdicts = []
    for (beat, exemplar), result in zip(pairs, results, strict=True):
        judged = "parrot" if result.parroting else classify(scenario, result, solutions_welcome=False)
        verdicts.append(
            ExemplarVerdict(scenario.id, beat.id, exemplar, judged, expected(exemplar.label, judged), result)
        )
    return verdicts
