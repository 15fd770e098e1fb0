"""The real scorer on replies written for these tests: each behaviour, contradiction and dismissal."""

from __future__ import annotations

import numpy as np
import pytest

from practice.scoring.scorer import ListeningScorer

pytestmark = pytest.mark.model

LATE = "The shipment was three days late and nobody told us. We had to cancel our own customer's launch."
INVOICE = "Your invoice charges us for forty licences when we only have thirty, and this is the second month running."
PARTNER = (
    "We've been your client for eight years, and since the new account came in we wait a week for every reply. "
    "It feels like we don't matter anymore."
)

FLAGGED: list[tuple[str, str, str]] = [
    (
        "retelling",
        LATE,
        "So the delivery came three days late and no one gave you a heads-up, and the launch fell through.",
    ),
    (
        "retelling",
        INVOICE,
        "If I've got this right, you're being billed for ten licences you don't have, again.",
    ),
    (
        "rebuttal",
        LATE,
        "To be fair, the courier caused the delay, not us, and our terms say dates are estimates.",
    ),
    ("rebuttal", INVOICE, "Actually, our records show forty active licences, so the invoice is correct."),
    (
        "premature_solution",
        LATE,
        "I can offer you a 15% discount and free express shipping on the next order.",
    ),
    ("premature_solution", INVOICE, "Let me just issue a credit note for the difference right away."),
    ("open_question", PARTNER, "What has changed for you since the new account came in?"),
    ("open_question", LATE, "Tell me more about what happened with your customer's launch."),
    ("closed_question", INVOICE, "Did you get the email we sent about the licence count?"),
    ("closed_question", LATE, "Was it the order from Tuesday?"),
    ("emotion_label", PARTNER, "It sounds like you feel taken for granted after all these years."),
    ("emotion_label", LATE, "You must be furious, and embarrassed in front of your customer."),
    ("self_focus", LATE, "I had exactly the same thing happen with my own supplier last year, I was livid."),
    (
        "self_focus",
        PARTNER,
        "Honestly, I'm swamped myself since I took over the new account, it's been a tough month for me.",
    ),
    ("commitment", INVOICE, "I'll check the licence count with billing today and call you back by 4pm."),
    ("commitment", LATE, "I will find out what went wrong and get back to you tomorrow morning."),
]

NOT_FLAGGED: list[tuple[str, str, str]] = [
    (
        "rebuttal",
        LATE,
        "So it came three days late, nobody warned you, and you had to cancel the launch. That's awful.",
    ),
    (
        "premature_solution",
        PARTNER,
        "So after eight years you're waiting a week for answers, and it feels like you don't matter.",
    ),
    ("open_question", INVOICE, "Is it the March invoice?"),
    ("closed_question", PARTNER, "What would it take to get this relationship back on track?"),
    ("emotion_label", INVOICE, "You're billed for forty licences but have thirty."),
    ("self_focus", PARTNER, "I hear you: eight years, and now you wait a week for every reply."),
    ("commitment", LATE, "So the shipment was late and you found out from your customer, not from us."),
    ("retelling", INVOICE, "What's the weather like over there today?"),
]


@pytest.mark.parametrize(("behaviour", "client", "reply"), FLAGGED)
def test_behaviour_is_flagged(real_scorer: ListeningScorer, behaviour: str, client: str, reply: str) -> None:
    result = real_scorer.score(client, reply)
    assert behaviour in result.flags, (result.behaviours, result.flags)


@pytest.mark.parametrize(("behaviour", "client", "reply"), NOT_FLAGGED)
def test_behaviour_is_not_flagged(
    real_scorer: ListeningScorer, behaviour: str, client: str, reply: str
) -> None:
    result = real_scorer.score(client, reply)
    assert behaviour not in result.flags, (result.behaviours, result.flags)


FAITHFUL_VS_CONTRADICTING = [
    (
        LATE,
        "So the order turned up three days late and nobody warned you.",
        "So it arrived on time and we kept you informed?",
    ),
    (
        INVOICE,
        "So you're billed for forty licences but only have thirty, for the second month.",
        "So the invoice is correct and you have forty licences?",
    ),
    (
        PARTNER,
        "So lately you wait a week for answers and you feel you no longer matter to us.",
        "So since the new account came in you've been our priority and we answer right away.",
    ),
]


@pytest.mark.parametrize(("client", "faithful", "contradicting"), FAITHFUL_VS_CONTRADICTING)
def test_contradiction_is_caught_where_cosine_cannot_tell(
    real_scorer: ListeningScorer, client: str, faithful: str, contradicting: str
) -> None:
    good = real_scorer.score(client, faithful)
    bad = real_scorer.score(client, contradicting)
    assert good.understanding >= 0.5 and not any(p.contradicted for p in good.key_points)
    assert bad.understanding <= 0.25
    assert any(p.contradicted for p in bad.key_points)
    assert good.understanding - bad.understanding >= 0.4
    # Plain cosine of the whole texts puts the two replies close together: that is why the scorer does more.
    vectors = real_scorer.encoder.encode([client, faithful, contradicting])
    cos_good, cos_bad = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert abs(cos_good - cos_bad) < 0.25


def test_dismissal_costs_understanding_and_marks_the_point(real_scorer: ListeningScorer) -> None:
    result = real_scorer.score(LATE, "Delays happen to everyone, it's not a big deal.")
    assert result.dismissal >= 0.5
    assert result.understanding < 0.2
    assert any(p.dismissed for p in result.key_points)
    assert "play down" in result.feedback or "argued" in result.feedback


def test_parroting_is_flagged_but_own_words_are_not(real_scorer: ListeningScorer) -> None:
    parrot = real_scorer.score(LATE, "So the shipment was three days late and nobody told us.")
    own = real_scorer.score(LATE, "So it turned up three days behind schedule without a word from us.")
    assert parrot.parroting and not own.parroting
    assert "own words" in parrot.feedback


def test_depth(real_scorer: ListeningScorer) -> None:
    facts = real_scorer.score(LATE, "So the order came three days late and nobody let you know.")
    feelings = real_scorer.score(
        LATE,
        "So it came late with no warning and you had to cancel the launch; you must feel embarrassed in front of your customer.",
    )
    none = real_scorer.score(LATE, "Our terms say delivery dates are estimates.")
    assert (facts.depth, feelings.depth, none.depth) == ("simple", "complex", "none")


def test_commitments_are_extracted_with_their_time(real_scorer: ListeningScorer) -> None:
    result = real_scorer.score(
        INVOICE,
        "So you're billed for ten licences too many. I'll correct it and send the new invoice by Friday.",
    )
    assert [c.when for c in result.commitments] == ["by Friday"]
    assert "send the new invoice" in result.commitments[0].text


def test_evidence_points_into_the_reply(real_scorer: ListeningScorer) -> None:
    reply = "Thanks for telling me. So the delivery came three days late, and you heard nothing from us."
    result = real_scorer.score(LATE, reply)
    late = result.key_points[0]
    assert late.captured and late.evidence is not None
    assert reply[late.evidence.start : late.evidence.end] == late.evidence.text
    assert "three days late" in late.evidence.text


def test_scores_are_deterministic_and_batch_equals_single(real_scorer: ListeningScorer) -> None:
    from practice.scoring.results import ScoreInput

    items = [ScoreInput(LATE, r) for _, _, r in FLAGGED[:6]]
    batch = real_scorer.score_many(items)
    singles = [real_scorer.score(i.client_message, i.response) for i in items]
    for b, s in zip(batch, singles, strict=True):
        assert np.isclose(b.understanding, s.understanding, atol=1e-3)
        assert b.flags == s.flags


def test_a_scenario_threshold_overrides_the_heads(real_scorer: ListeningScorer) -> None:
    from practice.scoring.results import ScoreInput

    reply = "I'll check with the warehouse."
    default = real_scorer.score_many([ScoreInput(LATE, reply)])[0]
    strict = real_scorer.score_many([ScoreInput(LATE, reply, thresholds=(("commitment", 0.999),))])[0]
    assert "commitment" in default.flags and "commitment" not in strict.flags
    assert strict.behaviours == default.behaviours  # the scores stay, only the flag bar moves
