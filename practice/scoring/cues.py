"""Linguistic cues: counts of cue phrases, negation scope, polarity, question form, person."""

from __future__ import annotations

import re
from functools import lru_cache

from practice.scoring.lang import LanguagePack, get_pack
from practice.scoring.text import sentences, stem, words

_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[,;:.!?()]", re.UNICODE)


def cue_count(pack: LanguagePack, name: str, text: str) -> int:
    return len(pack.cues[name].findall(text))


def polarities(pack: LanguagePack, text: str) -> dict[str, int]:
    """For each contradiction domain the text speaks of: +1, -1, or 0 when it says both.

    A phrase within the negation scope after a negator flips: 'didn't arrive on time' counts as 'late'.
    Memoised per text: the scorer asks about the same clause for every key point.
    """
    return dict(_polarities(pack.code, text))


def _tokens(pack: LanguagePack, text: str) -> list[str]:
    """Lower-case words and punctuation, with phrases that only look negative ("not the first") taken out."""
    cleaned = pack.polarity_ignore.sub(" ", text.lower().replace("’", "'"))
    return [m.group(0) for m in _TOKEN.finditer(cleaned)]


@lru_cache(maxsize=8192)
def _polarities(code: str, text: str) -> tuple[tuple[str, int], ...]:
    pack = get_pack(code)
    tokens = _tokens(pack, text)
    negated = _negated_positions(pack, tokens)
    hypothetical = _after_any(tokens, pack.irrealis, pack.negation_scope + 2, pack.scope_breaks)
    joined, starts = _joined_with_starts(tokens)
    result: list[tuple[str, int]] = []
    for name, patterns in _domain_patterns(code):
        total, mentioned = 0, False
        for sign, pattern in patterns:
            for match in pattern.finditer(joined):
                mentioned = True
                position = starts.get(match.start())
                if position is None or position in hypothetical:
                    continue
                total += -sign if position in negated else sign
        if mentioned:
            result.append((name, (total > 0) - (total < 0)))
    return tuple(result)


@lru_cache(maxsize=16)
def _domain_patterns(code: str) -> list[tuple[str, tuple[tuple[int, re.Pattern[str]], ...]]]:
    def alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
        ordered = sorted(phrases, key=len, reverse=True)
        return re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w'-])")

    return [
        (d.name, ((-1, alternation(d.negative)), (1, alternation(d.positive))))
        for d in get_pack(code).polarity_domains
    ]


def negated_content(pack: LanguagePack, text: str) -> dict[str, bool]:
    """Content-word stems of the text, each with whether it stands under a negation."""
    return dict(_negated_content(pack.code, text))


@lru_cache(maxsize=8192)
def _negated_content(code: str, text: str) -> tuple[tuple[str, bool], ...]:
    pack = get_pack(code)
    tokens = _tokens(pack, text)
    negated = _negated_heads(pack, tokens)
    # Words after "would", "promised", "expected" are not asserted either way ("promised it would be live").
    hypothetical = _after_any(tokens, pack.irrealis, pack.negation_scope + 2, pack.scope_breaks)
    result: dict[str, bool] = {}
    for i, token in enumerate(tokens):
        if (
            token in pack.stopwords
            or token in pack.negators
            or token.endswith("n't")
            or len(token) < 3
            or token in _PUNCT
        ):
            continue
        if i in hypothetical:
            continue
        result[stem(token)] = result.get(stem(token), False) or i in negated
    return tuple(result.items())


def question_kind(pack: LanguagePack, sentence: str) -> str | None:
    """'open', 'closed' or None for a sentence: the form of the question it asks, if any."""
    body = re.sub(r"^(?:so|and|but|ok|okay|well|now|then|right)[,\s]+", "", sentence.strip(), flags=re.I)
    if pack.cues["open_question"].search(body) and (body.endswith("?") or _starts(pack, "open_start", body)):
        return "open"
    if not body.endswith("?"):
        return None
    if _starts(pack, "open_start", body):
        return "open"
    return "closed"


def questions(pack: LanguagePack, text: str) -> tuple[int, int]:
    kinds = [question_kind(pack, s.text) for s in sentences(text)]
    return kinds.count("open"), kinds.count("closed")


def person_ratios(pack: LanguagePack, text: str) -> tuple[float, float]:
    """Shares of first-person (beyond listening phrases like 'I hear you') and second-person words."""
    stripped = pack.listening_first_person.sub(" ", text)
    all_words = words(text) or [""]
    first = sum(1 for w in words(stripped) if w in pack.first_person)
    second = sum(1 for w in all_words if w in pack.second_person)
    return first / len(all_words), second / len(all_words)


def feeling_words(pack: LanguagePack, text: str) -> int:
    return sum(1 for w in words(text) if w in pack.feeling_words)


def _starts(pack: LanguagePack, cue: str, body: str) -> bool:
    match = pack.cues[cue].search(body)
    return match is not None and match.start() == 0


def _scope(tokens: list[str], start: int, length: int, breaks: frozenset[str]) -> range:
    """Positions from `start` on, at most `length`, stopping at punctuation or a clause-joining word."""
    end = start
    while (
        end < len(tokens) and end < start + length and tokens[end] not in breaks and tokens[end] not in _PUNCT
    ):
        end += 1
    return range(start, end)


_PUNCT = frozenset(",;:.!?()")


def _negated_positions(pack: LanguagePack, tokens: list[str]) -> set[int]:
    negators = [i for i, t in enumerate(tokens) if t in pack.negators or t.endswith("n't")]
    negated = {k for i in negators for k in _scope(tokens, i + 1, pack.negation_scope, pack.scope_breaks)}
    # A polarity item such as "any" carries an earlier negation on: "no one gave you any warning".
    for i, token in enumerate(tokens):
        if token in pack.negation_carriers and any(n < i for n in negators):
            negated.update(_scope(tokens, i + 1, 2, pack.scope_breaks))
    return negated


def _negated_heads(pack: LanguagePack, tokens: list[str]) -> set[int]:
    """The first content word in each negation's reach: "can't explain ... look" negates "explain", not "look"."""
    scoped = _negated_positions(pack, tokens)
    heads: set[int] = set()
    for i, token in enumerate(tokens):
        if (
            i in scoped
            and token not in pack.stopwords
            and token not in _PUNCT
            and (i - 1 not in scoped or _is_start(pack, tokens, i))
        ):
            heads.add(i)
    return heads


def _is_start(pack: LanguagePack, tokens: list[str], i: int) -> bool:
    """True if every token between the negator (or carrier) and position i is a function word."""
    j = i - 1
    while (
        j >= 0
        and tokens[j] not in pack.negators
        and not tokens[j].endswith("n't")
        and tokens[j] not in pack.negation_carriers
    ):
        if tokens[j] not in pack.stopwords:
            return False
        j -= 1
    return j >= 0


def _after_any(tokens: list[str], markers: frozenset[str], scope: int, breaks: frozenset[str]) -> set[int]:
    return {k for i, t in enumerate(tokens) if t in markers for k in _scope(tokens, i + 1, scope, breaks)}


def _joined_with_starts(tokens: list[str]) -> tuple[str, dict[int, int]]:
    starts: dict[int, int] = {}
    offset = 0
    for i, token in enumerate(tokens):
        starts[offset] = i
        offset += len(token) + 1
    return " ".join(tokens), starts
