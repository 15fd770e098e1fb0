"""A scenario's own regression test: do its exemplar replies get judged the way the trainer labelled them?"""

from __future__ import annotations

from dataclasses import dataclass

from practice.scenarios.model import Beat, Exemplar, Scenario
from practice.scoring.limits import INPUTS_PER_CALL
from practice.scoring.ports import Scorer
from practice.scoring.results import ScoreInput, ScoreResult
from practice.simulation.judge import classify, score_input


@dataclass(frozen=True)
class ExemplarVerdict:
    scenario: str
    beat: str
    exemplar: Exemplar
    judged: str  # how the simulator would read it: understood, partly, missed, rebutted, premature_solution, parrot
    passed: bool
    result: ScoreResult


def beat_input(scenario: Scenario, beat: Beat, reply: str) -> ScoreInput:
    return score_input(scenario, beat.client, reply, beat.key_points)


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
    inputs = [beat_input(scenario, beat, ex.reply) for beat, ex in pairs]
    step = INPUTS_PER_CALL  # a scenario may hold hundreds of exemplars: a scoring call takes only so many
    results = [r for i in range(0, len(inputs), step) for r in scorer.score_many(inputs[i : i + step])]
    verdicts = []
    for (beat, exemplar), result in zip(pairs, results, strict=True):
        judged = "parrot" if result.parroting else classify(scenario, result, solutions_welcome=False)
        verdicts.append(
            ExemplarVerdict(scenario.id, beat.id, exemplar, judged, expected(exemplar.label, judged), result)
        )
    return verdicts
