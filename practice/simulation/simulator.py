"""Choosing the client's next message: the same reply in the same state always gives the same result."""

from __future__ import annotations

from practice.scenarios.model import Beat, Scenario
from practice.scoring.results import ScoreResult
from practice.simulation.state import ClientTurn, SessionState

PARTLY_ATTEMPTS = 2  # after this many partial retells the client moves on, and keeps hidden concerns back


def start(scenario: Scenario) -> tuple[SessionState, ClientTurn | None]:
    """A new session; the client's opening message, or None where the trainee must open the conversation."""
    t = scenario.temperature.start
    state = SessionState(scenario.id, scenario.version, temperature=t, history=(t,))
    if scenario.opening == "trainee":
        return state, None
    return state, ClientTurn(scenario.beats[0].client, t, None, "listening")


def current_beat(scenario: Scenario, state: SessionState) -> Beat:
    return scenario.beats[min(state.beat, len(scenario.beats) - 1)]


def classify(scenario: Scenario, score: ScoreResult, solutions_welcome: bool) -> str:
    """How a reply landed: rebutted, premature_solution, understood, partly or missed."""
    if "rebuttal" in score.flags or score.contradiction >= 0.5 or score.dismissal >= 0.5:
        return "rebutted"
    if "premature_solution" in score.flags and not solutions_welcome:
        return "premature_solution"
    if score.understanding >= scenario.scoring.understood_at:
        return "understood"
    if score.understanding >= scenario.scoring.partly_at:
        return "partly"
    return "missed"


def step(scenario: Scenario, state: SessionState, score: ScoreResult) -> tuple[SessionState, ClientTurn]:
    """The trainee replied (and was scored); the client answers."""
    if state.phase == "ended":
        raise SessionOver(state.ending or "ended")
    state = state.evolve(
        turns=state.turns + 1, commitments=state.commitments + tuple(c.text for c in score.commitments)
    )
    if scenario.opening == "trainee" and state.turns == 1:
        return _say(state, scenario.beats[0].client, "opening", scenario)
    if state.phase == "closing":
        return _closing(scenario, state, score)
    return _listening(scenario, state, score)


class SessionOver(RuntimeError):
    def __init__(self, ending: str) -> None:
        super().__init__(f"the session has ended ({ending})")
        self.ending = ending


def _listening(
    scenario: Scenario, state: SessionState, score: ScoreResult
) -> tuple[SessionState, ClientTurn]:
    beat = current_beat(scenario, state)
    outcome = classify(scenario, score, solutions_welcome=False)
    state = _warm(scenario, state, outcome, score)
    if state.temperature >= scenario.temperature.walk_out:
        return _end(scenario, state, "walked_out", outcome)
    reaction = getattr(beat.reactions, outcome) or _level_line(scenario, state.temperature)
    exhausted = state.beat >= len(scenario.beats)
    if outcome == "understood" and not exhausted:
        state = state.evolve(understood=(*state.understood, beat.id))
        return _advance(scenario, state, reaction, outcome, allow_hidden=True)
    if outcome == "partly" and not exhausted and state.attempts + 1 >= PARTLY_ATTEMPTS:
        return _advance(scenario, state, reaction, outcome, allow_hidden=False)
    if exhausted and state.temperature <= scenario.temperature.calm:
        return _say(state.evolve(phase="closing"), f"{reaction} {scenario.close.client}", outcome, scenario)
    return _say(state.evolve(attempts=state.attempts + 1), reaction, outcome, scenario)


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
        turn_state, turn = _say(state, f"{reaction} {beat.client}", outcome, scenario)
        return turn_state, ClientTurn(
            turn.text, turn.temperature, outcome, "listening", None, beat.id if beat.hidden else None
        )
    if state.temperature <= scenario.temperature.calm:
        return _say(state.evolve(phase="closing"), f"{reaction} {scenario.close.client}", outcome, scenario)
    return _say(state, f"{reaction} {_level_line(scenario, state.temperature)}", outcome, scenario)


def _closing(scenario: Scenario, state: SessionState, score: ScoreResult) -> tuple[SessionState, ClientTurn]:
    outcome = classify(scenario, score, solutions_welcome=True)
    if outcome == "rebutted":
        state = _warm(scenario, state, outcome, score)
        if state.temperature >= scenario.temperature.walk_out:
            return _end(scenario, state, "walked_out", outcome)
        return _say(state, _level_line(scenario, state.temperature), outcome, scenario)
    proposes = "premature_solution" in score.flags or "commitment" in score.flags
    if proposes and (state.asked_future or "commitment" in score.flags):
        return _end(scenario, state, "resolved", "proposal")
    if "open_question" in score.flags:
        return _say(state.evolve(asked_future=True), scenario.close.wants, "future", scenario)
    if proposes:
        return _end(scenario, state, "resolved", "proposal")
    return _say(state, scenario.close.client, outcome, scenario)


def _warm(scenario: Scenario, state: SessionState, outcome: str, score: ScoreResult) -> SessionState:
    effects = scenario.temperature.effects
    delta = effects.get(outcome, 0)
    delta += sum(effects.get(flag, 0) for flag in score.flags if flag != outcome)
    delta += effects.get("parroting", 0) if score.parroting else 0
    return state.evolve(temperature=max(0, min(100, state.temperature + delta)))


def _say(state: SessionState, text: str, outcome: str, scenario: Scenario) -> tuple[SessionState, ClientTurn]:
    if state.phase != "ended" and state.turns >= scenario.max_turns:
        return _end(scenario, state, "out_of_turns", outcome)
    state = state.evolve(history=(*state.history, state.temperature))
    return state, ClientTurn(text.strip(), state.temperature, outcome, state.phase)


def _end(
    scenario: Scenario, state: SessionState, ending: str, outcome: str
) -> tuple[SessionState, ClientTurn]:
    text = {
        "resolved": scenario.close.resolved,
        "walked_out": scenario.close.walked_out,
        "out_of_turns": scenario.close.out_of_turns,
    }[ending]
    state = state.evolve(phase="ended", ending=ending, history=(*state.history, state.temperature))
    return state, ClientTurn(text, state.temperature, outcome, "ended", ending)  # type: ignore[arg-type]


def _level_line(scenario: Scenario, temperature: int) -> str:
    lines = sorted(scenario.temperature.lines, key=lambda line: line.at_least, reverse=True)
    return next((line.text for line in lines if temperature >= line.at_least), "Go on.")
