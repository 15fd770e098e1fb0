"""Coaching for the moments the single-reply scorer cannot see: the trainee's opening and the closing phase.

Each language has one table; a scenario's language picks it, English when there is none.
"""

from __future__ import annotations

from collections.abc import Sequence

from practice.scoring.feedback import quote

PHASE_COACHING: dict[str, dict[str, str]] = {
    "en": {
        "opening_all": "Clear opening: you got every point across. Now listen to how they take it.",
        "opening_some": "Your opening left out {point}; say it plainly before you invite their reaction.",
        "proposal_all": "A concrete commitment that answers what the client asked for. Follow it through.",
        "proposal_some": "Good, a concrete commitment; it still leaves out what they asked for: {point}.",
        "irrelevant": "That promise doesn't answer what the client asked for ({point}); commit to that.",
        "future": "Right moment for a future-focused question: let them say what would help.",
        "missed": "They asked what happens next: ask what would help, or commit to what they asked for.",
        "not_heard": "They don't feel heard yet: say back what they just told you, in your own words.",
    },
    "ro": {
        "opening_all": "Deschidere clară: ai transmis toate punctele. Acum ascultă cum o primește clientul.",
        "opening_some": "Deschiderea ta a lăsat deoparte {point}; spune-o limpede înainte să-i ceri părerea.",
        "proposal_all": "Un angajament concret care răspunde la ce a cerut clientul. Ține-te de el.",
        "proposal_some": "Bine, un angajament concret; mai lipsește ce a cerut: {point}.",
        "irrelevant": "Promisiunea nu răspunde la ce a cerut clientul ({point}); angajează-te la asta.",
        "future": "Momentul potrivit pentru o întrebare despre viitor: lasă-l să spună ce l-ar ajuta.",
        "missed": "Clientul a întrebat ce urmează: întreabă ce l-ar ajuta sau angajează-te la ce a cerut.",
        "not_heard": "Clientul nu se simte încă ascultat: spune cu cuvintele tale ce ți-a spus acum.",
    },
}


def phase_feedback(language: str, outcome: str, open_points: Sequence[str]) -> str:
    """The coaching sentence for a reply in the opening or the closing; `open_points` are the points still
    to get across (opening) or still to commit to (closing)."""
    table = PHASE_COACHING.get(language, PHASE_COACHING["en"])
    point = quote(open_points[0]) if open_points else ""
    if outcome in ("opening", "proposal"):
        key = f"{outcome}_{'some' if open_points else 'all'}"
    else:
        key = outcome if outcome in table else "missed"
    return table[key].format(point=point)


PRAISED = frozenset({"understood", "future", "proposal"})


def tone(outcome: str | None) -> str:
    """How the coaching for a reply is shown: praise for a reply that landed, a warning otherwise."""
    return "praise" if outcome in PRAISED else "warn"
