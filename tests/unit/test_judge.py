"""Judging a reply in its conversation: which words it answers, and coaching fitted to the phase."""

from __future__ import annotations

from pathlib import Path

from practice.scenarios.loader import load_scenario_file
from practice.scenarios.model import Announcement, KeyPoint
from practice.simulation.judge import inputs, read
from practice.simulation.simulator import start
from tests.fakes import fake_result

SCENARIO = load_scenario_file(Path(__file__).parent / "data" / "unit-tracking.yaml")
STATE, _ = start(SCENARIO)
POINTS = ("The order came a week late", "Nobody called to warn them")


def test_the_first_reply_is_read_against_the_beat_only() -> None:
    items = inputs(SCENARIO, STATE, SCENARIO.beats[0].client, "You waited a week.")
    assert [(i.client_message, i.key_points) for i in items] == [(SCENARIO.beats[0].client, POINTS)]


def test_after_a_reaction_the_reply_is_also_read_against_the_latest_words() -> None:
    latest = "Don't argue with me. It's not about the record, it's about this time."
    items = inputs(SCENARIO, STATE, latest, "You're right, it's about this time.")
    assert [(i.client_message, i.key_points) for i in items] == [
        (SCENARIO.beats[0].client, POINTS),
        (latest, POINTS),
    ]
    reading = read(SCENARIO, STATE, [fake_result(0.2, points="mm"), fake_result(0.7, points="cm")])
    assert (reading.against, reading.outcome, reading.result.understanding) == ("latest", "understood", 0.7)
    reading = read(SCENARIO, STATE, [fake_result(0.7), fake_result(0.7)])
    assert reading.against == "beat"  # a tie keeps the beat's reading


def test_in_the_closing_a_commitment_is_read_against_the_wants_and_coached_as_wanted() -> None:
    closing = STATE.evolve(phase="closing", beat=3)
    items = inputs(SCENARIO, closing, "So what happens now?", "I'll call you before any delay.")
    assert [i.key_points for i in items] == [
        ("A call before any delay", "The missing parts delivered by Friday")
    ]
    partial = fake_result(0.2, ("premature_solution",), commitments=("I'll call",), points="cm")
    reading = read(SCENARIO, closing, [partial])
    assert (reading.outcome, reading.covered, reading.result.flags) == ("proposal", (0,), [])
    assert reading.result.feedback == (
        "Good, a concrete commitment; it still leaves out what they asked for: "
        "“The missing parts delivered by Friday”."
    )
    flowers = read(
        SCENARIO, closing, [fake_result(0.1, ("commitment",), commitments=("flowers",), points="mm")]
    )
    assert flowers.outcome == "irrelevant"
    assert flowers.result.feedback == (
        "That promise doesn't answer what the client asked for (“A call before any delay”); commit to that."
    )
    question = read(
        SCENARIO, closing, [fake_result(0.1, ("open_question", "premature_solution"), points="mm")]
    )
    assert question.outcome == "future" and "premature_solution" not in question.result.flags
    assert question.result.feedback.startswith("Right moment for a future-focused question")


def test_the_trainee_opening_is_read_against_the_announcement_not_the_client_points() -> None:
    opened = SCENARIO.model_copy(
        update={
            "opening": "trainee",
            "announcement": Announcement(
                points=[
                    KeyPoint(text="Prices rise 8% from March"),
                    KeyPoint(text="The reason is steel costs"),
                ],
                how="Say it plainly, give the reason, then ask how it lands.",
            ),
        }
    )
    state, _ = start(opened)
    items = inputs(opened, state, "", "Prices go up 8% in March.")
    assert [(i.client_message, i.key_points) for i in items] == [
        (opened.situation, ("Prices rise 8% from March", "The reason is steel costs"))
    ]
    reading = read(opened, state, [fake_result(0.1, points="cm")])
    assert reading.outcome == "opening" and reading.against == "announcement"
    assert reading.result.feedback == (
        "Your opening left out “The reason is steel costs”; say it plainly before you invite their reaction."
    )


def test_coaching_agrees_with_how_the_reply_landed() -> None:
    understood = fake_result(
        0.8, ("retelling",), points="mm"
    )  # the learned score and the point matcher disagree
    reading = read(SCENARIO, STATE, [understood])
    assert reading.outcome == "understood"
    assert reading.result.feedback.startswith("Good retell of the facts; now name the feeling")
    unheard = read(SCENARIO, STATE, [fake_result(0.1, points="cc")])
    assert (unheard.outcome, unheard.result.feedback) == (
        "missed",
        "They don't feel heard yet: say back what they just told you, in your own words.",
    )


def test_a_missed_central_point_is_the_one_the_coaching_names() -> None:
    reading = read(SCENARIO, STATE, [fake_result(0.4, points="mc")])
    assert reading.outcome == "partly"
    assert (
        reading.result.feedback
        == "You missed what matters most: reflect “The order came a week late” before moving on."
    )
