"""Several reporters as one: each session event goes to every configured receiver's outbox items, except a
trainer's preview of a draft, which is reported to nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from practice.outbox import OutboxItem
from practice.scenarios.model import Scenario
from practice.sessions.model import Reporter, Session, Turn


@dataclass(frozen=True)
class Reporters:
    reporters: tuple[Reporter, ...]

    def turn_taken(
        self, session: Session, scenario: Scenario, turn: Turn, since: datetime
    ) -> list[OutboxItem]:
        if session.preview:
            return []
        return [item for r in self.reporters for item in r.turn_taken(session, scenario, turn, since)]

    def session_finished(
        self, session: Session, scenario: Scenario, turns: list[Turn], at: datetime | None = None
    ) -> list[OutboxItem]:
        if session.preview:
            return []
        return [item for r in self.reporters for item in r.session_finished(session, scenario, turns, at)]
