"""The role-play issue's own examples, played through the session API with the real model."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.playthrough import Played, bundled, say, script, start

MISSED_DELIVERY = next(s for s in bundled() if s.id == "missed-delivery")


def test_a_retell_of_the_latest_words_a_closing_question_and_an_irrelevant_promise(
    real_client: TestClient,
) -> None:
    played = Played(MISSED_DELIVERY)
    sid, auth = start(real_client, MISSED_DELIVERY.id)
    skilled = script(MISSED_DELIVERY.id)["skilled"]["beats"]
    for reply in (skilled["the-delay"][0], skilled["the-embarrassment"][0]):
        say(real_client, played, sid, auth, reply)
    say(
        real_client,
        played,
        sid,
        auth,
        "But we've delivered on time for four years, our record speaks for itself.",
    )
    assert played.turns[-1]["outcome"] == "rebutted"
    assert "not about the record" in played.turns[-1]["client"]
    # Answering what the client just said is a retell, not a miss.
    say(
        real_client,
        played,
        sid,
        auth,
        "You're right, it's not about the record, it's about this time, and this time we let you down and left "
        "you wondering if you can rely on us.",
    )
    assert played.turns[-1]["outcome"] == "understood", played.transcript()
    assert played.turns[-1]["client"].endswith(MISSED_DELIVERY.close.client.strip())
    # The question the scenario's goal asks for is coached as wanted, not as a premature fix.
    say(real_client, played, sid, auth, "What would it take to get this back on track?")
    assert played.turns[-1]["outcome"] == "future" and "premature_solution" not in played.turns[-1]["flags"]
    assert played.turns[-1]["feedback"].startswith("Right moment for a future-focused question")
    # Any promise no longer resolves the session.
    say(real_client, played, sid, auth, "I'll send you a bunch of flowers tomorrow morning.")
    assert (played.turns[-1]["outcome"], played.ending) == ("irrelevant", None), played.transcript()
    assert played.turns[-1]["client"] == MISSED_DELIVERY.close.irrelevant.strip()
