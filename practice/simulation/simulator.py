"""Choosing the client's next message: the same reply in the same state always gives the same result.

The reply has been judged in its conversation (`judge`); here the client warms or cools, moves through the
beats, answers with the reaction variant closest to what was said, corrects a contradicted point, comes back to
a missed central point, and in the closing resolves only on a commitment that covers what it asked for.
"""

from __future__ import annotations

from practice.scenarios.model import OUTCOME_EFFECTS, Beat, Reactions, Scenario
from practice.simulation.judge import Reading
from practice.simulation.lines import (
    Similarity,
    central,
    correction_lines,
    first_new,
    insist_lines,
    level_line,
    variant_lines,
    want_lines,
)
from practice.simulation.state import ClientTurn, SessionState

PARTLY_ATTEMPTS = 2  # after this many partial retells the client moves on, and keeps hidden concerns back


def start(scenario: Scenario) -> tuple[SessionState, ClientTurn | None]:
    """A new session; the client's opening message, or None where the trainee must open the conversation."""
    t = scenario.temperature.start
    state = SessionState(scenario.id, scenario.version, temperature=t, history=(t,))
    if scenario.opening == "trainee":
        return state, None
    first = scenario.beats[0].client
    return state.evolve(last_line=first), ClientTurn(first, t, None, "listening")


def current_beat(scenario: Scenario, state: SessionState) -> Beat:
    return scenario.beats[min(state.beat, len(scenario.beats) - 1)]


class SessionOver(RuntimeError):
    def __init__(self, ending: str) -> None:
        super().__init__(f"the session has ended ({ending})")
        self.ending = ending


def step(
    scenario: Scenario, state: SessionState, reply: str, reading: Reading, similarity: Similarity
) -> tuple[SessionState, ClientTurn]:
    """The trainee replied (and the reply was judged); the client answers."""
    if state.phase == "ended":
        raise SessionOver(state.ending or "ended")
    commitments = tuple(c.text for c in reading.result.commitments)
    state = state.evolve(turns=state.turns + 1, commitments=state.commitments + commitments)
    if reading.outcome == "opening":
        return _say(scenario, state, scenario.beats[0].client, "opening")
    if state.phase == "closing":
        return _closing(scenario, state, reading)
    return _listening(scenario, state, reply, reading, similarity)


def _listening(
    scenario: Scenario, state: SessionState, reply: str, reading: Reading, similarity: Similarity
) -> tuple[SessionState, ClientTurn]:
    beat = current_beat(scenario, state)
    outcome = reading.outcome
    state = _warm(scenario, state, outcome, reading)
    if state.temperature >= scenario.temperature.walk_out:
        return _end(scenario, state, "walked_out", outcome)
    exhausted = state.beat >= len(scenario.beats)
    moves_on = outcome == "partly" and not exhausted and state.attempts + 1 >= PARTLY_ATTEMPTS
    reaction = _reaction(scenario, state, beat, reply, reading, similarity, insist=not moves_on)
    if outcome == "understood" and not exhausted:
        state = state.evolve(understood=(*state.understood, beat.id))
        return _advance(scenario, state, reaction, outcome, allow_hidden=True)
    if moves_on:
        return _advance(scenario, state, reaction, outcome, allow_hidden=False)
    if exhausted and state.temperature <= scenario.temperature.calm:
        return _say(scenario, state.evolve(phase="closing"), f"{reaction} {scenario.close.client}", outcome)
    return _say(scenario, state.evolve(attempts=state.attempts + 1), reaction, outcome)


def _reaction(
    scenario: Scenario,
    state: SessionState,
    beat: Beat,
    reply: str,
    reading: Reading,
    similarity: Similarity,
    insist: bool,
) -> str:
    """What the client says to this reply: a correction, a return to the missed centre, or a reaction."""
    language, outcome = scenario.language, reading.outcome
    level = level_line(scenario, state.temperature)
    wrong = [i for i, p in enumerate(reading.result.key_points) if p.contradicted]
    if wrong and outcome != "understood" and wrong[0] < len(beat.key_points):
        wrong_point = beat.key_points[wrong[0]]
        corrections = correction_lines(wrong_point, language, beat.client, similarity)
        return first_new(corrections, state.last_line, level)
    variants = getattr(beat.reactions, outcome, None) if outcome in Reactions.model_fields else None
    reacted = first_new(variant_lines(variants or [], reply, similarity), state.last_line, "")
    centre = central(beat.key_points)
    points = reading.result.key_points
    missed_centre = centre < len(points) and not points[centre].captured
    if insist and outcome in ("missed", "partly") and missed_centre:
        again = first_new(
            insist_lines(beat.key_points[centre], language, beat.client, similarity), state.last_line, ""
        )
        return " ".join(x for x in (reacted if outcome == "partly" else "", again) if x) or level
    return reacted or level


def _advance(
    scenario: Scenario, state: SessionState, reaction: str, outcome: str, allow_hidden: bool
) -> tuple[SessionState, ClientTurn]:
    nxt = state.beat + 1
    while not allow_hidden and nxt < len(scenario.beats) and scenario.beats[nxt].hidden:
        nxt += 1
    state = state.evolve(beat=nxt, attempts=0)
    if nxt < len(scenario.beats):
        beat = scenario.beats[nxt]
        if beat.hidden:
            state = state.evolve(revealed=(*state.revealed, beat.id))
        turn_state, turn = _say(scenario, state, f"{reaction} {beat.client}", outcome)
        return turn_state, ClientTurn(
            turn.text, turn.temperature, outcome, turn.phase, turn.ending, beat.id if beat.hidden else None
        )
    if state.temperature <= scenario.temperature.calm:
        return _say(scenario, state.evolve(phase="closing"), f"{reaction} {scenario.close.client}", outcome)
    return _say(scenario, state, f"{reaction} {level_line(scenario, state.temperature)}", outcome)


def _closing(scenario: Scenario, state: SessionState, reading: Reading) -> tuple[SessionState, ClientTurn]:
    outcome, close = reading.outcome, scenario.close
    level = level_line(scenario, state.temperature)
    if outcome == "rebutted":
        state = _warm(scenario, state, outcome, reading)
        if state.temperature >= scenario.temperature.walk_out:
            return _end(scenario, state, "walked_out", outcome)
        return _say(scenario, state, level_line(scenario, state.temperature), outcome)
    covered = tuple(sorted({*state.wants_covered, *reading.covered}))
    state = state.evolve(wants_covered=covered)
    if outcome == "proposal":
        still = [p for i, p in enumerate(close.want_points) if i not in covered]
        if not still:
            return _end(scenario, state, "resolved", outcome)
        return _say(
            scenario,
            state,
            first_new(want_lines(still[0], scenario.language), state.last_line, level),
            outcome,
        )
    if outcome == "irrelevant":
        return _say(
            scenario, state, first_new([close.irrelevant, close.wants], state.last_line, level), outcome
        )
    if outcome == "future":
        return _say(
            scenario,
            state.evolve(asked_future=True),
            first_new([close.wants], state.last_line, level),
            outcome,
        )
    return _say(scenario, state, first_new([close.client, close.wants], state.last_line, level), outcome)


def _warm(scenario: Scenario, state: SessionState, outcome: str, reading: Reading) -> SessionState:
    effects = scenario.temperature.effects
    delta = effects.get(outcome, 0)
    # Arguing and fixing too early count once, through how the reply landed; other behaviours add their own.
    delta += sum(effects.get(flag, 0) for flag in reading.result.flags if flag not in OUTCOME_EFFECTS)
    delta += effects.get("parroting", 0) if reading.result.parroting else 0
    return state.evolve(temperature=max(0, min(100, state.temperature + delta)))


def _say(scenario: Scenario, state: SessionState, text: str, outcome: str) -> tuple[SessionState, ClientTurn]:
    if state.turns >= scenario.max_turns:
        return _end(scenario, state, "out_of_turns", outcome)
    text = text.strip()
    state = state.evolve(history=(*state.history, state.temperature), last_line=text)
    return state, ClientTurn(text, state.temperature, outcome, state.phase)


def _end(
    scenario: Scenario, state: SessionState, ending: str, outcome: str
) -> tuple[SessionState, ClientTurn]:
    text = {
        "resolved": scenario.close.resolved,
        "walked_out": scenario.close.walked_out,
        "out_of_turns": scenario.close.out_of_turns,
    }[ending]
    state = state.evolve(
        phase="ended", ending=ending, history=(*state.history, state.temperature), last_line=text
    )
    return state, ClientTurn(text, state.temperature, outcome, "ended", ending)  # type: ignore[arg-type]
