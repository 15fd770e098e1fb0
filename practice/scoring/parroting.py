"""Near-verbatim copying: how much of the reply is lifted in runs of words from the client's message."""

from __future__ import annotations

from practice.scoring.text import ngrams, words

RUN = 4  # words in a row that count as copied


def copied_share(client_message: str, reply: str) -> float:
    """Share of the reply's words that sit inside a run of RUN or more words also found in the client message."""
    reply_words = words(reply)
    if len(reply_words) < RUN:
        return 0.0
    source = set(ngrams(words(client_message), RUN))
    covered = [False] * len(reply_words)
    for i, gram in enumerate(ngrams(reply_words, RUN)):
        if gram in source:
            for k in range(i, i + RUN):
                covered[k] = True
    return sum(covered) / len(reply_words)
