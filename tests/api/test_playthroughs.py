"""Every bundled scenario played end to end through the session API with the real model: a skilled listener
resolves it without being told they argued or jumped to a fix, a poor one does not pass, and an irrelevant
promise does not resolve it. The scripts are in tests/playthroughs/, written apart from the exemplars."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from practice.scenarios.model import Scenario
from practice.scoring.text import ngrams, words
from tests.playthrough import (
    SCRIPTS,
    bundled,
    play_irrelevant_promise,
    play_poor,
    play_skilled_to_end,
    script,
)

SCENARIOS = bundled()
IDS = [s.id for s in SCENARIOS]
SHARED_WORDS = 6  # a scripted reply may not share this many words in a row with an exemplar


def test_every_bundled_scenario_has_a_script() -> None:
    assert sorted(p.stem for p in SCRIPTS.glob("*.yaml")) == sorted(IDS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_scripts_are_written_apart_from_the_exemplars(scenario: Scenario) -> None:
    exemplar_grams = {
        g for b in scenario.beats for e in b.exemplars for g in ngrams(words(e.reply), SHARED_WORDS)
    }
    played = script(scenario.id)
    skilled = played["skilled"]
    replies = [
        *skilled.get("beats", {}).values(),
        skilled.get("closing", []),
        played["poor"],
        [skilled.get("opening", ""), played["irrelevant_promise"]],
    ]
    shared = [r for group in replies for r in group if set(ngrams(words(r), SHARED_WORDS)) & exemplar_grams]
    assert shared == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_skilled_listener_resolves_it_and_is_never_called_argumentative_or_premature(
    real_client: TestClient, scenario: Scenario
) -> None:
    played = play_skilled_to_end(real_client, scenario)
    transcript = played.transcript()
    assert played.ending == "resolved", transcript
    assert len(played.turns) <= scenario.max_turns, transcript
    wrongly = [
        t["reply"]
        for t in played.turns
        if t["phase_before"] == "listening" and t["outcome"] in ("rebutted", "premature_solution")
    ]
    assert wrongly == [], transcript
    assert played.debrief["passed"], transcript


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_poor_listener_does_not_pass(real_client: TestClient, scenario: Scenario) -> None:
    played = play_poor(real_client, scenario)
    assert not played.debrief["passed"], played.transcript()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_an_irrelevant_promise_does_not_resolve_it(real_client: TestClient, scenario: Scenario) -> None:
    played = play_irrelevant_promise(real_client, scenario)
    last = played.turns[-1]
    assert (last["phase_before"], last["outcome"], played.ending) == ("closing", "irrelevant", None), (
        played.transcript()
    )
