"""What the client says: the reaction variant closest to the reply, corrections, insisting on a missed point.

Every function returns candidate lines in order of preference; `first_new` picks the first that the client did
not say last time, so no line is said twice in a row. All choices are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from practice.scenarios.model import KeyPoint, Scenario, Variant
from practice.scoring.text import sentences, stem, words

# How similar a reply is to what each variant answers (one value per candidate, higher is closer).
Similarity = Callable[[str, Sequence[str]], Sequence[float]]
CLOSE_ENOUGH = 0.3  # below this a variant's `about` does not describe the reply; a neutral line is said


def mentions(reply: str, needs: Sequence[str]) -> bool:
    """Whether the reply mentions every word the line presupposes ('reports' matches 'report', 'reporting')."""
    said = {stem(w) for w in words(reply)}
    for need in needs:
        for word in words(need):
            wanted = stem(word)
            if not any(s == wanted or (len(wanted) >= 4 and s.startswith(wanted)) for s in said):
                return False
    return True


def variant_lines(variants: Sequence[Variant], reply: str, similarity: Similarity) -> list[str]:
    """The fitting variants, closest to the reply first; neutral ones (no `about`) follow, in authored order."""
    fitting = [v for v in variants if mentions(reply, v.needs)]
    described = [v for v in fitting if v.about]
    neutral = [v.text for v in fitting if not v.about]
    ranked: list[str] = []
    if described:
        scores = similarity(reply, [v.about or "" for v in described])
        order = sorted(range(len(described)), key=lambda i: (-scores[i], i))
        ranked = [described[i].text for i in order if scores[i] >= CLOSE_ENOUGH]
        rest = [described[i].text for i in order if scores[i] < CLOSE_ENOUGH and not described[i].needs]
        return ranked + neutral + rest
    return neutral


def central(points: Sequence[KeyPoint]) -> int:
    """The index of the point the client comes back to: the one marked central, else the first."""
    return next((i for i, p in enumerate(points) if p.central), 0)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _inline(text: str) -> str:
    """A point as part of a sentence: 'The parts by Friday.' -> 'the parts by Friday'."""
    text = text.strip().rstrip(".!?")
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def own_words(point: KeyPoint, message: str, similarity: Similarity) -> str:
    """The sentence of the client's own message that says the point: what the client repeats, in the first
    person, when no line was written for it."""
    said = [s.text for s in sentences(message)] or [message]
    scores = similarity(point.text, said)
    return said[max(range(len(said)), key=lambda i: (scores[i], -i))]


def insist_lines(point: KeyPoint, language: str, message: str, similarity: Similarity) -> Iterator[str]:
    """The client comes back to a missed point: the authored line first, then its own words from `message`
    again (looked up only when the authored line will not do, since that asks the model)."""
    if point.insist:
        yield point.insist
    said = _sentence(own_words(point, message, similarity))
    yield f"Vă mai spun o dată. {said}" if language == "ro" else f"Let me say it again. {said}"


def correction_lines(point: KeyPoint, language: str, message: str, similarity: Similarity) -> Iterator[str]:
    """The client corrects a point a retell got wrong: the authored line, else its own words again."""
    if point.correct:
        yield point.correct
    said = _sentence(own_words(point, message, similarity))
    yield f"Nu, n-am spus asta. {said}" if language == "ro" else f"No, that's not what I said. {said}"


def want_lines(point: KeyPoint, language: str) -> list[str]:
    """In closing, the client asks for a want the commitment left out."""
    built = (
        f"E un început. Și cu asta cum rămâne: {_inline(point.text)}?"
        if language == "ro"
        else f"That's a start. And what about this: {_inline(point.text)}?"
    )
    return [point.insist, built] if point.insist else [built]


def level_line(scenario: Scenario, temperature: int) -> str:
    lines = sorted(scenario.temperature.lines, key=lambda line: line.at_least, reverse=True)
    fallback = "Continuă." if scenario.language == "ro" else "Go on."
    return next((line.text for line in lines if temperature >= line.at_least), fallback)


def first_new(candidates: Iterable[str], last: str, fallback: str) -> str:
    """The first candidate the client's last message did not contain; the fallback when all of them are."""
    for line in candidates:
        if line.strip() and line.strip() not in last:
            return line.strip()
    return fallback.strip()
