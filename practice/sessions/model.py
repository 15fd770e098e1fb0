"""Session and turn values, and the repository port the storage adapter implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from practice.outbox import OutboxItem
from practice.scenarios.model import Scenario
from practice.simulation.state import SessionState

if TYPE_CHECKING:
    from practice.sessions.review import Correction


@dataclass(frozen=True)
class Turn:
    index: int  # 1-based, in the order the trainee replied
    beat_id: str
    client_before: str  # what the client had just said
    reply: str
    score: dict[str, Any]  # the ScoreResult as stored (JSON)
    client_after: str  # the client's answer
    temperature: int
    outcome: str | None
    created_at: datetime
    moment: int = 0  # its place in the conversation: replies before it, plus one (retries share it)
    state_before: dict[str, Any] | None = None  # the client's state before the reply, to go back to
    superseded: bool = False  # a retry of this moment replaced this attempt


@dataclass(frozen=True)
class Session:
    id: str
    learner_id: str
    scenario_id: str
    scenario_version: int
    state: SessionState
    opening: str | None
    exam: bool
    created_at: datetime
    finished_at: datetime | None = None
    reflection: dict[str, str] = field(default_factory=dict)
    lti: dict[str, str] | None = None  # the LTI launch that started it: where its score goes back
    practice: bool = False  # private practice: counts for the learner's own progress, not for assignments

    @property
    def preview(self) -> bool:
        """A trainer's run of a draft (pinned below version 1): listed nowhere, reported to nobody."""
        return self.scenario_version < 1


Cursor = tuple[datetime, str]  # (created_at, id) of the last session of a page


class SessionRepository(Protocol):
    def add_session(self, session: Session, token_hash: str) -> None: ...

    def get_session(self, session_id: str) -> tuple[Session, str] | None:
        """The session and its token hash, or None."""

    def add_turn(
        self,
        session_id: str,
        turn: Turn,
        state: SessionState,
        outbox: Sequence[OutboxItem] = (),
        finish: Finish | None = None,
    ) -> None:
        """Store the turn, the new state, its outgoing messages and, when it ended the session, the finish, in
        one transaction; TurnConflict if that turn index exists, SessionFinished if the session has ended."""

    def turns(self, session_id: str, superseded: bool = False) -> list[Turn]:
        """The conversation as it stands, in order; with `superseded`, earlier attempts of retried moments too."""

    def rewind(self, session_id: str, index: int, state: SessionState) -> None:
        """Go back to before turn `index`: it and later turns become earlier attempts, the state is restored and
        the session is open again."""

    def pin_scenario(self, scenario_id: str, version: int, content: dict[str, Any], at: datetime) -> None:
        """Keep this version of the scenario (once: a version already kept stays as it was)."""

    def pinned_scenario(self, scenario_id: str, version: int) -> dict[str, Any] | None: ...

    def finish(self, session_id: str, finished_at: datetime, outbox: Sequence[OutboxItem] = ()) -> bool:
        """Mark the session finished and store its outgoing messages, once: False if it already was."""

    def save_reflection(self, session_id: str, reflection: dict[str, str]) -> None: ...

    def sessions(
        self,
        learner_id: str | None = None,
        scenario_id: str | None = None,
        limit: int | None = None,
        after: Cursor | None = None,
        learners: Sequence[str] | None = None,
    ) -> list[Session]:
        """Sessions newest first, optionally of one learner (or of several: `learners`, at most 1,000) or
        scenario; a page of `limit` after a cursor (the created_at and id of the last session of the page
        before)."""

    def all_sessions(self, scenario_id: str | None = None) -> list[Session]: ...

    def turns_by_session(self, session_ids: Sequence[str], superseded: bool = False) -> dict[str, list[Turn]]:
        """The turns of many sessions at once (one query, not one per session)."""

    def attempt_counts(self) -> dict[str, int]:
        """How many sessions each scenario has."""

    def save_correction(self, correction: Correction, outbox: Sequence[OutboxItem] = ()) -> None:
        """Keep a trainer's correction of a turn (replacing an earlier one) and, in the same transaction, the
        outgoing messages it causes (a regraded score), skipping any already stored."""

    def corrections(self, session_ids: Sequence[str]) -> dict[str, dict[int, Correction]]:
        """The corrections of each session, by turn index."""

    def all_corrections(self) -> list[Correction]: ...


@dataclass(frozen=True)
class Finish:
    """The session ended with this turn: when, and what other systems are told about it."""

    at: datetime
    outbox: Sequence[OutboxItem] = ()


class TurnConflict(RuntimeError):
    """Another reply to the same turn was stored first (a double submit or a race)."""


class SessionNotFound(LookupError):
    def __init__(self, session_id: str) -> None:
        super().__init__(f"no session {session_id!r}")
        self.session_id = session_id


class SessionFinished(RuntimeError):
    pass


class UnknownTurn(LookupError):
    def __init__(self, index: int) -> None:
        super().__init__(f"no turn {index} in this conversation to go back to")
        self.index = index


class Reporter(Protocol):
    """What other systems are told about a session (xAPI statements, gradebook scores), as outbox items."""

    def turn_taken(
        self, session: Session, scenario: Scenario, turn: Turn, since: datetime
    ) -> list[OutboxItem]: ...

    def session_finished(
        self, session: Session, scenario: Scenario, turns: list[Turn], at: datetime | None = None
    ) -> list[OutboxItem]:
        """The messages of a finished session's grade, given `at` (the finish, or a trainer's later correction,
        with `turns` as corrected); an unchanged grade yields the same items, stored once."""
