"""`SqlAccountRepository`: users, their sign-ins and invites."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from practice.accounts.model import AccountError, Invite, Role, User
from practice.storage import tables
from practice.storage.rows import aware

U = tables.users


class SqlAccountRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_user(self, user: User, password_hash: str | None) -> None:
        try:
            with self.engine.begin() as db:
                db.execute(insert(U).values(**_row(user), password_hash=password_hash))
        except IntegrityError as error:
            raise AccountError("username", f"{user.username!r} is taken") from error

    def user(self, user_id: str) -> User | None:
        return self._one(U.c.id == user_id)

    def by_learner_id(self, learner_id: str) -> User | None:
        return self._one(U.c.learner_id == learner_id)

    def by_username(self, username: str) -> tuple[User, str | None] | None:
        with self.engine.connect() as db:
            row = db.execute(select(U).where(U.c.username == username)).mappings().first()
        return (_user(row), row["password_hash"]) if row else None

    def users(self, role: Role | None = None) -> list[User]:
        query = select(U).where(U.c.origin != "guest").order_by(U.c.name, U.c.username)
        if role is not None:
            query = query.where(U.c.role == role)
        with self.engine.connect() as db:
            return [_user(r) for r in db.execute(query).mappings()]

    def names(self, learner_ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(learner_ids))
        for start in range(0, len(unique), 500):
            query = select(U.c.learner_id, U.c.name).where(U.c.learner_id.in_(unique[start : start + 500]))
            with self.engine.connect() as db:
                found.update({str(i): str(n) for i, n in db.execute(query)})
        return found

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        with self.engine.begin() as db:
            db.execute(update(U).where(U.c.id == user_id).values(password_hash=password_hash))

    def add_sign_in(self, token_hash: str, user_id: str, created_at: datetime, expires_at: datetime) -> None:
        with self.engine.begin() as db:
            db.execute(
                insert(tables.sign_ins).values(
                    token_hash=token_hash, user_id=user_id, created_at=created_at, expires_at=expires_at
                )
            )

    def signed_in(self, token_hash: str, now: datetime) -> User | None:
        s = tables.sign_ins
        query = (
            select(U).join(s, s.c.user_id == U.c.id).where(s.c.token_hash == token_hash, s.c.expires_at > now)
        )
        with self.engine.connect() as db:
            row = db.execute(query).mappings().first()
        return _user(row) if row else None

    def end_sign_in(self, token_hash: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(tables.sign_ins).where(tables.sign_ins.c.token_hash == token_hash))

    def add_invite(self, token_hash: str, invite: Invite, created_at: datetime) -> None:
        with self.engine.begin() as db:
            db.execute(
                insert(tables.invites).values(
                    token_hash=token_hash,
                    role=invite.role,
                    created_by=invite.created_by,
                    created_at=created_at,
                    expires_at=invite.expires_at,
                    used_at=None,
                )
            )

    def invite(self, token_hash: str) -> Invite | None:
        i = tables.invites
        with self.engine.connect() as db:
            row = db.execute(select(i).where(i.c.token_hash == token_hash)).mappings().first()
        if row is None:
            return None
        return Invite(row["role"], row["created_by"], _at(row["expires_at"]), aware(row["used_at"]))

    def redeem_invite(self, token_hash: str, user: User, password_hash: str, now: datetime) -> bool:
        i = tables.invites
        open_invite = (i.c.token_hash == token_hash) & i.c.used_at.is_(None) & (i.c.expires_at > now)
        try:
            with self.engine.begin() as db:
                if db.execute(update(i).where(open_invite).values(used_at=now)).rowcount != 1:
                    return False
                db.execute(insert(U).values(**_row(user), password_hash=password_hash))
        except IntegrityError as error:  # the name was taken meanwhile: the invite stays unused
            raise AccountError("username", f"{user.username!r} is taken") from error
        return True

    def _one(self, where: Any) -> User | None:
        with self.engine.connect() as db:
            row = db.execute(select(U).where(where)).mappings().first()
        return _user(row) if row else None


def _row(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "role": user.role,
        "learner_id": user.learner_id,
        "origin": user.origin,
        "created_at": user.created_at,
    }


def _at(value: datetime) -> datetime:
    return aware(value) or value


def _user(row: Any) -> User:
    return User(
        row["id"],
        row["username"],
        row["name"],
        row["role"],
        row["learner_id"],
        row["origin"],
        _at(row["created_at"]),
    )
