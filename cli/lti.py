"""`practice lti add-platform|list`: register an LMS as an LTI 1.3 platform, and show the tool's URLs."""

from __future__ import annotations

import argparse
from typing import Any

from practice.integrations.lti import Platform
from practice.settings import Settings
from practice.storage.lti import SqlLtiRegistry
from practice.storage.migrate import open_database


def register(commands: Any) -> None:
    lti = commands.add_parser("lti", help="LTI 1.3: register platforms (Moodle, Canvas, ...)")
    sub = lti.add_subparsers(dest="lti_command", required=True)
    add = sub.add_parser("add-platform", help="register (or update) a platform from its tool registration")
    add.add_argument("--issuer", required=True, help="the platform's issuer, e.g. https://moodle.example.org")
    add.add_argument("--client-id", required=True, help="the client id the platform gave this tool")
    add.add_argument("--deployment-id", action="append", required=True, dest="deployments", help="repeatable")
    add.add_argument("--login-url", required=True, help="the platform's OIDC authentication request URL")
    add.add_argument("--token-url", required=True, help="the platform's access token URL")
    add.add_argument("--jwks-url", required=True, help="the platform's public keyset URL")
    add.add_argument("--name", default="", help="a label for people")
    add.set_defaults(run=_add)
    listing = sub.add_parser("list", help="the tool's URLs to give a platform, and the registered platforms")
    listing.set_defaults(run=_list)


def _registry(settings: Settings) -> SqlLtiRegistry:
    return SqlLtiRegistry(open_database(settings.database))


def _add(settings: Settings, args: argparse.Namespace) -> int:
    urls = {"--issuer": args.issuer, "--login-url": args.login_url, "--token-url": args.token_url}
    urls["--jwks-url"] = args.jwks_url
    for option, url in urls.items():
        if not url.startswith(("https://", "http://")):
            print(f"practice lti: {option} must be an http(s) URL, got {url!r}")
            return 2
    platform = Platform(
        args.issuer.rstrip("/"),
        args.client_id,
        tuple(args.deployments),
        args.login_url,
        args.token_url,
        args.jwks_url,
        args.name,
    )
    _registry(settings).add_platform(platform)
    print(
        f"registered {platform.issuer} (client {platform.client_id}, deployments {', '.join(platform.deployment_ids)})"
    )
    return 0


def _list(settings: Settings, args: argparse.Namespace) -> int:
    base = settings.public_url
    print("Tool registration (give these to the platform):")
    print(f"  login initiation URL  {base}/lti/login")
    print(f"  redirect / launch URL {base}/lti/launch")
    print(f"  deep linking URL      {base}/lti/launch")
    print(f"  public keyset (JWKS)  {base}/lti/jwks")
    platforms = _registry(settings).platforms()
    print("Registered platforms:" if platforms else "No platforms yet: practice lti add-platform --help")
    for p in platforms:
        print(f"  {p.issuer}  client {p.client_id}  deployments {', '.join(p.deployment_ids)}  {p.name}")
    return 0
