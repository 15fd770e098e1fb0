"""How much one scoring call may ask of the model. Every route that scores (the scoring API, its batches, session
turns, the play page) goes through `ListeningScorer.score_many`, so these bound them all.

A reply is split into units (clauses, comma stretches, sentences, the whole reply), and each unit is one text for
the model; the client's side adds its key points and the last clauses of its message. Without caps, 4,000
characters of one-word sentences expanded into a thousand texts, and a batch of such replies into fifty thousand.

- A reply is read as at most MAX_REPLY_UNITS units. Long natural replies stay well under it (600 words: at most
  135 units; 4,000 characters of exemplar replies strung together: at most 145); past it the reply is read more
  coarsely (without comma stretches, then without clauses, then in runs of neighbouring sentences), not refused.
- At most MAX_TEXT_CHARS characters in a client message or a reply, and MAX_KEY_POINTS given key points.
- So one input is at most MAX_INPUT_TEXTS texts, and one call at most MAX_TEXTS_PER_CALL distinct texts (about
  22 inputs of the costliest kind, 64 ordinary ones); more is refused, naming the items, before any is encoded.
"""

from __future__ import annotations

MAX_TEXT_CHARS = 4000
MAX_KEY_POINTS = 12
MAX_MESSAGE_POINTS = 8  # the client's own words: the last clauses of its message
MAX_REPLY_UNITS = 160
MAX_INPUT_TEXTS = MAX_KEY_POINTS + MAX_MESSAGE_POINTS + MAX_REPLY_UNITS
MAX_TEXTS_PER_CALL = 4096
# Inputs that always fit in one call, however costly each is: for callers that score many (checks, evaluation).
INPUTS_PER_CALL = MAX_TEXTS_PER_CALL // MAX_INPUT_TEXTS


class InputTooLarge(ValueError):
    """An input past one of the caps; `field` names what is too large, in the scorer's terms."""

    def __init__(self, field: str, message: str, limit: int) -> None:
        super().__init__(message)
        self.field, self.message, self.limit = field, message, limit

    def about(self, field: str) -> InputTooLarge:
        """The same refusal, naming the field as the caller knows it (a session's "reply" is the "response")."""
        return InputTooLarge(field, self.message, self.limit)


def check_sizes(client_message: str, response: str, key_points: int) -> None:
    for field, text in (("client_message", client_message), ("response", response)):
        if len(text) > MAX_TEXT_CHARS:
            raise InputTooLarge(
                field, f"{field} holds {len(text)} characters; at most {MAX_TEXT_CHARS}", MAX_TEXT_CHARS
            )
    if key_points > MAX_KEY_POINTS:
        raise InputTooLarge(
            "key_points", f"{key_points} key points; at most {MAX_KEY_POINTS}", MAX_KEY_POINTS
        )


def check_texts(texts: int) -> None:
    if texts > MAX_TEXTS_PER_CALL:
        raise InputTooLarge(
            "items",
            f"these inputs expand into {texts} texts to encode; at most {MAX_TEXTS_PER_CALL} in one request: "
            "send fewer items at a time",
            MAX_TEXTS_PER_CALL,
        )
