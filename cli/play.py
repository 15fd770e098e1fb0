"""A terminal role-play: the client speaks, the trainee types, the scorer and the simulator answer."""

from __future__ import annotations

import sys
import textwrap

from practice.scenarios.model import Scenario
from practice.settings import Settings
from practice.simulation.judge import judge
from practice.simulation.simulator import start, step


def _say(who: str, text: str) -> None:
    print(textwrap.fill(text, width=100, initial_indent=f"{who}: ", subsequent_indent=" " * (len(who) + 2)))


def play(scenario: Scenario, settings: Settings, exam: bool = False) -> int:
    from practice.scoring.factory import build_scorer

    print(f"== {scenario.title} ({scenario.difficulty}) ==")
    print(textwrap.fill(scenario.situation, width=100))
    print(f"\nYour goal: {scenario.goal}\n(loading the scorer…)", flush=True)
    scorer = build_scorer(settings, batching=False)
    state, opening = start(scenario)
    client = scenario.persona.name
    if opening:
        _say(client, opening.text)
    elif scenario.announcement:
        print(f"You open the conversation. {scenario.announcement.how}")
    scores = []
    while state.phase != "ended":
        try:
            reply = input("\nyou> ").strip()
        except EOFError:
            print("\n(session left unfinished)")
            break
        if not reply:
            continue
        reading = judge(scenario, state, state.last_line, reply, scorer)
        result = reading.result
        scores.append(result.understanding)
        state, turn = step(scenario, state, reply, reading, scorer.similarity)
        if not exam:
            flags = ", ".join(result.flags) or "none"
            print(f"   [understanding {result.understanding:.2f} | {flags} | temperature {turn.temperature}]")
            print(f"   coach: {result.feedback}")
        _say(client, turn.text)
    if state.ending:
        average = sum(scores) / len(scores) if scores else 0.0
        print(
            f"\n== ended: {state.ending.replace('_', ' ')} after {state.turns} replies; "
            f"average understanding {average:.2f}; temperature {' → '.join(map(str, state.history))} =="
        )
        for commitment in state.commitments:
            print(f"   follow up: {commitment}")
    sys.stdout.flush()
    return 0
