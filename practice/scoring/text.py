"""Splitting messages into sentences, clauses and tokens, keeping character offsets."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from practice.scoring.results import Span

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def sentences(text: str) -> list[Span]:
    """Sentences of `text` with their offsets; a text without end punctuation is one sentence."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.extend(_trimmed(text, start, match.start()))
        start = match.end()
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def clauses(text: str, boundary: re.Pattern[str], min_words: int = 3) -> list[Span]:
    """Clauses of each sentence, cut at `boundary` (conjunctions, semicolons); short bits join a neighbour."""
    result: list[Span] = []
    for sent in sentences(text):
        cuts = [sent.start]
        for match in boundary.finditer(sent.text):
            cuts.append(sent.start + match.start())
        cuts.append(sent.end)
        pieces = [p for a, b in itertools.pairwise(cuts) for p in _trimmed(text, a, b)]
        result.extend(_merge_short(text, pieces, min_words))
    return result


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def stem(word: str) -> str:
    """A crude English stem, enough to match 'arrived'/'arrives', 'cancelled'/'cancel', 'changes'/'change'."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def ngrams(tokens: list[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    stripped = chunk.strip(" \t\r\n,;:-–—")
    if not stripped or not _WORD.search(stripped):
        return []
    offset = start + chunk.index(stripped)
    return [Span(stripped, offset, offset + len(stripped))]


def _merge_short(text: str, pieces: list[Span], min_words: int) -> list[Span]:
    merged: list[Span] = []
    for piece in pieces:
        if merged and (word_count(piece.text) < min_words or word_count(merged[-1].text) < min_words):
            prev = merged.pop()
            merged.append(Span(text[prev.start : piece.end], prev.start, piece.end))
        else:
            merged.append(piece)
    return merged


_SWAPPABLE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def swap_words(text: str, mapping: dict[str, str]) -> str:
    """Replace whole words by `mapping` (matched lower-case), keeping a leading capital."""
    if not mapping:
        return text

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        new = mapping.get(word.lower().replace("’", "'"))
        if new is None:
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return _SWAPPABLE.sub(replace, text)
