"""`practice keys create|list|revoke` and `practice outbox`: the admin's commands for integrations."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from practice.integrations.keys import DEFAULT_RATE_PER_MINUTE, SCOPES, InvalidKeyRequest, create_key
from practice.settings import Settings
from practice.storage.keys import SqlKeyRepository
from practice.storage.migrate import open_database
from practice.storage.outbox import SqlOutbox


def register(commands: Any) -> None:
    keys = commands.add_parser("keys", help="API keys for integrations (LMS, scoring clients)")
    sub = keys.add_subparsers(dest="keys_command", required=True)
    create = sub.add_parser("create", help="create a key; it is printed once and stored only as a hash")
    create.add_argument("--name", required=True, help="who uses it, e.g. 'moodle-prod'")
    create.add_argument(
        "--scope", action="append", dest="scopes", choices=SCOPES, required=True, help="repeatable"
    )
    create.add_argument("--rate", type=int, default=DEFAULT_RATE_PER_MINUTE, help="requests per minute")
    create.set_defaults(run=_create)
    listing = sub.add_parser("list", help="list keys (never their secrets)")
    listing.set_defaults(run=_list)
    revoke = sub.add_parser("revoke", help="revoke a key by id, or every active key with that name")
    revoke.add_argument("key", help="key id (the 12 hex digits after 'gym_') or name")
    revoke.set_defaults(run=_revoke)
    outbox = commands.add_parser(
        "outbox", help="how many xAPI statements and scores are delivered or waiting"
    )
    outbox.set_defaults(run=_outbox)


def _repo(settings: Settings) -> SqlKeyRepository:
    return SqlKeyRepository(open_database(settings.database))


def _create(settings: Settings, args: argparse.Namespace) -> int:
    try:
        new, secret_hash = create_key(args.name, args.scopes, args.rate, datetime.now(UTC))
    except InvalidKeyRequest as error:
        print(f"practice keys: {error}", file=sys.stderr)
        return 2
    _repo(settings).add_key(new.key, secret_hash)
    print(new.secret)
    print(
        f"key {new.key.id} '{new.key.name}', scopes {', '.join(new.key.scopes)}, {new.key.rate_per_minute}/min;"
        " send it as the X-API-Key header. It is not shown again.",
        file=sys.stderr,
    )
    return 0


def _list(settings: Settings, args: argparse.Namespace) -> int:
    rows = _repo(settings).keys()
    if not rows:
        print("no keys; create one with: practice keys create --name NAME --scope score")
    for key in rows:
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        print(f"{key.id}  {key.name:<24} {','.join(key.scopes):<24} {key.rate_per_minute:>6}/min  {state}")
    return 0


def _revoke(settings: Settings, args: argparse.Namespace) -> int:
    revoked = _repo(settings).revoke(args.key, datetime.now(UTC))
    if not revoked:
        print(f"practice keys: no active key with id or name {args.key!r}", file=sys.stderr)
        return 1
    for key in revoked:
        print(f"revoked {key.id} '{key.name}'")
    return 0


def _outbox(settings: Settings, args: argparse.Namespace) -> int:
    counts = SqlOutbox(open_database(settings.database)).counts()
    print(f"delivered {counts['delivered']}, waiting {counts['pending']}, given up {counts['given_up']}")
    return 0
