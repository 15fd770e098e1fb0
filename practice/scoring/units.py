"""What is encoded of a message: the client's points, and the stretches (units) of a reply, within the caps."""

from __future__ import annotations

import re

from practice.scoring.lang import LanguagePack
from practice.scoring.limits import MAX_MESSAGE_POINTS, MAX_REPLY_UNITS
from practice.scoring.results import Span
from practice.scoring.text import clauses, sentences

_COMMA = re.compile(r",\s")


def key_points(pack: LanguagePack, client_message: str) -> list[str]:
    """The client's message split into clause-sized points: the last few, the most recent words."""
    return [c.text for c in clauses(client_message, pack.clause_boundary)][-MAX_MESSAGE_POINTS:]


def reply_units(pack: LanguagePack, response: str, cap: int = MAX_REPLY_UNITS) -> list[Span]:
    """Clauses, comma stretches, sentences and the whole reply: the stretches that may carry a point's meaning.

    At most `cap` of them: a reply that splits into more is read more coarsely, in steps, until it fits: without
    comma stretches, then without clauses, then in runs of neighbouring sentences. Natural replies never get
    there (see practice/scoring/limits.py); a reply made of hundreds of one-word sentences does.
    """
    # Comma-separated stretches too, so one point's evidence need not drag a neighbouring point along.
    own = clauses(response, pack.clause_boundary, min_words=2)
    commas = clauses(response, _COMMA, min_words=3)
    said = sentences(response)
    whole = _whole(response)
    for pieces in ([*own, *commas, *said], [*own, *said], said):
        units = _distinct([*pieces, *whole])
        if len(units) <= cap:
            return units
    return _distinct([*_runs(response, said, max(1, cap - len(whole))), *whole])


def _whole(response: str) -> list[Span]:
    """The whole reply, trimmed: always one of the units."""
    stripped = response.strip()
    if not stripped:
        return []
    start = response.index(stripped)
    return [Span(stripped, start, start + len(stripped))]


def _distinct(spans: list[Span]) -> list[Span]:
    units: dict[tuple[int, int], Span] = {}
    for span in spans:
        units.setdefault((span.start, span.end), span)
    return list(units.values())


def _runs(text: str, said: list[Span], count: int) -> list[Span]:
    """`said` joined into `count` runs of neighbouring sentences, as even in number as they divide."""
    size, extra = divmod(len(said), count)
    runs, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        first, last = said[start], said[end - 1]
        runs.append(Span(text[first.start : last.end], first.start, last.end))
        start = end
    return runs
