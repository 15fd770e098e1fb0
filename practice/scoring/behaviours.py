"""The one registry of behaviours: what the scorer looks for in a reply, and what each means to a trainee.

Adding a behaviour: add a `Behaviour` here, give every language pack its cue pattern and prototype phrasings
(a pack without them is refused when registered), label it in the training corpus (LABELLING.md), and retrain
with `practice train`. The scorer, the heads, the evaluation, the scenario thresholds and effects, and the
coaching all read this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    name: str
    label: str  # as shown to trainees and trainers
    threshold: float  # flagged at or above this probability, unless a scenario sets its own
    coaching: str  # the coaching sentence when this is the most important thing to change ("" for none)
    # Default effect on the client's temperature in a role-play when flagged (0: none). Arguing, fixing too
    # early and playing it down move it through how the reply landed (the scenario's outcome effects).
    temperature: int
    helps: bool  # a listening move (True) or an obstacle to listening (False)


REGISTRY: tuple[Behaviour, ...] = (
    Behaviour("retelling", "Retelling in own words", 0.5, "", 0, True),
    Behaviour("emotion_label", "Naming the feeling", 0.5, "", -5, True),
    Behaviour("open_question", "Open question", 0.5, "", -3, True),
    Behaviour("closed_question", "Closed question", 0.5, "", 0, False),
    Behaviour(
        "rebuttal",
        "Arguing back",
        0.5,
        "You argued back; hold your side of the story until the client feels heard, then ask what happened.",
        0,
        False,
    ),
    Behaviour(
        "premature_solution",
        "Jumping to a fix",
        0.5,
        "You jumped to a fix before showing you understood; retell the problem and the feeling first.",
        0,
        False,
    ),
    Behaviour(
        "dismissal",
        "Playing it down",
        0.5,
        "You played down what the client told you; it matters to them, so reflect it and name the feeling.",
        0,
        False,
    ),
    Behaviour(
        "self_focus",
        "Talking about yourself",
        0.5,
        "Keep the spotlight on the client: your own story can wait; reflect theirs instead.",
        8,
        False,
    ),
    Behaviour("commitment", "Commitment", 0.5, "", 0, True),
    Behaviour(
        "small_talk",
        "Small talk",
        0.5,
        "That was small talk beside the point; come back to what the client just told you.",
        3,
        False,
    ),
)

BY_NAME: dict[str, Behaviour] = {b.name: b for b in REGISTRY}
BEHAVIOURS: tuple[str, ...] = tuple(BY_NAME)


def behaviour(name: str) -> Behaviour:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown behaviour {name!r}; known: {', '.join(BEHAVIOURS)}") from None


def temperature_effects() -> dict[str, int]:
    """The default temperature effect of every behaviour that moves it."""
    return {b.name: b.temperature for b in REGISTRY if b.temperature}
