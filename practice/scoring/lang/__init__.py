"""Language packs: everything the scorer knows about one language, so a new language is one new module."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PolarityDomain:
    """Two sets of phrases that contradict each other: 'late' against 'on time'."""

    name: str
    negative: tuple[str, ...]
    positive: tuple[str, ...]


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    clause_boundary: re.Pattern[str]
    negators: frozenset[str]
    negation_scope: int
    polarity_domains: tuple[PolarityDomain, ...]
    polarity_ignore: re.Pattern[str]
    stopwords: frozenset[str]
    # Cue patterns: one per behaviour of the registry, plus EXTRA_CUES. "closed_question" and "open_start" match
    # at a sentence's start (question form); the others anywhere.
    cues: dict[str, re.Pattern[str]]
    # Prototype phrasings per behaviour and per EXTRA_PROTOTYPES, embedded once when the scorer starts.
    prototypes: dict[str, tuple[str, ...]]
    first_person: frozenset[str]
    second_person: frozenset[str]
    # First-person phrases that are listening moves, not talk about oneself ("I hear you", "if I understand").
    listening_first_person: re.Pattern[str]
    feeling_words: frozenset[str] = field(default_factory=frozenset)
    # The client's words as the trainee would say them back: "my managers" -> "your managers", "you" -> "we".
    perspective: dict[str, str] = field(default_factory=dict)
    # Trainer-written points in the third person, turned to the second: "she felt" -> "you felt".
    third_person: dict[str, str] = field(default_factory=dict)
    # Words where a negation's reach ends, besides punctuation ("nobody warned you and two stores ...").
    scope_breaks: frozenset[str] = field(default_factory=frozenset)
    # Words that carry an earlier negation on to what follows them ("no one gave you any warning").
    negation_carriers: frozenset[str] = field(default_factory=frozenset)
    # Words after which a polarity phrase is not asserted ("you expected it on time", "it should have worked").
    irrealis: frozenset[str] = field(default_factory=frozenset)
    # How honest the scorer is about this language: shown to trainers and in the score's model block.
    support: str = "full"
    # Coaching sentences in this language, by the keys of practice.scoring.feedback.ENGLISH (English if absent).
    coaching: dict[str, str] = field(default_factory=dict)


EXTRA_CUES = ("correction", "motive", "time", "open_start")
EXTRA_PROTOTYPES = ("motive",)
MIN_PROTOTYPES = 2

_PACKS: dict[str, LanguagePack] = {}


class LanguagePackError(ValueError):
    """A language pack that cannot serve every behaviour of the registry."""


def register(pack: LanguagePack) -> None:
    """Add a language; refused at once if it lacks any behaviour's cues or prototypes."""
    from practice.scoring.behaviours import BEHAVIOURS

    missing_cues = [n for n in (*BEHAVIOURS, *EXTRA_CUES) if n not in pack.cues]
    thin = [n for n in (*BEHAVIOURS, *EXTRA_PROTOTYPES) if len(pack.prototypes.get(n, ())) < MIN_PROTOTYPES]
    if missing_cues or thin:
        raise LanguagePackError(
            f"language pack {pack.code!r} cannot be registered: "
            + "; ".join(
                part
                for part in (
                    f"no cue pattern for {', '.join(missing_cues)}" if missing_cues else "",
                    f"fewer than {MIN_PROTOTYPES} prototypes for {', '.join(thin)}" if thin else "",
                )
                if part
            )
        )
    _PACKS[pack.code] = pack


def get_pack(code: str) -> LanguagePack:
    if not _PACKS:
        _load_builtin()
    try:
        return _PACKS[code]
    except KeyError:
        raise UnsupportedLanguage(code, sorted(_PACKS)) from None


def languages() -> list[str]:
    if not _PACKS:
        _load_builtin()
    return sorted(_PACKS)


class UnsupportedLanguage(ValueError):
    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"language {code!r} is not supported; supported: {', '.join(known)}")
        self.code = code
        self.known = known


def _load_builtin() -> None:
    from practice.scoring.lang import en, ro

    register(en.PACK)
    register(ro.PACK)
