"""The simulated client as a state machine: temperature, reveals, endings, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.scenarios.loader import load_scenario_file
from practice.scenarios.model import Scenario
from practice.simulation.simulator import SessionOver, classify, start, step
from practice.simulation.state import SessionState
from tests.fakes import fake_result

SCENARIO = load_scenario_file(Path(__file__).parents[2] / "scenarios" / "missed-delivery.yaml")
UNDERSTOOD = fake_result(0.8, ("retelling", "emotion_label"))
PARTLY = fake_result(0.4, ("retelling",))
REBUTTAL = fake_result(0.2, ("rebuttal",))
FIX = fake_result(0.1, ("premature_solution",))
FUTURE = fake_result(0.2, ("open_question",))
PROMISE = fake_result(0.2, ("commitment",), commitments=("I'll call you by 5pm today.",))


def play(scenario: Scenario, *results):  # type: ignore[no-untyped-def]
    state, _ = start(scenario)
    turns = []
    for result in results:
        state, turn = step(scenario, state, result)
        turns.append(turn)
    return state, turns


def test_start_gives_the_first_beat_at_the_start_temperature() -> None:
    state, turn = start(SCENARIO)
    assert turn is not None and turn.text == SCENARIO.beats[0].client
    assert state.temperature == SCENARIO.temperature.start == 75
    assert state.history == (75,)


def test_classify_orders_rebuttal_before_fix_before_understanding() -> None:
    assert classify(SCENARIO, fake_result(0.9, ("rebuttal", "premature_solution")), False) == "rebutted"
    assert classify(SCENARIO, fake_result(0.9, contradiction=0.8), False) == "rebutted"
    assert classify(SCENARIO, fake_result(0.9, dismissal=0.7), False) == "rebutted"
    assert classify(SCENARIO, fake_result(0.9, ("premature_solution",)), False) == "premature_solution"
    assert classify(SCENARIO, fake_result(0.9, ("premature_solution",)), True) == "understood"
    assert classify(SCENARIO, fake_result(0.4), False) == "partly"
    assert classify(SCENARIO, fake_result(0.1), False) == "missed"


def test_understanding_cools_the_client_and_reveals_the_hidden_concern() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD)
    # understood -20, emotion label -5
    assert state.temperature == 50
    assert turns[0].revealed == "the-embarrassment"
    assert SCENARIO.beats[1].client.split(".")[0] in turns[0].text
    assert state.revealed == ("the-embarrassment",) and state.understood == ("the-delay",)


def test_partial_retells_move_on_but_keep_the_hidden_concern_back() -> None:
    state, turns = play(SCENARIO, PARTLY, PARTLY)
    assert turns[0].outcome == "partly" and state.beat == 2
    assert state.revealed == ()
    assert SCENARIO.beats[2].client.split(".")[0] in turns[1].text


def test_rebuttals_escalate_until_the_client_walks_out() -> None:
    state, turns = play(SCENARIO, REBUTTAL)
    assert state.temperature == 95 and turns[0].text == SCENARIO.beats[0].reactions.rebutted
    state, turns = play(SCENARIO, REBUTTAL, REBUTTAL)
    assert state.phase == "ended" and state.ending == "walked_out"
    assert turns[-1].text == SCENARIO.close.walked_out
    with pytest.raises(SessionOver):
        step(SCENARIO, state, UNDERSTOOD)


def test_a_fix_before_understanding_is_premature() -> None:
    state, turns = play(SCENARIO, FIX)
    assert turns[0].outcome == "premature_solution"
    assert turns[0].text == SCENARIO.beats[0].reactions.premature_solution
    assert state.beat == 0 and state.temperature == 85


def test_the_full_arc_resolves_with_a_future_question_and_a_commitment() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, FUTURE, PROMISE)
    assert [t.phase for t in turns] == ["listening", "listening", "closing", "closing", "ended"]
    assert SCENARIO.close.client in turns[2].text
    assert turns[3].text == SCENARIO.close.wants
    assert state.ending == "resolved" and turns[-1].text == SCENARIO.close.resolved
    assert state.commitments == ("I'll call you by 5pm today.",)
    assert state.history == (75, 50, 25, 0, 0, 0)


def _with_temperature(**changes: object) -> Scenario:
    effects = {**SCENARIO.temperature.effects, **changes.pop("effects", {})}  # type: ignore[dict-item]
    temperature = SCENARIO.temperature.model_copy(update={**changes, "effects": effects})
    return SCENARIO.model_copy(update={"temperature": temperature})


def test_still_hot_after_the_last_beat_means_no_close_until_it_cools() -> None:
    slow = _with_temperature(calm=30, effects={"understood": -5})
    state, turns = play(slow, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD)
    assert (state.phase, state.beat, state.temperature) == ("listening", 3, 45)
    assert turns[-1].text.endswith("Okay. Go on.")  # the level line for 45
    state, turns = play(slow, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD)
    assert state.phase == "closing" and slow.close.client in turns[-1].text


def test_out_of_turns() -> None:
    neutral = _with_temperature(effects={"missed": 0})
    state, turns = play(neutral, *[fake_result(0.1)] * neutral.max_turns)
    assert state.ending == "out_of_turns" and turns[-1].text == neutral.close.out_of_turns
    assert len(turns) == neutral.max_turns and state.temperature == neutral.temperature.start


def test_same_reply_in_same_state_gives_the_same_result_and_state_round_trips() -> None:
    state, _ = play(SCENARIO, PARTLY, UNDERSTOOD)
    restored = SessionState.from_json(state.to_json())
    assert restored == state
    assert step(SCENARIO, restored, UNDERSTOOD) == step(SCENARIO, state, UNDERSTOOD)
