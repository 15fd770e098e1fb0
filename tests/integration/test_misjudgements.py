"""Every misjudgement a new user met (issue: a scorer that holds up on real conversations), judged again."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.scenarios.loader import load_scenario_file
from practice.scoring.results import ScoreInput
from practice.scoring.scorer import ListeningScorer
from practice.simulation.check import beat_input

pytestmark = pytest.mark.model

SCENARIO = load_scenario_file(Path(__file__).parents[2] / "scenarios" / "missed-delivery.yaml")
DELAY, TRUST = SCENARIO.beat("the-delay"), SCENARIO.beat("the-trust")

LISTENING_NOT_FIXING = [
    (
        TRUST,
        "You've been with us four years and even recommended us to two other retailers, and now you're not sure "
        "you can rely on us. I can hear how worrying that is. What would you need to see from us?",
    ),
    (
        TRUST,
        "Let me make sure I've got all of it. We've worked together for four years, you vouched for us with two "
        "other retailers, and now you're wondering whether you can count on us, because next time it could be "
        "the whole chain.",
    ),
    (
        DELAY,
        "Let me make sure I've got this right: the units came three days late, nobody warned you, and you had to "
        "push back the relaunch in two stores.",
    ),
]


@pytest.mark.parametrize(("beat", "reply"), LISTENING_NOT_FIXING)
def test_a_thorough_retell_is_not_called_a_fix(real_scorer: ListeningScorer, beat, reply: str) -> None:  # type: ignore[no-untyped-def]
    result = real_scorer.score_many([beat_input(SCENARIO, beat, reply)])[0]
    assert "premature_solution" not in result.flags, result.behaviours
    assert "retelling" in result.flags


@pytest.mark.parametrize("reply", ["What's that been like?", "How's that affecting your team?"])
def test_open_questions_with_contractions_are_open(real_scorer: ListeningScorer, reply: str) -> None:
    result = real_scorer.score(DELAY.client, reply)
    assert "open_question" in result.flags and "closed_question" not in result.flags, result.behaviours


@pytest.mark.parametrize("reply", ["That must sting.", "That sounds really heavy to carry."])
def test_feelings_named_without_the_word_feel(real_scorer: ListeningScorer, reply: str) -> None:
    result = real_scorer.score(DELAY.client, reply)
    assert "emotion_label" in result.flags, result.behaviours
    assert "name the feeling" not in result.feedback


def test_a_feelings_point_is_credited_when_the_feeling_is_named_in_other_words(
    real_scorer: ListeningScorer,
) -> None:
    reply = (
        "So the units turned up three days late with no word from us, and you heard it from your own store "
        "managers. That must have stung, being caught out in front of your team."
    )
    result = real_scorer.score_many([beat_input(SCENARIO, DELAY, reply)])[0]
    feeling = next(p for p in result.key_points if p.text.startswith("Dana is angry"))
    assert feeling.captured and feeling.evidence is not None


def test_naming_the_stakes_is_not_a_dismissal(real_scorer: ListeningScorer) -> None:
    reply = (
        "After four years, and after you vouched for us, you can't be sure of us any more; next time it could hit "
        "the whole chain."
    )
    result = real_scorer.score_many([beat_input(SCENARIO, TRUST, reply)])[0]
    assert "dismissal" not in result.flags and result.dismissal < 0.5, result.dismissal


def test_small_talk_is_not_understanding(real_scorer: ListeningScorer) -> None:
    result = real_scorer.score("Hi, how's your day going?", "Hello. I'm doing good. How are you doing?")
    assert result.understanding < 0.5
    assert "small_talk" in result.flags


SUBTLE_REBUTTALS = [
    (
        "Your consultant reorganised our shift rota without asking anyone. My staff found out from a notice.",
        "He did send the plan to your HR lead before making changes, though.",
    ),
    (
        "We've logged forty tickets this quarter and your support team closes them without fixing anything.",
        "Most of those tickets really were configuration issues on your side.",
    ),
    (
        "Your last update removed the export button. My team can't get their monthly reports out.",
        "The export moved to the settings menu, it wasn't removed.",
    ),
]


@pytest.mark.parametrize(("client", "reply"), SUBTLE_REBUTTALS)
def test_subtle_rebuttals_are_flagged(real_scorer: ListeningScorer, client: str, reply: str) -> None:
    assert "rebuttal" in real_scorer.score(client, reply).flags


SOFT_FIXES = [
    "Let me assign you a dedicated support line starting Monday.",
    "We can roll the process back to the old version tomorrow.",
    "I can knock 25% off this order right now if that helps.",
]


@pytest.mark.parametrize("reply", SOFT_FIXES)
def test_soft_fixes_are_flagged(real_scorer: ListeningScorer, reply: str) -> None:
    client = "Your new ordering process has cost us two weeks of chaos and my team is furious about it."
    assert "premature_solution" in real_scorer.score(client, reply).flags


def test_talking_about_yourself_is_self_focus(real_scorer: ListeningScorer) -> None:
    client = "Your platform was down for fourteen hours on our busiest day. We lost every online sale."
    reply = "Honestly, it was a nightmare for us too — I was up all night with the engineers."
    result = real_scorer.score_many([ScoreInput(client, reply)])[0]
    assert "self_focus" in result.flags, result.behaviours


@pytest.mark.parametrize(("client", "reply"), [("", ""), ("   ", "ok"), ("It was late.", "  \n ")])
def test_empty_texts_score_as_nothing_understood(
    real_scorer: ListeningScorer, client: str, reply: str
) -> None:
    result = real_scorer.score_many([ScoreInput(client, reply)])[0]
    assert result.understanding < 0.2
    assert len(result.key_points) == (1 if client.strip() else 0)
    assert not any(p.captured for p in result.key_points)
    assert result.flags == []


def test_no_inputs_no_results(real_scorer: ListeningScorer) -> None:
    assert real_scorer.score_many([]) == []
