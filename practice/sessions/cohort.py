"""Cohort results for trainers: attempts, average habits, the points learners miss most, a CSV export."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from practice.scenarios.model import HABITS, Scenario
from practice.sessions.debrief import Debrief, debrief
from practice.sessions.model import Session, Turn


@dataclass(frozen=True)
class CohortResults:
    scenario_id: str
    attempts: int
    finished: int
    resolved: int
    averages: dict[str, float]  # per habit, and "overall"
    missed_points: list[tuple[str, int]]  # most often missed first
    reports: list[Debrief]


def cohort(scenario: Scenario, sessions: list[tuple[Session, list[Turn]]]) -> CohortResults:
    reports = [debrief(scenario, s, turns) for s, turns in sessions]
    scored = [r for r in reports if r.turns]
    averages = {
        h: round(sum(r.habits[h] for r in scored) / len(scored), 4) if scored else 0.0 for h in (*HABITS,)
    }
    averages["overall"] = round(sum(r.overall for r in scored) / len(scored), 4) if scored else 0.0
    missed = Counter(p for r in reports for t in r.turns for p in [*t.missed, *t.contradicted])
    return CohortResults(
        scenario.id,
        len(reports),
        sum(1 for s, _ in sessions if s.finished_at is not None),
        sum(1 for r in reports if r.ending == "resolved"),
        averages,
        missed.most_common(5),
        reports,
    )


def results_csv(results: CohortResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["session_id", "learner_id", "scenario_id", "ending", "passed", "overall", *HABITS, "replies"]
    )
    for r in results.reports:
        writer.writerow(
            [
                r.session_id,
                safe_cell(r.learner_id),
                r.scenario_id,
                r.ending or "",
                r.passed,
                r.overall,
                *(r.habits[h] for h in HABITS),
                len(r.turns),
            ]
        )
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Spreadsheet formula injection (OWASP's list): a cell starting with = + - @, a tab or a carriage return is
    prefixed with an apostrophe so it stays text."""
    return "'" + value if value[:1] in FORMULA_STARTS else value
