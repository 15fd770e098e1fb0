"""xAPI 1.0.3 statements for scored turns and finished sessions (plain dicts, ready to send to an LRS).

Statement ids are derived from the session, turn and verb (UUID 5), so building a statement twice gives the
same id and an LRS stores it once. Extensions are keyed by IRIs under the service's public URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from practice.outbox import OutboxItem
from practice.scenarios.model import Scenario
from practice.sessions.debrief import debrief
from practice.sessions.model import Session, Turn

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {name: ADL + name for name in ("scored", "completed", "passed", "failed")}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/interaction"


@dataclass(frozen=True)
class XapiReporter:
    """Turns session events into outbox items of kind "xapi"."""

    base_url: str  # the service's public URL: accounts' homePage and the root of every IRI
    language: str = "en"

    def turn_taken(
        self, session: Session, scenario: Scenario, turn: Turn, since: datetime
    ) -> list[OutboxItem]:
        result = turn.score
        extensions = {
            self.iri("extensions/behaviours"): result.get("behaviours", {}),
            self.iri("extensions/outcome"): turn.outcome,
            self.iri("extensions/temperature"): turn.temperature,
        }
        statement = self._statement(
            f"{session.id}/turn/{turn.index}",
            session,
            "scored",
            self._beat_activity(scenario, turn.beat_id),
            {
                "score": {"scaled": _scaled(result.get("understanding", 0.0))},
                "success": turn.outcome == "understood",
                "response": turn.reply,
                "duration": duration(since, turn.created_at),
                "extensions": extensions,
            },
            turn.created_at,
            parent=self._scenario_activity(scenario),
        )
        return [OutboxItem(statement["id"], "xapi", statement)]

    def session_finished(
        self, session: Session, scenario: Scenario, turns: list[Turn], at: datetime | None = None
    ) -> list[OutboxItem]:
        """`completed`, then `passed` or `failed`; a correction that turns the result yields the other verb."""
        report = debrief(scenario, session, turns)
        finished = session.finished_at or (turns[-1].created_at if turns else session.created_at)
        result: dict[str, Any] = {
            "score": {"scaled": _scaled(report.overall)},
            "success": report.passed,
            "completion": True,
            "duration": duration(session.created_at, finished),
            "extensions": {self.iri(f"extensions/habit/{h}"): round(v, 4) for h, v in report.habits.items()}
            | {self.iri("extensions/ending"): report.ending},
        }
        activity = self._scenario_activity(scenario)
        items = []
        for verb in ("completed", "passed" if report.passed else "failed"):
            statement = self._statement(f"{session.id}/{verb}", session, verb, activity, result, finished)
            items.append(OutboxItem(statement["id"], "xapi", statement))
        return items

    def iri(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/xapi/{path}"

    def _statement(
        self,
        key: str,
        session: Session,
        verb: str,
        activity: dict[str, Any],
        result: dict[str, Any],
        at: datetime,
        parent: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        context: dict[str, Any] = {
            "registration": str(uuid5(NAMESPACE_URL, self.iri(f"sessions/{session.id}"))),
            "platform": "Listening Gym",
            "language": self.language,
        }
        if parent is not None:
            context["contextActivities"] = {"parent": [parent]}
        return {
            "id": str(uuid5(NAMESPACE_URL, self.iri(f"statements/{key}"))),
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": self.base_url, "name": session.learner_id},
            },
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": activity,
            "result": result,
            "context": context,
            "timestamp": at.isoformat(),
            "version": VERSION,
        }

    def _scenario_activity(self, scenario: Scenario) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": self.iri(f"scenarios/{scenario.id}/v{scenario.version}"),
            "definition": {"name": {"en-US": scenario.title}, "type": SIMULATION},
        }

    def _beat_activity(self, scenario: Scenario, beat_id: str) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": self.iri(f"scenarios/{scenario.id}/v{scenario.version}/beats/{beat_id}"),
            "definition": {"name": {"en-US": f"{scenario.title}: {beat_id}"}, "type": INTERACTION},
        }


def duration(start: datetime, end: datetime) -> str:
    """An ISO 8601 duration to the hundredth of a second, as xAPI asks ("PT1M5.25S" is written "PT65.25S")."""
    seconds = max(0.0, (end - start).total_seconds())
    return f"PT{seconds:.2f}S"


def _scaled(value: float) -> float:
    return round(min(1.0, max(0.0, float(value))), 4)
