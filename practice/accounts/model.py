"""Who uses the gym: learners, trainers and admins, with a learner id that their practice sessions carry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

Role = Literal["learner", "trainer", "admin"]
ROLES: tuple[Role, ...] = ("learner", "trainer", "admin")
# How a person came to have an account: signed up with a password, tried the gym anonymously, or launched it
# from a learning platform (LTI).
Origin = Literal["password", "guest", "lti"]


@dataclass(frozen=True)
class User:
    id: str
    username: str  # unique, lower case; for guests and LTI users a generated handle
    name: str  # what trainers see
    role: Role
    learner_id: str  # what their sessions, results and xAPI statements carry
    origin: Origin
    created_at: datetime

    @property
    def is_trainer(self) -> bool:
        return self.role in ("trainer", "admin")


@dataclass(frozen=True)
class Invite:
    role: Role
    created_by: str  # the inviting user's id
    expires_at: datetime
    used_at: datetime | None


class AccountError(ValueError):
    """A request about accounts that cannot be granted; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AccountRepository(Protocol):
    def add_user(self, user: User, password_hash: str | None) -> None: ...

    def user(self, user_id: str) -> User | None: ...

    def by_username(self, username: str) -> tuple[User, str | None] | None: ...

    def by_learner_id(self, learner_id: str) -> User | None: ...

    def users(self, role: Role | None = None) -> list[User]: ...

    def names(self, learner_ids: list[str]) -> dict[str, str]:
        """The display names of those learner ids that have an account (guests are called "Guest")."""
        ...

    def set_password_hash(self, user_id: str, password_hash: str) -> None: ...

    def add_sign_in(
        self, token_hash: str, user_id: str, created_at: datetime, expires_at: datetime
    ) -> None: ...

    def signed_in(self, token_hash: str, now: datetime) -> User | None: ...

    def end_sign_in(self, token_hash: str) -> None: ...

    def add_invite(self, token_hash: str, invite: Invite, created_at: datetime) -> None: ...

    def invite(self, token_hash: str) -> Invite | None: ...

    def redeem_invite(self, token_hash: str, user: User, password_hash: str, now: datetime) -> bool:
        """In one transaction: mark the invite used if it is unused and unexpired, and add `user`; False (and
        nothing stored) when the invite was already used or expired."""
        ...
