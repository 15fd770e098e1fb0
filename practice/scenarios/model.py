"""The scenario format (version 1): what a trainer writes, validated into domain models.

A scenario is a role-play: a persona, a situation, the client's beats (messages with their key points and
exemplar replies), an emotional temperature model, when solutions become welcome, and how it ends.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from practice.scoring.behaviours import BEHAVIOURS, temperature_effects

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Layer = Literal["facts", "motives", "feelings"]
ExemplarLabel = Literal["good_retell", "parrot", "rebuttal", "premature_solution", "other"]
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"

# How a reply landed moves the temperature by these defaults; flagged behaviours add the registry's own.
# The habits a session is graded on (debrief), each weighted per scenario.
HABITS = (
    "understanding",
    "no_rebuttal",
    "no_premature_solution",
    "questions",
    "emotion_labelling",
    "commitment",
)
OUTCOME_EFFECTS = {"understood": -15, "partly": -5, "missed": 5, "rebutted": 20, "premature_solution": 10}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Persona(Strict):
    name: Short
    role: Short
    company: Short
    history: Text = Field(description="The relationship so far, as the trainee would know it.")


class KeyPoint(Strict):
    text: Text
    layer: Layer = "facts"
    central: bool = Field(False, description="The point the client comes back to when a reply misses it.")
    insist: Text | None = Field(None, description="What the client says when a reply misses this point.")
    correct: Text | None = Field(None, description="What the client says when a retell contradicts it.")


class Variant(Strict):
    """One way the client can answer; the one closest to the trainee's reply is said."""

    text: Text
    about: Short | None = Field(
        None, description="The kind of reply this line answers, e.g. 'blames the carrier'; none: neutral."
    )
    needs: list[Short] = Field(
        default_factory=list,
        max_length=8,
        description="Words the reply must mention for this line to fit, because the line presupposes them.",
    )


def _variants(value: object) -> object:
    """A plain line is one neutral variant; a list may mix plain lines and variants."""
    if isinstance(value, str):
        return [{"text": value}]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


Variants = Annotated[list[Variant], BeforeValidator(_variants), Field(min_length=1, max_length=12)]


class Exemplar(Strict):
    reply: Text
    label: ExemplarLabel


class Reactions(Strict):
    """What the client says next, by how the trainee's reply landed."""

    understood: Variants
    partly: Variants
    rebutted: Variants
    premature_solution: Variants
    missed: Variants | None = None


class Beat(Strict):
    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    client: Text = Field(description="The client's message.")
    key_points: list[KeyPoint] = Field(min_length=1, max_length=12)
    hidden: bool = Field(
        False,
        description="A deeper concern the client only opens up with when the beat before was understood.",
    )
    exemplars: list[Exemplar] = Field(default_factory=list, max_length=30)
    reactions: Reactions


class LevelLine(Strict):
    at_least: int = Field(ge=0, le=100)
    text: Text


class Temperature(Strict):
    start: int = Field(70, ge=0, le=100, description="0 calm .. 100 furious")
    walk_out: int = Field(100, ge=1, le=100, description="At or above this the client ends the meeting.")
    calm: int = Field(40, ge=0, le=100, description="At or below this solutions become welcome.")
    effects: dict[str, int] = Field(
        default_factory=lambda: {**OUTCOME_EFFECTS, **temperature_effects(), "parroting": 5}
    )
    lines: list[LevelLine] = Field(default_factory=list, description="What the client says at each level.")

    @field_validator("effects")
    @classmethod
    def _known_effects(cls, value: dict[str, int]) -> dict[str, int]:
        known = set(EFFECTS)
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown effect {unknown[0]!r}; known: {', '.join(sorted(known))}")
        if any(not -100 <= v <= 100 for v in value.values()):
            raise ValueError("each effect moves the temperature by -100..100")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Temperature:
        if self.calm >= self.walk_out:
            raise ValueError("calm must be below walk_out")
        return self


class Close(Strict):
    """The future-focused end: once core concerns are understood and the client has cooled down."""

    client: Text = Field(description="What the client says when solutions become welcome.")
    wants: Text = Field(
        description="The client's answer to a future-focused question ('what would it take?')."
    )
    want_points: list[KeyPoint] = Field(
        default_factory=list,
        max_length=8,
        description="What the client asks for; a commitment resolves the session only when it covers them.",
    )
    irrelevant: Text = Field(
        "That doesn't answer what I asked for.",
        description="The client's answer to a promise that covers none of what they asked for.",
    )
    resolved: Text = Field(description="The client's last words when the trainee proposes a way forward.")
    walked_out: Text
    out_of_turns: Text


class Announcement(Strict):
    """What the trainee must get across when they open the conversation (a price rise, a change)."""

    points: list[KeyPoint] = Field(min_length=1, max_length=12)
    how: Text = Field(description="How to deliver it; shown to the trainee as the 'you open' hint.")


class Scoring(Strict):
    pass_mark: float = Field(0.6, ge=0, le=1, description="overall at or above, with a resolution: passed")
    understood_at: float = Field(
        0.6, ge=0, le=1, description="understanding at or above: the beat is understood"
    )
    partly_at: float = Field(0.35, ge=0, le=1)
    thresholds: dict[str, float] = Field(default_factory=dict, description="per-behaviour flag thresholds")

    @field_validator("thresholds")
    @classmethod
    def _known_behaviours(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(BEHAVIOURS))
        if unknown:
            raise ValueError(f"unknown behaviour {unknown[0]!r}; known: {', '.join(BEHAVIOURS)}")
        if any(not 0 < v < 1 for v in value.values()):
            raise ValueError("thresholds lie between 0 and 1")
        return value

    weights: dict[str, float] = Field(
        default_factory=lambda: {
            "understanding": 0.4,
            "no_rebuttal": 0.2,
            "no_premature_solution": 0.15,
            "questions": 0.15,
            "emotion_labelling": 0.1,
            "commitment": 0.15,
        }
    )

    @field_validator("weights")
    @classmethod
    def _known_habits(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(HABITS))
        if unknown:
            raise ValueError(f"unknown habit {unknown[0]!r}; known: {', '.join(HABITS)}")
        if any(v < 0 for v in value.values()) or not any(value.values()):
            raise ValueError("weights are zero or more, and at least one is above zero")
        return value


class Scenario(Strict):
    format: Literal[1] = Field(description="The scenario format version.")
    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    version: int = Field(1, ge=1, description="Bump when the content changes, so results stay comparable.")
    title: Short
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    persona: Persona
    situation: Text
    goal: Text
    opening: Literal["client", "trainee"] = Field("client", description="Who speaks first.")
    announcement: Announcement | None = Field(
        None, description="Required when the trainee opens: what their opening must get across."
    )
    beats: list[Beat] = Field(min_length=1, max_length=20)
    temperature: Temperature = Field(default_factory=Temperature)
    close: Close
    max_turns: int = Field(12, ge=2, le=60)
    scoring: Scoring = Field(default_factory=Scoring)

    @model_validator(mode="after")
    def _unique_beats(self) -> Scenario:
        seen: set[str] = set()
        for beat in self.beats:
            if beat.id in seen:
                raise ValueError(f"beat id {beat.id!r} is used twice")
            seen.add(beat.id)
        return self

    @model_validator(mode="after")
    def _announced(self) -> Scenario:
        if self.opening == "trainee" and self.announcement is None:
            raise ValueError("a scenario the trainee opens needs an announcement (its points and how)")
        return self

    def beat(self, beat_id: str) -> Beat:
        return next(b for b in self.beats if b.id == beat_id)


EFFECTS = (*OUTCOME_EFFECTS, *BEHAVIOURS, "parroting")


def slug_ok(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None
