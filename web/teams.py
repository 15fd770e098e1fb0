"""Trainers' teams: members, assignments with completion, habits and the weakest one, filters and a CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import LibraryDep, RepoDep
from api.errors import ApiError
from api.identity import TrainerUserDep, accounts
from practice.accounts.model import User
from practice.scenarios.model import HABITS
from practice.sessions.cohort import safe_cell
from practice.sessions.reports import reports_of
from practice.teams.model import Team, TeamError, TeamRepository
from practice.teams.progress import habit_means, standing, weakest
from practice.teams.service import assign, create_team
from web.csrf import checked_form
from web.pages import HABIT_NAMES, page

router = APIRouter(prefix="/trainer/teams", include_in_schema=False)


def repo_of(request: Request) -> TeamRepository:
    teams: TeamRepository = request.app.state.teams
    return teams


def team_or_404(request: Request, team_id: str) -> Team:
    found = repo_of(request).team(team_id) if len(team_id) <= 16 else None
    if found is None:
        raise ApiError(404, "not_found", "no such team", [{"field": "team_id", "message": "unknown"}])
    return found


def refused(error: TeamError) -> ApiError:
    return ApiError(422, "invalid_form", str(error), [{"field": error.field, "message": str(error)}])


@router.get("", response_class=HTMLResponse)
def teams_page(request: Request, _: TrainerUserDep) -> HTMLResponse:
    teams = repo_of(request).teams()
    sizes = {t.id: len(repo_of(request).members(t.id)) for t in teams}
    return page(request, "trainer_teams.html", teams=teams, sizes=sizes)


@router.post("")
async def new_team(request: Request, _: TrainerUserDep) -> Response:
    form = await checked_form(request)
    try:
        team = create_team(repo_of(request), str(form.get("name", ""))[:200], datetime.now(UTC))
    except TeamError as error:
        raise refused(error) from error
    return RedirectResponse(f"/trainer/teams/{team.id}", status_code=303)


@router.post("/{team_id}/members")
async def add_member(team_id: str, request: Request, _: TrainerUserDep) -> Response:
    team = team_or_404(request, team_id)
    username = str((await checked_form(request)).get("username", "")).strip().lower()[:40]
    found = accounts(request).by_username(username)
    if found is None:
        raise ApiError(
            422, "invalid_form", f"no account {username!r}", [{"field": "username", "message": "unknown"}]
        )
    repo_of(request).add_member(team.id, found[0].id)
    return RedirectResponse(f"/trainer/teams/{team.id}", status_code=303)


@router.post("/{team_id}/assignments")
async def new_assignment(team_id: str, request: Request, library: LibraryDep, me: TrainerUserDep) -> Response:
    team = team_or_404(request, team_id)
    form = await checked_form(request)
    scenario = library.get(str(form.get("scenario_id", ""))[:64])
    try:
        due = _day(str(form.get("due", "")), "due", end=True)
        mark, attempts = float(str(form.get("pass_mark", "70"))) / 100, int(str(form.get("attempts", "0")))
    except ValueError as error:
        raise ApiError(
            422,
            "invalid_form",
            "pass mark and attempts are numbers",
            [{"field": "pass_mark", "message": str(error)}],
        ) from error
    try:
        assign(repo_of(request), team, scenario.id, due, mark, attempts, me.id, datetime.now(UTC))
    except TeamError as error:
        raise refused(error) from error
    return RedirectResponse(f"/trainer/teams/{team.id}", status_code=303)


@router.get("/{team_id}", response_class=HTMLResponse)
def team_page(
    team_id: str,
    request: Request,
    library: LibraryDep,
    repo: RepoDep,
    _: TrainerUserDep,
    view: Annotated[Filters, Depends()],
) -> HTMLResponse:
    team = team_or_404(request, team_id)
    people, sessions, reports = _team_sessions(request, repo, library, team)
    now = datetime.now(UTC)
    assignments = repo_of(request).assignments([team.id])
    grid = {
        (a.id, p.id): standing(a, [s for s in sessions if s.learner_id == p.learner_id], reports, now)
        for a in assignments
        for p in people
    }
    done = {a.id: sum(1 for p in people if grid[(a.id, p.id)].status == "passed") for a in assignments}
    shown = view.apply(sessions)
    finished = [r for s in shown if s.finished_at and (r := reports.get(s.id)) is not None]
    per_person = {
        p.id: habit_means(
            [r for s in shown if s.learner_id == p.learner_id and s.finished_at and (r := reports.get(s.id))]
        )
        for p in people
    }
    means = habit_means(finished)
    return page(
        request,
        "trainer_team.html",
        team=team,
        people=people,
        assignments=assignments,
        grid=grid,
        done=done,
        scenarios=library.all(),
        titles={s.id: s.title for s in library.all()},
        means=means,
        weakest=weakest(means),
        per_person=per_person,
        habits=HABITS,
        habit_names=HABIT_NAMES,
        filters=view,
        shown=len(shown),
    )


@router.get("/{team_id}/results.csv")
def team_csv(
    team_id: str,
    request: Request,
    library: LibraryDep,
    repo: RepoDep,
    _: TrainerUserDep,
    view: Annotated[Filters, Depends()],
) -> Response:
    team = team_or_404(request, team_id)
    people, sessions, reports = _team_sessions(request, repo, library, team)
    names = {p.learner_id: p.name for p in people}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "learner",
            "learner_id",
            "scenario_id",
            "started_at",
            "finished_at",
            "practice",
            "ending",
            "passed",
            "overall",
            *HABITS,
        ]
    )
    for s in view.apply(sessions):
        r = reports.get(s.id)
        writer.writerow(
            [
                safe_cell(names.get(s.learner_id, "")),
                safe_cell(s.learner_id),
                s.scenario_id,
                s.created_at.isoformat(),
                s.finished_at.isoformat() if s.finished_at else "",
                s.practice,
                s.state.ending or "",
                r.passed if r else "",
                r.overall if r else "",
                *((r.habits[h] for h in HABITS) if r else ("",) * len(HABITS)),
            ]
        )
    filename = "".join(c if c.isalnum() else "-" for c in team.name)[:60]
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="team-{filename}.csv"'},
    )


def _team_sessions(
    request: Request, repo: RepoDep, library: LibraryDep, team: Team
) -> tuple[list[User], list[Any], dict[str, Any]]:
    ids = set(repo_of(request).members(team.id))
    people = [u for u in accounts(request).users() if u.id in ids]
    sessions = repo.sessions(learners=[p.learner_id for p in people]) if people else []
    return people, sessions, reports_of(repo, library, sessions)


@dataclass
class Filters:
    """The team page's and its CSV's view: one scenario (empty: all) and a range of days (YYYY-MM-DD)."""

    scenario: str = Query("", max_length=64)
    since: str = Query("", max_length=10)
    until: str = Query("", max_length=10)

    def apply(self, sessions: list[Any]) -> list[Any]:
        start, end = _day(self.since, "since"), _day(self.until, "until", end=True)
        return [
            s
            for s in sessions
            if (not self.scenario or s.scenario_id == self.scenario)
            and (start is None or s.created_at >= start)
            and (end is None or s.created_at <= end)
        ]


def _day(value: str, field: str, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD form value as the start (or end) of that day in UTC; empty is no bound."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise ApiError(
            422, "invalid_form", "a date as YYYY-MM-DD", [{"field": field, "message": value[:20]}]
        ) from error
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
