"""API keys and xAPI statements as plain values: validation, shape, stable ids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from practice.integrations.keys import InvalidKeyRequest, create_key, key_id_of, secret_matches
from practice.integrations.xapi import VERBS, XapiReporter, duration
from practice.outbox import RetryPolicy
from practice.scenarios.loader import load_scenario_file
from practice.sessions.model import Session, Turn
from practice.simulation.simulator import start
from tests.api.conftest import ROOT
from tests.xapi_spec import violations

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_a_new_key_is_shaped_scoped_and_matched_only_by_itself() -> None:
    new, secret_hash = create_key("moodle", ["sessions", "score"], 120, NOW)
    assert new.key.scopes == ("score", "sessions") and new.key.rate_per_minute == 120
    assert key_id_of(new.secret) == new.key.id and secret_hash != new.secret
    assert secret_matches(new.secret, secret_hash) and not secret_matches(new.secret + "x", secret_hash)
    other, _ = create_key("moodle", ["score"], 120, NOW)
    assert other.key.id != new.key.id and other.secret != new.secret
    assert key_id_of("gym_short_abc") is None and key_id_of("") is None


@pytest.mark.parametrize(
    ("name", "scopes", "rate", "message"),
    [
        ("", ["score"], 10, "--name"),
        ("x", ["admin"], 10, "--scope"),
        ("x", [], 10, "--scope"),
        ("x", ["score"], 0, "--rate"),
    ],
)
def test_bad_key_requests_say_which_option(name: str, scopes: list[str], rate: int, message: str) -> None:
    with pytest.raises(InvalidKeyRequest, match=message):
        create_key(name, scopes, rate, NOW)


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base_seconds=5, max_seconds=60)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 6)] == [5, 10, 20, 40, 60, 60]


def _played() -> tuple[Session, object, list[Turn]]:
    scenario = load_scenario_file(ROOT / "scenarios" / "missed-delivery.yaml")
    state, opening = start(scenario)
    session = Session(
        "abc123",
        "learner-7",
        scenario.id,
        scenario.version,
        state,
        opening.text if opening else None,
        False,
        NOW,
    )
    turns = [
        Turn(
            i,
            scenario.beats[0].id,
            "before",
            f"reply {i}",
            {"understanding": u, "behaviours": {"retelling": u}},
            "after",
            60,
            outcome,
            NOW + timedelta(seconds=30 * i),
        )
        for i, (u, outcome) in enumerate([(0.8, "understood"), (0.2, "rebutted")], start=1)
    ]
    return Session(**{**session.__dict__, "finished_at": NOW + timedelta(seconds=95)}), scenario, turns


def test_turn_and_completion_statements_follow_the_spec_and_keep_their_ids() -> None:
    session, scenario, turns = _played()
    reporter = XapiReporter("https://gym.example.org")
    scored = reporter.turn_taken(session, scenario, turns[0], NOW)  # type: ignore[arg-type]
    finished = reporter.session_finished(session, scenario, turns)  # type: ignore[arg-type]
    statements = [i.payload for i in [*scored, *finished]]
    assert [violations(s) for s in statements] == [[], [], []]
    turn_statement = scored[0].payload
    assert turn_statement["verb"]["id"] == VERBS["scored"]
    assert turn_statement["result"]["score"]["scaled"] == 0.8 and turn_statement["result"]["success"] is True
    assert turn_statement["result"]["duration"] == "PT30.00S"
    assert turn_statement["object"]["id"].startswith(
        "https://gym.example.org/xapi/scenarios/missed-delivery/v"
    )
    completed, verdict = (i.payload for i in finished)
    assert completed["verb"]["id"] == VERBS["completed"] and completed["result"]["duration"] == "PT95.00S"
    assert verdict["verb"]["id"] in (VERBS["passed"], VERBS["failed"])
    habits = {k.rsplit("/", 1)[-1] for k in completed["result"]["extensions"] if "/habit/" in k}
    assert habits == {
        "understanding",
        "no_rebuttal",
        "no_premature_solution",
        "questions",
        "emotion_labelling",
        "commitment",
    }
    assert len({s["id"] for s in statements}) == 3
    assert [i.id for i in reporter.turn_taken(session, scenario, turns[0], NOW)] == [scored[0].id]  # type: ignore[arg-type]
    assert {s["context"]["registration"] for s in statements} == {completed["context"]["registration"]}


def test_durations_are_iso_8601() -> None:
    assert duration(NOW, NOW + timedelta(minutes=2, seconds=3.456)) == "PT123.46S"
    assert duration(NOW, NOW - timedelta(seconds=5)) == "PT0.00S"  # clocks may disagree; never negative


def test_the_rate_limit_slides_so_a_minute_boundary_does_not_double_it() -> None:
    from practice.integrations.keys import sliding_rate

    assert sliding_rate(0, 19, 0.99, 20) is None  # the 20th request of a 20/min key
    # The 21st: the next minute still carries the whole burst, so it waits until 5 % of it has slid out.
    assert sliding_rate(0, 20, 0.99, 20) == 4  # 20 * (1 - 0.05) + 1 <= 20 at 0.05 into the next minute
    # A fixed window let 20 more through at the start of a minute; here the previous 20 still weigh 99 %.
    assert sliding_rate(20, 0, 0.01, 20) == 3  # 20 * (1 - f) + 1 <= 20 from f = 0.05
    assert sliding_rate(20, 0, 0.06, 20) is None
    assert sliding_rate(20, 10, 0.5, 20) == 3  # 20 * (1 - f) + 11 <= 20 from f = 0.55
    assert sliding_rate(0, 30, 0.5, 20) == 52  # next minute: 30 * (2 - at) + 1 <= 20 from at = 1.3667


def test_the_rate_counts_what_a_call_costs() -> None:
    from practice.integrations.keys import sliding_rate

    assert sliding_rate(0, 8, 0.5, 10, cost=2) is None  # a batch of 2 after 8 single calls: exactly the rate
    # A batch of 4 then waits until enough of the 8 has slid out: 8 * (2 - at) + 4 <= 10 from at = 1.25.
    assert sliding_rate(0, 8, 0.5, 10, cost=4) == 45
    assert sliding_rate(0, 0, 0.0, 10, cost=11) == 120  # more than the whole rate: never
