"""Accounts: creating people, signing in and out, one-time invites, guests and platform (LTI) users.

Passwords are hashed with argon2id (argon2-cffi); sign-in and invite tokens are random and stored only as their
SHA-256, so a copy of the database lets nobody sign in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from practice.accounts.model import ROLES, AccountError, AccountRepository, Invite, Role, User

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 200
INVITE_DAYS = 7
_HASHER = PasswordHasher()
# Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password anyone has")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise AccountError(
            "username",
            "3 to 40 characters: lower-case letters, digits, '.', '_' or '-', starting with one of the first two",
        )
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError("password", f"{MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise AccountError("role", f"one of {', '.join(ROLES)}")


def new_user(username: str, name: str, role: Role, now: datetime) -> User:
    username = check_username(username)
    display = " ".join(name.split())[:100] or username
    return User(secrets.token_hex(8), username, display, role, username, "password", now)


def create_user(
    repo: AccountRepository, username: str, name: str, role: str, password: str, now: datetime
) -> User:
    """A person who signs in with a password: what `practice users create` makes."""
    user = new_user(username, name, check_role(role), now)
    check_password(password)
    if repo.by_username(user.username) is not None:
        raise AccountError("username", f"{user.username!r} is taken")
    repo.add_user(user, _HASHER.hash(password))
    return user


def authenticate(repo: AccountRepository, username: str, password: str) -> User | None:
    """The user whose password this is, or None; as slow for an unknown name as for a wrong password."""
    found = repo.by_username(username.strip().lower()[:40])
    stored = found[1] if found and found[1] else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if found is None or found[1] is None:
        return None
    user = found[0]
    if _HASHER.check_needs_rehash(stored):
        repo.set_password_hash(user.id, _HASHER.hash(password))
    return user


def sign_in(repo: AccountRepository, user: User, now: datetime, days: float) -> str:
    """A new server-side sign-in for `user`; the token goes in the browser's cookie, only its hash is stored."""
    token = secrets.token_urlsafe(32)
    repo.add_sign_in(token_hash(token), user.id, now, now + timedelta(days=days))
    return token


def signed_in_user(repo: AccountRepository, token: str, now: datetime) -> User | None:
    if not 20 <= len(token) <= 100:
        return None
    return repo.signed_in(token_hash(token), now)


def sign_out(repo: AccountRepository, token: str) -> None:
    repo.end_sign_in(token_hash(token))


def invite(repo: AccountRepository, by: User, role: str, now: datetime) -> str:
    """A one-time sign-up link's token. Trainers invite learners; only admins invite trainers and admins."""
    wanted = check_role(role)
    if not by.is_trainer or (wanted != "learner" and by.role != "admin"):
        raise AccountError("role", f"a {by.role} cannot invite a {wanted}")
    token = secrets.token_urlsafe(24)
    repo.add_invite(token_hash(token), Invite(wanted, by.id, now + timedelta(days=INVITE_DAYS), None), now)
    return token


def open_invite(repo: AccountRepository, token: str, now: datetime) -> Invite:
    found = repo.invite(token_hash(token)) if len(token) <= 100 else None
    if found is None or found.used_at is not None or found.expires_at <= now:
        raise AccountError(
            "invite", "this invitation is unknown, used or expired: ask your trainer for a new one"
        )
    return found


def accept_invite(
    repo: AccountRepository, token: str, username: str, name: str, password: str, now: datetime
) -> User:
    """Sign up through an invite: the account gets the invite's role, and the invite cannot be used again."""
    found = open_invite(repo, token, now)
    user = new_user(username, name, found.role, now)
    check_password(password)
    if repo.by_username(user.username) is not None:
        raise AccountError("username", f"{user.username!r} is taken")
    if not repo.redeem_invite(token_hash(token), user, _HASHER.hash(password), now):
        raise AccountError("invite", "this invitation was just used")
    return user


def guest(repo: AccountRepository, now: datetime) -> User:
    """An anonymous quick-try learner: no password, known only to the browser that holds its sign-in."""
    handle = "guest-" + secrets.token_hex(6)
    user = User(secrets.token_hex(8), handle, "Guest", "learner", handle, "guest", now)
    repo.add_user(user, None)
    return user


def platform_user(repo: AccountRepository, learner_id: str, name: str, now: datetime) -> User:
    """The account of a learner launched from a platform, found by the learner id the launch maps to."""
    found = repo.by_learner_id(learner_id)
    if found is not None:
        return found
    handle = learner_id[:20]
    user = User(
        secrets.token_hex(8),
        handle,
        " ".join(name.split())[:100] or handle,
        "learner",
        learner_id,
        "lti",
        now,
    )
    try:
        repo.add_user(user, None)
    except AccountError:  # the same person's other launch made the account a moment ago
        again = repo.by_learner_id(learner_id)
        if again is None:
            raise
        return again
    return user
