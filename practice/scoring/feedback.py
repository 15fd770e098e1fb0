"""One coaching sentence: the most important thing to change, or what went well.

The sentences are in ENGLISH below and in the behaviour registry; a language pack gives its own in
`LanguagePack.coaching` under the same keys (a key it lacks falls back to English).
"""

from __future__ import annotations

from collections.abc import Mapping

from practice.scoring.behaviours import REGISTRY
from practice.scoring.results import KeyPointResult

ENGLISH: dict[str, str] = {
    **{b.name: b.coaching for b in REGISTRY if b.coaching},
    "contradicted": (
        "Your retell says the opposite of what the client told you ({point}); check the facts back in their words "
        "before anything else."
    ),
    "dismissed": (
        "Don't play down {point}; it matters to the client, so reflect it and name how it made them feel."
    ),
    "parroting": "You repeated the client's words; say it back in your own words to show you understood the meaning.",
    "missed_most": "You missed what matters most: reflect {point} before moving on.",
    "name_feeling": "Good retell of the facts; now name the feeling behind them (“it sounds like you feel…”).",
    "also_left_out": " You also left out {point}.",
    "add_question": "You reflected the facts and the feeling; add an open question to invite them to say more.",
    "go_deeper": "Solid listening; go one layer deeper and reflect what this means for them.",
    "strong": "Strong listening: the facts, the feeling and an open question, in your own words.",
}


def quote(text: str, limit: int = 70) -> str:
    """A point as the coaching cites it: in quotation marks, shortened past `limit` characters."""
    text = text.strip().rstrip(".!?")
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def coaching(
    points: list[KeyPointResult],
    flags: list[str],
    parroting: bool,
    depth: str,
    texts: Mapping[str, str] | None = None,
) -> str:
    """The coaching sentence, in the language of `texts` (a pack's coaching; English by default)."""
    say = {**ENGLISH, **(texts or {})}
    contradicted = [p for p in points if p.contradicted]
    dismissed = [p for p in points if p.dismissed]
    missed = [p for p in points if not p.captured and not p.contradicted and not p.dismissed]
    if contradicted:
        return say["contradicted"].format(point=quote(contradicted[0].text))
    if "rebuttal" in flags:
        return say["rebuttal"]
    if dismissed:
        return say["dismissed"].format(point=quote(dismissed[0].text))
    if "dismissal" in flags:
        return say["dismissal"]
    if "premature_solution" in flags and len(missed) * 2 >= len(points):
        return say["premature_solution"]
    for name in ("self_focus", "small_talk"):
        if name in flags:
            return say[name]
    if parroting:
        return say["parroting"]
    if missed and len(missed) * 2 >= len(points):
        return say["missed_most"].format(point=quote(missed[0].text))
    if "emotion_label" not in flags:
        hint = say["also_left_out"].format(point=quote(missed[0].text)) if missed else ""
        return say["name_feeling"] + hint
    if "open_question" not in flags:
        return say["add_question"]
    if depth != "complex":
        return say["go_deeper"]
    return say["strong"]
