"""The simulated client as a state machine: temperature, reveals, corrections, variants, wants, endings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from practice.scenarios.loader import load_scenario_file
from practice.scenarios.model import Announcement, KeyPoint, Scenario, Temperature
from practice.scoring.results import ScoreResult
from practice.simulation.judge import read
from practice.simulation.simulator import SessionOver, start, step
from practice.simulation.state import ClientTurn, SessionState
from tests.fakes import fake_result, overlap_similarity

SCENARIO = load_scenario_file(Path(__file__).parent / "data" / "unit-tracking.yaml")
UNDERSTOOD = fake_result(0.8, ("retelling", "emotion_label"), points="cc")
PARTLY = fake_result(0.4, ("retelling",), points="mc")
MISSED = fake_result(0.1, points="mm")
REBUTTAL = fake_result(0.2, ("rebuttal",), points="mm")
FIX = fake_result(0.1, ("premature_solution",), points="mm")
FUTURE = fake_result(0.2, ("open_question",), points="mm")
FLOWERS = fake_result(0.1, ("commitment",), commitments=("I'll send flowers.",), points="mm")
CALL = fake_result(0.2, ("commitment",), commitments=("I'll call before any delay.",), points="cm")
PARTS = fake_result(0.2, ("commitment",), commitments=("The parts will be there Friday.",), points="mc")


def play(
    scenario: Scenario, *moves: ScoreResult | tuple[str, ScoreResult]
) -> tuple[SessionState, list[ClientTurn]]:
    """Play results (optionally with the reply text the client answers) from the start."""
    state, _ = start(scenario)
    turns = []
    for move in moves:
        reply, result = move if isinstance(move, tuple) else ("a reply", move)
        state, turn = step(scenario, state, reply, read(scenario, state, [result]), overlap_similarity)
        turns.append(turn)
    return state, turns


def test_start_gives_the_first_beat_at_the_start_temperature() -> None:
    state, turn = start(SCENARIO)
    assert turn is not None and turn.text == "The order came a week late. And nobody called me to warn me."
    assert (state.temperature, state.history, state.last_line) == (70, (70,), turn.text)


def test_understanding_cools_the_client_and_reveals_the_hidden_concern() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD)
    assert state.temperature == 50  # understood -15, emotion label -5
    assert turns[0].text == "Yes, that's it. And I looked a fool in front of my boss."
    assert turns[0].revealed == "hidden"
    assert state.revealed == ("hidden",) and state.understood == ("late",)


def test_a_partial_retell_missing_the_centre_hears_it_again_then_the_client_moves_on() -> None:
    state, turns = play(SCENARIO, PARTLY, PARTLY)
    assert turns[0].text == "Partly. A week. The order was a whole week late."
    # It moves on, the hidden beat kept back; "Partly." was just said, so the level line stands in for it.
    assert turns[1].text == "I'm still annoyed. I don't know if I can rely on you now."
    assert (state.beat, state.revealed, state.temperature) == (2, (), 60)


def test_a_missed_centre_comes_back_and_never_in_the_same_words_twice_in_a_row() -> None:
    state, turns = play(SCENARIO, MISSED, MISSED, MISSED)
    assert [t.text for t in turns] == [
        "A week. The order was a whole week late.",
        "Let me say it again. The order came a week late.",
        "A week. The order was a whole week late.",
    ]
    assert state.history == (70, 75, 80, 85)


def test_a_missed_reply_that_got_the_centre_hears_the_missed_reaction() -> None:
    _, turns = play(SCENARIO, fake_result(0.1, points="cm"))
    assert turns[0].text == "Are you even listening?"


def test_a_contradicted_point_is_corrected_in_words_that_name_it() -> None:
    state, turns = play(SCENARIO, fake_result(0.3, contradiction=0.8, points="xc"))
    assert turns[0].outcome == "rebutted" and turns[0].text == "Not two days. A week."
    assert state.temperature == 90
    built = SCENARIO.model_copy(deep=True)
    built.beats[0].key_points[1] = KeyPoint(text="Nobody called to warn them")
    _, turns = play(built, fake_result(0.3, contradiction=0.8, points="cx"))
    assert turns[0].text == "No, that's not what I said. And nobody called me to warn me."


def test_the_reaction_variant_closest_to_the_reply_is_said() -> None:
    _, turns = play(SCENARIO, ("The courier lost it, not us.", REBUTTAL))
    assert turns[0].text == "Don't blame the courier; you're the supplier."
    _, turns = play(SCENARIO, ("Actually that is simply untrue.", REBUTTAL))
    assert turns[0].text == "Don't argue with me."  # nothing close: the neutral variant
    _, turns = play(SCENARIO, ("I'll send you a weekly report.", FIX))
    assert turns[0].text == "Reports won't help if nobody reads them."


def test_a_line_that_presupposes_a_word_is_said_only_when_the_reply_mentioned_it() -> None:
    # Close to "offers reports or a new process" by its words, but no report was offered.
    _, turns = play(SCENARIO, ("I'll set up a new process.", FIX))
    assert turns[0].text == "Slow down, you haven't heard me yet."


def test_the_same_reaction_is_not_said_twice_in_a_row() -> None:
    patient = SCENARIO.model_copy(
        update={"temperature": SCENARIO.temperature.model_copy(update={"effects": {"premature_solution": 0}})}
    )
    reply = ("I can offer a discount, money off the order.", FIX)
    _, turns = play(patient, reply, reply, reply)
    assert [t.text for t in turns] == [
        "Money off won't fix this.",
        "Slow down, you haven't heard me yet.",
        "Money off won't fix this.",
    ]


def test_rebuttals_escalate_until_the_client_walks_out() -> None:
    state, turns = play(SCENARIO, REBUTTAL, REBUTTAL)
    assert state.history == (70, 90, 100) and state.ending == "walked_out"
    assert turns[-1].text == "I'm done." and turns[-1].phase == "ended"
    with pytest.raises(SessionOver):
        play(SCENARIO, REBUTTAL, REBUTTAL, UNDERSTOOD)


def test_a_fix_before_understanding_is_premature_and_warms_the_client() -> None:
    state, turns = play(SCENARIO, FIX)
    assert turns[0].outcome == "premature_solution"
    assert (state.beat, state.temperature) == (0, 80)


def _to_closing() -> tuple[SessionState, list[ClientTurn]]:
    return play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD)


def test_after_the_last_beat_a_calm_client_asks_what_happens_next() -> None:
    state, turns = _to_closing()
    assert (state.phase, state.temperature) == ("closing", 10)
    assert turns[-1].text == "Right. So what happens now?"


def test_an_irrelevant_promise_does_not_resolve_and_the_client_says_so() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, FLOWERS)
    assert turns[-1].outcome == "irrelevant" and state.phase == "closing"
    assert turns[-1].text == "Flowers? That's not what I asked for."


def test_a_commitment_resolves_only_once_it_covers_every_want() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, FUTURE, PARTS, CALL)
    assert turns[3].text == "A call before any delay, and the missing parts by Friday."
    assert turns[4].text == "And you'll call me before a delay, not after?"
    assert state.ending == "resolved" and turns[-1].text == "Good. Let's do that."
    assert state.wants_covered == (0, 1)
    assert state.commitments == ("The parts will be there Friday.", "I'll call before any delay.")
    assert state.history == (70, 50, 30, 10, 10, 10, 10)


def test_a_want_without_an_authored_line_is_asked_for_in_words_built_from_it() -> None:
    _, turns = play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, CALL)
    assert turns[-1].text == "That's a start. And what about this: the missing parts delivered by Friday?"


def test_arguing_in_the_closing_warms_the_client_again() -> None:
    state, turns = play(SCENARIO, UNDERSTOOD, UNDERSTOOD, UNDERSTOOD, REBUTTAL)
    assert (state.temperature, state.phase) == (30, "closing")
    assert turns[-1].text == "Okay." and turns[-1].outcome == "rebutted"


def test_the_trainee_opening_is_answered_with_the_first_beat() -> None:
    opened = SCENARIO.model_copy(
        update={
            "opening": "trainee",
            "announcement": Announcement(points=[KeyPoint(text="Prices rise 8%")], how="Say it plainly."),
        }
    )
    state, first = start(opened)
    assert first is None and state.last_line == ""
    state, turns = play(opened, fake_result(0.1, ("premature_solution",), points="c"))
    assert turns[0].outcome == "opening" and turns[0].text == opened.beats[0].client
    assert (state.beat, state.temperature, state.turns) == (0, 70, 1)


def test_out_of_turns() -> None:
    calm = SCENARIO.model_copy(
        update={"temperature": SCENARIO.temperature.model_copy(update={"effects": {"missed": 0}})}
    )
    state, turns = play(calm, *[fake_result(0.1, points="cm")] * calm.max_turns)
    assert state.ending == "out_of_turns" and turns[-1].text == "I have to go."
    assert len(turns) == 8 and state.temperature == 70


def test_same_reply_in_same_state_gives_the_same_result_and_state_round_trips() -> None:
    state, _ = play(SCENARIO, PARTLY, UNDERSTOOD)
    restored = SessionState.from_json(state.to_json())
    assert restored == state
    reading = read(SCENARIO, state, [UNDERSTOOD])
    assert step(SCENARIO, restored, "x", reading, overlap_similarity) == step(
        SCENARIO, state, "x", reading, overlap_similarity
    )


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (fake_result(0.8, points="cc"), 70 - 15),  # understood
        (fake_result(0.8, ("emotion_label",), points="cc"), 70 - 15 - 5),
        (fake_result(0.8, ("open_question",), points="cc"), 70 - 15 - 3),
        (fake_result(0.4, points="cm"), 70 - 5),  # partly
        (fake_result(0.1, points="cm"), 70 + 5),  # missed
        (fake_result(0.1, ("rebuttal",), points="cm"), 70 + 20),
        (fake_result(0.1, dismissal=0.7, points="cm"), 70 + 20),  # played down: lands as rebutted
        (fake_result(0.1, ("premature_solution",), points="cm"), 70 + 10),
        (fake_result(0.4, ("self_focus",), points="cm"), 70 - 5 + 8),
        (fake_result(0.4, ("small_talk",), points="cm"), 70 - 5),  # this scenario sets no small_talk effect
        (fake_result(0.4, parroting=True, points="cm"), 70 - 5 + 5),
        (fake_result(0.1, ("rebuttal", "premature_solution"), points="cm"), 70 + 20),  # one outcome, not both
    ],
)
def test_every_temperature_effect(result: ScoreResult, expected: int) -> None:
    state, _ = play(SCENARIO, result)
    assert state.temperature == expected


def test_a_behaviour_effect_the_scenario_leaves_out_comes_from_the_registry() -> None:
    defaults = SCENARIO.model_copy(
        update={"temperature": SCENARIO.temperature.model_copy(update={"effects": Temperature().effects})}
    )
    state, _ = play(defaults, fake_result(0.4, ("small_talk",), points="cm"))
    assert state.temperature == 70 - 5 + 3  # partly, and small talk's registry default


def test_the_clients_own_words_are_looked_up_only_when_no_written_line_will_do() -> None:
    asked: list[str] = []

    def counting(text: str, candidates: Sequence[str]) -> list[float]:
        asked.append(text)
        return overlap_similarity(text, candidates)

    state, _ = start(SCENARIO)
    state, turn = step(SCENARIO, state, "a reply", read(SCENARIO, state, [MISSED]), counting)
    assert turn.text == "A week. The order was a whole week late." and asked == []  # the authored insist line
    state, turn = step(SCENARIO, state, "a reply", read(SCENARIO, state, [MISSED]), counting)
    assert turn.text.startswith("Let me say it again.") and asked == ["The order came a week late"]
