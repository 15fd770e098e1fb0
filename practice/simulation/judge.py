"""Judging a reply in its conversation: against what the client just said, the beat, and the phase.

- Listening: the reply is scored against the beat (its message and key points) and, when the client has said
  something else since, against those latest words with the same key points; the better reading counts.
- The trainee's opening: scored against the announcement's points, never against points the client has not said.
- Once solutions are welcome: a commitment is judged against what the client asked for (the want points).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from practice.scenarios.model import KeyPoint, Scenario
from practice.scoring.feedback import coaching
from practice.scoring.lang import get_pack
from practice.scoring.ports import Scorer
from practice.scoring.results import ScoreInput, ScoreResult
from practice.simulation.coaching import phase_feedback
from practice.simulation.lines import central
from practice.simulation.state import SessionState


@dataclass(frozen=True)
class Reading:
    result: ScoreResult  # the score as it counts, its feedback fitted to the phase
    outcome: str
    against: str  # beat | latest | announcement | wants
    covered: tuple[int, ...] = ()  # in closing: want points this reply covers


def classify(scenario: Scenario, score: ScoreResult, solutions_welcome: bool = False) -> str:
    """How a listening reply landed: rebutted, premature_solution, understood, partly or missed."""
    if "rebuttal" in score.flags or score.contradiction >= 0.5 or score.dismissal >= 0.5:
        return "rebutted"
    if "premature_solution" in score.flags and not solutions_welcome:
        return "premature_solution"
    if score.understanding >= scenario.scoring.understood_at:
        return "understood"
    if score.understanding >= scenario.scoring.partly_at:
        return "partly"
    return "missed"


def proposes(score: ScoreResult) -> bool:
    return bool(score.commitments) or "commitment" in score.flags or "premature_solution" in score.flags


def score_input(scenario: Scenario, client: str, reply: str, points: list[KeyPoint]) -> ScoreInput:
    """What the scorer reads for a reply to `client`, judged against `points` with the scenario's settings."""
    return ScoreInput(
        client,
        reply,
        tuple(p.text for p in points) or None,
        scenario.language,
        tuple(sorted(scenario.scoring.thresholds.items())),
        frozenset(i for i, p in enumerate(points) if p.layer == "feelings"),
    )


def inputs(scenario: Scenario, state: SessionState, latest: str, reply: str) -> list[ScoreInput]:
    """What to score: one reading per thing the reply may be answering."""
    if scenario.announcement and _trainee_opens(scenario, state):
        return [score_input(scenario, scenario.situation, reply, scenario.announcement.points)]
    if state.phase == "closing":
        return [score_input(scenario, latest, reply, scenario.close.want_points)]
    beat = scenario.beats[min(state.beat, len(scenario.beats) - 1)]
    readings = [score_input(scenario, beat.client, reply, beat.key_points)]
    if latest.strip() and latest.strip() != beat.client.strip():
        readings.append(score_input(scenario, latest, reply, beat.key_points))
    return readings


def read(scenario: Scenario, state: SessionState, results: list[ScoreResult]) -> Reading:
    """The reading that counts, from the scores of `inputs` in the same order."""
    if scenario.announcement and _trainee_opens(scenario, state):
        result = results[0]
        points = scenario.announcement.points
        missing = [points[i].text for i, p in enumerate(result.key_points[: len(points)]) if not p.captured]
        return Reading(_fit(scenario, result, "opening", missing), "opening", "announcement")
    if state.phase == "closing":
        return _closing(scenario, state, results[0])
    best = max(range(len(results)), key=lambda i: (results[i].understanding, -i))
    result = results[best]
    outcome = classify(scenario, result)
    return Reading(
        _agree(scenario, beat_points(scenario, state), result, outcome), outcome, "latest" if best else "beat"
    )


def judge(scenario: Scenario, state: SessionState, latest: str, reply: str, scorer: Scorer) -> Reading:
    return read(scenario, state, scorer.score_many(inputs(scenario, state, latest, reply)))


def _closing(scenario: Scenario, state: SessionState, result: ScoreResult) -> Reading:
    covered = tuple(i for i, p in enumerate(result.key_points) if p.captured and not p.contradicted)
    if not scenario.close.want_points:
        covered = ()
    if classify(scenario, result, solutions_welcome=True) == "rebutted":
        outcome = "rebutted"
    elif "open_question" in result.flags and not result.commitments:
        outcome = "future"  # "what would it take?" can read as a fix; here it is the question wanted
    elif proposes(result):
        outcome = "irrelevant" if scenario.close.want_points and not covered else "proposal"
    else:
        outcome = "missed"
    if outcome != "proposal":
        covered = ()  # only a commitment covers a want; an explanation or a question promises nothing yet
    done = {*state.wants_covered, *covered}
    still = [p.text for i, p in enumerate(scenario.close.want_points) if i not in done]
    if outcome == "rebutted":
        return Reading(result, outcome, "wants", covered)
    return Reading(_fit(scenario, result, outcome, still), outcome, "wants", covered)


def _trainee_opens(scenario: Scenario, state: SessionState) -> bool:
    """This reply is the trainee's opening of a conversation they start."""
    return scenario.opening == "trainee" and state.turns == 0


def beat_points(scenario: Scenario, state: SessionState) -> list[KeyPoint]:
    return scenario.beats[min(state.beat, len(scenario.beats) - 1)].key_points


def _agree(scenario: Scenario, points: list[KeyPoint], result: ScoreResult, outcome: str) -> ScoreResult:
    """Coaching that agrees with how the reply landed: a reply the client takes as understood is never told it
    missed what matters, one the client does not take as understood is never called strong listening, and a
    missed central point is the one named."""
    texts = get_pack(scenario.language).coaching
    if outcome == "understood":
        return replace(result, feedback=coaching([], result.flags, result.parroting, result.depth, texts))
    if outcome not in ("partly", "missed"):
        return result
    centre = central(points)
    if centre < len(result.key_points) and not result.key_points[centre].captured:
        missed = [replace(result.key_points[centre], text=points[centre].text)]
        return replace(result, feedback=coaching(missed, result.flags, result.parroting, result.depth, texts))
    if all(p.captured for p in result.key_points):
        return replace(result, feedback=phase_feedback(scenario.language, "not_heard", []))
    return result


def _fit(scenario: Scenario, result: ScoreResult, outcome: str, open_points: list[str]) -> ScoreResult:
    """The score as coached in this phase: once solutions are welcome, or in the trainee's own opening, putting
    a way forward is no premature fix, so that flag goes and the coaching speaks to the phase."""
    flags = [f for f in result.flags if f != "premature_solution"]
    return replace(result, flags=flags, feedback=phase_feedback(scenario.language, outcome, open_points))
