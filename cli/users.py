"""`practice users create|list`: accounts from the command line, such as the first admin."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from typing import Any

from practice.accounts.model import ROLES, AccountError
from practice.accounts.service import create_user
from practice.settings import Settings
from practice.storage.accounts import SqlAccountRepository
from practice.storage.migrate import open_database


def register(commands: Any) -> None:
    users = commands.add_parser("users", help="accounts of learners, trainers and admins")
    sub = users.add_subparsers(dest="users_command", required=True)
    create = sub.add_parser("create", help="create an account (the first admin, say); asks for the password")
    create.add_argument("--username", required=True)
    create.add_argument("--name", default="", help="the name trainers see (default: the username)")
    create.add_argument("--role", choices=ROLES, default="learner")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input (for scripts)"
    )
    create.set_defaults(run=_create)
    listing = sub.add_parser("list", help="list accounts (not guests)")
    listing.set_defaults(run=_list)


def _repo(settings: Settings) -> SqlAccountRepository:
    return SqlAccountRepository(open_database(settings.database))


def _create(settings: Settings, args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("practice users: the passwords differ", file=sys.stderr)
            return 2
    try:
        user = create_user(_repo(settings), args.username, args.name, args.role, password, datetime.now(UTC))
    except AccountError as error:
        print(f"practice users: --{error.field}: {error.message}", file=sys.stderr)
        return 2
    print(f"created {user.role} {user.username!r} ({user.name}); they sign in at /signin")
    return 0


def _list(settings: Settings, args: argparse.Namespace) -> int:
    people = _repo(settings).users()
    if not people:
        print("no accounts; create the first admin with: practice users create --username NAME --role admin")
    for user in people:
        print(f"{user.username:<24} {user.role:<8} {user.origin:<9} {user.name}")
    return 0
