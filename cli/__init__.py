"""The `practice` command line (cli/): one module per group of commands, wired here. It sits beside the HTTP edge
(api/), which the `serve` command starts."""

from __future__ import annotations

import argparse
import sys

from cli import corrections, encoder, keys, lti, scenarios, score, serve, users
from practice.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="practice", description="Listening Gym: active-listening practice.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (serve, score, scenarios, keys, lti, users, corrections, encoder):
        module.register(commands)
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValueError as error:
        print(f"practice: configuration error: {error}", file=sys.stderr)
        return 2
    code: int = args.run(settings, args)
    return code
