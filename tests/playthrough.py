"""Scripted play-throughs of the bundled scenarios, played end to end through the session API.

Each bundled scenario has `tests/playthroughs/<id>.yaml`:

    scenario: missed-delivery
    skilled:                       # what a skilled listener says, by where the client is
      opening: "..."               # only where the trainee opens
      beats:                       # per beat id: replies to use in turn while the client stays on that beat
        the-delay: ["...", "..."]
      closing: ["what would it take ...?", "I'll ... (covers every want)"]
    poor: ["...", "..."]           # played in order; the session must not pass
    irrelevant_promise: "I'll send you flowers tomorrow."   # said once the client asks what happens next

Run one by hand with a transcript: `.venv/bin/python -m tests.playthrough missed-delivery`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient

from practice.scenarios.loader import load_scenario_file
from practice.scenarios.model import Scenario

ROOT = Path(__file__).parents[1]
SCRIPTS = Path(__file__).parent / "playthroughs"


@dataclass
class Played:
    scenario: Scenario
    turns: list[dict[str, Any]] = field(default_factory=list)  # reply, outcome, phase, client, feedback
    ending: str | None = None
    debrief: dict[str, Any] = field(default_factory=dict)

    def transcript(self) -> str:
        lines = [f"== {self.scenario.id}: ending {self.ending}, overall {self.debrief.get('overall')}"]
        for t in self.turns:
            lines.append(f"  you [{t['beat']}/{t['phase_before']}]: {t['reply']}")
            lines.append(
                f"    -> {t['outcome']} u={t['understanding']:.2f} flags={t['flags']} | {t['feedback']}"
            )
            lines.append(f"  client ({t['temperature']}): {t['client']}")
        return "\n".join(lines)


def script(scenario_id: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SCRIPTS / f"{scenario_id}.yaml").read_text(encoding="utf-8"))
    return loaded


def start(client: TestClient, scenario_id: str) -> tuple[str, dict[str, str]]:
    started = client.post("/api/v1/sessions", json={"scenario_id": scenario_id})
    assert started.status_code == 201, started.text
    body = started.json()
    return body["session_id"], {"Authorization": f"Bearer {body['token']}"}


def say(client: TestClient, played: Played, sid: str, auth: dict[str, str], reply: str) -> dict[str, Any]:
    before = client.get(f"/api/v1/sessions/{sid}", headers=auth).json()
    answer = client.post(f"/api/v1/sessions/{sid}/turns", json={"reply": reply}, headers=auth)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    score = body["turn"]["score"] or {}
    beat = played.scenario.beats[min(before["beat"], len(played.scenario.beats) - 1)].id
    played.turns.append(
        {
            "reply": reply,
            "beat": beat,
            "phase_before": before["phase"],
            "outcome": body["turn"]["outcome"],
            "understanding": float(score.get("understanding", 0.0)),
            "flags": score.get("flags", []),
            "feedback": score.get("feedback", ""),
            "client": body["client"]["text"],
            "temperature": body["client"]["temperature"],
        }
    )
    played.ending = body["ending"]
    return body


def _finish(client: TestClient, played: Played, sid: str, auth: dict[str, str]) -> Played:
    played.debrief = client.post(f"/api/v1/sessions/{sid}/finish", headers=auth).json()
    return played


def play_skilled(
    client: TestClient, scenario: Scenario, stop_at_closing: bool = False
) -> tuple[Played, str, dict]:
    """Play the skilled script, choosing each reply by where the client is; stop when it ends (or at closing)."""
    skilled = script(scenario.id)["skilled"]
    played = Played(scenario)
    sid, auth = start(client, scenario.id)
    used: dict[str, int] = {}
    closing = list(skilled.get("closing", []))
    if scenario.opening == "trainee":
        say(client, played, sid, auth, skilled["opening"])
    for _ in range(scenario.max_turns + 1):
        state = client.get(f"/api/v1/sessions/{sid}", headers=auth).json()
        if state["phase"] == "ended" or (stop_at_closing and state["phase"] == "closing"):
            break
        if state["phase"] == "closing":
            if not closing:
                break
            reply = closing.pop(0)
        else:
            beat = scenario.beats[min(state["beat"], len(scenario.beats) - 1)].id
            options = skilled["beats"][beat]
            reply = options[min(used.get(beat, 0), len(options) - 1)]
            used[beat] = used.get(beat, 0) + 1
        say(client, played, sid, auth, reply)
    return played, sid, auth


def play_skilled_to_end(client: TestClient, scenario: Scenario) -> Played:
    played, sid, auth = play_skilled(client, scenario)
    return _finish(client, played, sid, auth)


def play_poor(client: TestClient, scenario: Scenario) -> Played:
    played = Played(scenario)
    sid, auth = start(client, scenario.id)
    for reply in script(scenario.id)["poor"]:
        if say(client, played, sid, auth, reply)["phase"] == "ended":
            break
    return _finish(client, played, sid, auth)


def play_irrelevant_promise(client: TestClient, scenario: Scenario) -> Played:
    """The skilled script up to the closing, then the irrelevant promise."""
    played, sid, auth = play_skilled(client, scenario, stop_at_closing=True)
    say(client, played, sid, auth, script(scenario.id)["irrelevant_promise"])
    return _finish(client, played, sid, auth)


def bundled() -> list[Scenario]:
    return [load_scenario_file(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]


def main(scenario_ids: list[str]) -> int:
    import tempfile

    from practice.scoring.factory import build_scorer
    from practice.settings import Settings
    from server.main import create_app

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(scenarios_dir=ROOT / "scenarios", data_dir=Path(data))
        scorer = build_scorer(settings, batching=False)
        with TestClient(create_app(settings, scorer=scorer)) as client:
            for scenario in bundled():
                if scenario_ids and scenario.id not in scenario_ids:
                    continue
                for name, run in (
                    ("skilled", play_skilled_to_end),
                    ("poor", play_poor),
                    ("irrelevant promise", play_irrelevant_promise),
                ):
                    played = run(client, scenario)
                    print(f"\n### {name}: passed={played.debrief.get('passed')}")
                    print(played.transcript())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
