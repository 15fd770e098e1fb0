"""One coaching sentence: the most important thing to change, or what went well."""

from __future__ import annotations

from practice.scoring.behaviours import behaviour
from practice.scoring.results import KeyPointResult


def _quote(text: str, limit: int = 70) -> str:
    text = text.strip().rstrip(".!?")
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def coaching(
    points: list[KeyPointResult],
    flags: list[str],
    parroting: bool,
    depth: str,
) -> str:
    contradicted = [p for p in points if p.contradicted]
    dismissed = [p for p in points if p.dismissed]
    missed = [p for p in points if not p.captured and not p.contradicted and not p.dismissed]
    if contradicted:
        return (
            f"Your retell says the opposite of what the client told you ({_quote(contradicted[0].text)}); "
            "check the facts back in their words before anything else."
        )
    if "rebuttal" in flags:
        return behaviour("rebuttal").coaching
    if dismissed:
        return (
            f"Don't play down {_quote(dismissed[0].text)}; it matters to the client, so reflect it and name how it "
            "made them feel."
        )
    if "dismissal" in flags:
        return behaviour("dismissal").coaching
    if "premature_solution" in flags and len(missed) * 2 >= len(points):
        return behaviour("premature_solution").coaching
    for name in ("self_focus", "small_talk"):
        if name in flags:
            return behaviour(name).coaching
    if parroting:
        return "You repeated the client's words; say it back in your own words to show you understood the meaning."
    if missed and len(missed) * 2 >= len(points):
        return f"You missed what matters most: reflect {_quote(missed[0].text)} before moving on."
    if "emotion_label" not in flags:
        hint = f" You also left out {_quote(missed[0].text)}." if missed else ""
        return (
            "Good retell of the facts; now name the feeling behind them (“it sounds like you feel…”)." + hint
        )
    if "open_question" not in flags:
        return "You reflected the facts and the feeling; add an open question to invite them to say more."
    if depth != "complex":
        return "Solid listening; go one layer deeper and reflect what this means for them."
    return "Strong listening: the facts, the feeling and an open question, in your own words."
