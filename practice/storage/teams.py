"""`SqlTeamRepository`: teams, members and assignments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from practice.storage import tables
from practice.storage.rows import aware
from practice.teams.model import Assignment, Team, TeamError

T, M, A = tables.teams, tables.team_members, tables.assignments


class SqlTeamRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_team(self, team: Team) -> None:
        try:
            with self.engine.begin() as db:
                db.execute(insert(T).values(id=team.id, name=team.name, created_at=team.created_at))
        except IntegrityError as error:
            raise TeamError("name", f"a team called {team.name!r} exists") from error

    def teams(self) -> list[Team]:
        with self.engine.connect() as db:
            return [_team(r) for r in db.execute(select(T).order_by(T.c.name)).mappings()]

    def team(self, team_id: str) -> Team | None:
        with self.engine.connect() as db:
            row = db.execute(select(T).where(T.c.id == team_id)).mappings().first()
        return _team(row) if row else None

    def add_member(self, team_id: str, user_id: str) -> None:
        with self.engine.begin() as db:
            known = db.execute(select(M).where(M.c.team_id == team_id, M.c.user_id == user_id)).first()
            if known is None:
                db.execute(insert(M).values(team_id=team_id, user_id=user_id))

    def members(self, team_id: str) -> list[str]:
        with self.engine.connect() as db:
            return [str(r[0]) for r in db.execute(select(M.c.user_id).where(M.c.team_id == team_id))]

    def teams_of(self, user_id: str) -> list[Team]:
        query = select(T).join(M, M.c.team_id == T.c.id).where(M.c.user_id == user_id).order_by(T.c.name)
        with self.engine.connect() as db:
            return [_team(r) for r in db.execute(query).mappings()]

    def add_assignment(self, assignment: Assignment) -> None:
        with self.engine.begin() as db:
            db.execute(insert(A).values(**assignment.__dict__))

    def assignments(self, team_ids: list[str]) -> list[Assignment]:
        if not team_ids:
            return []
        query = (
            select(A)
            .where(A.c.team_id.in_(team_ids))
            .order_by(A.c.due_at.is_(None), A.c.due_at, A.c.created_at)
        )
        with self.engine.connect() as db:
            return [_assignment(r) for r in db.execute(query).mappings()]


def _team(row: Any) -> Team:
    return Team(row["id"], row["name"], aware(row["created_at"]) or row["created_at"])


def _assignment(row: Any) -> Assignment:
    return Assignment(
        row["id"],
        row["team_id"],
        row["scenario_id"],
        aware(row["due_at"]),
        float(row["pass_mark"]),
        int(row["attempts"]),
        row["created_by"],
        aware(row["created_at"]) or row["created_at"],
    )
