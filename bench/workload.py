"""A realistic, varied scoring workload: every request body is unique, so no cache can flatter the figures."""

from __future__ import annotations

import random

from practice.scoring.lang import get_pack
from practice.scoring.results import ScoreInput
from practice.scoring.scorer import Prepared

CLIENTS = [
    "The shipment was three days late and nobody told us. We had to cancel our own customer's launch.",
    "Your invoice charges us for forty licences when we only have thirty, and this is the second month running.",
    "We've been with you for eight years and the new client gets your best people while we wait a week for replies.",
    "The portal crashed during our quarter-end close and your support line just kept us on hold.",
    "You promised the redesign by Friday, it's Wednesday next week and I still have nothing to show my board.",
    "Half the pallets arrived damaged and your driver told my staff it wasn't his problem.",
]
REPLIES = [
    "So the delivery slipped by {n} days and no one warned you, which left you cancelling a launch.",
    "It sounds like you feel let down after {n} years, and you're wondering whether you still matter to us.",
    "To be fair, our terms say delivery dates are estimates, item {n}.",
    "I can offer you a {n}% discount on the next order and send a replacement tomorrow.",
    "What happened on your side when you found out, on day {n}?",
    "So you were billed for more than you use, for the {n}th time, and you're tired of chasing it.",
]


def request_bodies(count: int, seed: int = 11) -> tuple[list[dict[str, str]], list[str]]:
    """`count` unique request bodies, and the texts the scorer encodes for them (for the raw-encode rate)."""
    rng = random.Random(seed)
    bodies, texts = [], []
    for i in range(count):
        client = rng.choice(CLIENTS) + f" Ticket {i}."
        reply = rng.choice(REPLIES).format(n=i + 2)
        bodies.append({"client_message": client, "response": reply})
        texts.extend(Prepared(ScoreInput(client, reply), get_pack("en")).texts())
    return bodies, texts
