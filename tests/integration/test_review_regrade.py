"""A correction of a finished LTI session whose grade it changes stores the corrected score for the platform,
later stamped, in the same transaction; the same correction again stores nothing more."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from practice.integrations.lti import GradeReporter
from practice.scenarios.library import ScenarioLibrary
from practice.sessions.model import Session, Turn
from practice.sessions.review import Correction
from practice.sessions.service import review_turn
from practice.simulation.state import SessionState
from practice.storage.migrate import open_database
from practice.storage.outbox import SqlOutbox
from practice.storage.sql import SqlSessionRepository
from tests.fakes import fake_result
from tests.unit.test_grading import SCENARIO

AT = datetime(2026, 1, 1, tzinfo=UTC)
LINK = {
    "issuer": "https://lms.example",
    "client_id": "c1",
    "user": "u7",
    "lineitem": "https://lms.example/li/1",
}


def test_a_correction_that_changes_the_grade_sends_it_once(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'gym.db'}")
    repo = SqlSessionRepository(engine)
    repo.pin_scenario(SCENARIO.id, SCENARIO.version, SCENARIO.model_dump(mode="json"), AT)
    state = SessionState(scenario_id=SCENARIO.id, scenario_version=SCENARIO.version, temperature=50, beat=1)
    session = Session("s1", "lti-x", SCENARIO.id, SCENARIO.version, state, None, False, AT, lti=LINK)
    repo.add_session(session, "hash")
    turn = Turn(
        1,
        "late",
        "client",
        "To be fair, we did email.",
        asdict(fake_result(0.2, ("rebuttal",))),
        "a",
        60,
        "rebutted",
        AT,
    )
    repo.add_turn("s1", turn, state)
    finished_at = AT + timedelta(minutes=5)
    repo.finish(
        "s1",
        finished_at,
        GradeReporter().session_finished(
            Session(**{**session.__dict__, "finished_at": finished_at}), SCENARIO, [turn]
        ),
    )
    outbox = SqlOutbox(engine)
    [first] = outbox.due(AT + timedelta(days=1), 10)
    library = ScenarioLibrary(tmp_path / "none", check_every=0)
    fresh = repo.get_session("s1")[0]  # type: ignore[index]
    correction = Correction("s1", 1, "user:tina", AT + timedelta(hours=1), "understood", "", ("rebuttal",))
    review_turn(repo, library, fresh, correction, GradeReporter())
    items = outbox.due(AT + timedelta(days=1), 10)
    assert len(items) == 2
    regraded = items[1].item.payload["score"]
    assert regraded["scoreGiven"] > first.item.payload["score"]["scoreGiven"]
    assert regraded["timestamp"] == correction.at.isoformat() > first.item.payload["score"]["timestamp"]
    review_turn(repo, library, fresh, correction, GradeReporter())  # the same grade again: nothing new
    assert len(outbox.due(AT + timedelta(days=1), 10)) == 2
