"""The rules of xAPI 1.0.3 (Data part, section 2) that our statements must follow, as a checker for tests and for
the LRS stand-in. Returns the list of violations; empty means conformant."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
# ISO 8601 durations: PnYnMnDTnHnMnS, any part optional, seconds may carry a fraction.
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def is_iri(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)


def _uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and uuid.UUID(value).variant == uuid.RFC_4122
    except ValueError:
        return False


def _language_map(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(LANGUAGE_TAG.match(k) and isinstance(v, str) for k, v in value.items())
    )


def _activity(value: Any, where: str) -> list[str]:
    problems = []
    if not isinstance(value, dict) or not is_iri(value.get("id")):
        return [f"{where}: an Activity needs an IRI id"]
    if value.get("objectType", "Activity") != "Activity":
        problems.append(f"{where}.objectType must be Activity")
    definition = value.get("definition", {})
    if "name" in definition and not _language_map(definition["name"]):
        problems.append(f"{where}.definition.name must be a language map")
    if "type" in definition and not is_iri(definition["type"]):
        problems.append(f"{where}.definition.type must be an IRI")
    return problems


def violations(statement: dict[str, Any]) -> list[str]:
    problems = [f"unknown property {k!r}" for k in set(statement) - STATEMENT_KEYS]
    if not _uuid(statement.get("id")):
        problems.append("id must be a UUID")
    actor = statement.get("actor", {})
    ifis = [k for k in IFIS if k in actor]
    if actor.get("objectType", "Agent") != "Agent" or len(ifis) != 1:
        problems.append("actor must be an Agent with exactly one inverse functional identifier")
    elif ifis == ["account"]:
        account = actor["account"]
        if set(account) != {"homePage", "name"} or not is_iri(account["homePage"]) or not account["name"]:
            problems.append("actor.account needs homePage (an IRL) and name")
    verb = statement.get("verb", {})
    if not is_iri(verb.get("id")) or ("display" in verb and not _language_map(verb["display"])):
        problems.append("verb needs an IRI id and a language-map display")
    problems += _activity(statement.get("object"), "object")
    result = statement.get("result", {})
    problems += [f"unknown result property {k!r}" for k in set(result) - RESULT_KEYS]
    score = result.get("score", {})
    if "scaled" in score and not (isinstance(score["scaled"], int | float) and -1 <= score["scaled"] <= 1):
        problems.append("result.score.scaled must lie in [-1, 1]")
    if "raw" in score and not (
        score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"])
    ):
        problems.append("result.score.raw must lie between min and max")
    for flag in ("success", "completion"):
        if flag in result and not isinstance(result[flag], bool):
            problems.append(f"result.{flag} must be a boolean")
    if "duration" in result and not DURATION.match(str(result["duration"])):
        problems.append("result.duration must be an ISO 8601 duration")
    for key in result.get("extensions", {}):
        if not is_iri(key):
            problems.append(f"extension key {key!r} must be an IRI")
    context = statement.get("context", {})
    problems += [f"unknown context property {k!r}" for k in set(context) - CONTEXT_KEYS]
    if "registration" in context and not _uuid(context["registration"]):
        problems.append("context.registration must be a UUID")
    if "language" in context and not LANGUAGE_TAG.match(context["language"]):
        problems.append("context.language must be an RFC 5646 tag")
    for kind, activities in context.get("contextActivities", {}).items():
        for i, activity in enumerate(activities if isinstance(activities, list) else [activities]):
            problems += _activity(activity, f"context.contextActivities.{kind}[{i}]")
    try:
        stamp = datetime.fromisoformat(statement["timestamp"])
        if stamp.tzinfo is None:
            problems.append("timestamp must carry a time zone")
    except (KeyError, TypeError, ValueError):
        problems.append("timestamp must be ISO 8601")
    if "version" in statement and not str(statement["version"]).startswith("1.0."):
        problems.append("version must be 1.0.x")
    return problems
