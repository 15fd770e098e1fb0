"""What the simulated client remembers between turns: plain, frozen values that store as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Phase = Literal["listening", "closing", "ended"]
Ending = Literal["resolved", "walked_out", "out_of_turns"]


@dataclass(frozen=True)
class SessionState:
    scenario_id: str
    scenario_version: int
    temperature: int
    beat: int = 0  # index of the beat the client is on
    phase: Phase = "listening"
    turns: int = 0
    attempts: int = 0  # replies so far on the current beat
    asked_future: bool = False  # in closing: the trainee asked what it would take
    understood: tuple[str, ...] = ()  # beat ids the trainee understood
    revealed: tuple[str, ...] = ()  # hidden beats the client opened up with
    commitments: tuple[str, ...] = ()
    wants_covered: tuple[int, ...] = ()  # indices of the close's want points a commitment has covered
    last_line: str = ""  # the client's last message, so no line is said twice in a row
    ending: Ending | None = None
    history: tuple[int, ...] = field(default=())  # temperature after each turn, starting value first

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SessionState:
        tuples = ("understood", "revealed", "commitments", "wants_covered", "history")
        values: dict[str, Any] = {k: tuple(v) if k in tuples else v for k, v in raw.items()}
        return cls(**values)

    def evolve(self, **changes: Any) -> SessionState:
        return replace(self, **changes)


@dataclass(frozen=True)
class ClientTurn:
    """The client's next message and how the trainee's reply landed."""

    text: str
    temperature: int
    # listening: understood | partly | missed | rebutted | premature_solution; the trainee's opening: opening;
    # once solutions are welcome: future | proposal | irrelevant | rebutted | missed
    outcome: str | None
    phase: Phase
    ending: Ending | None = None
    revealed: str | None = None  # id of a hidden beat the client just opened up with
