"""LTI 1.3 as plain values: platforms, the claims of a launch and what they must say, the deep-linking answer,
and the grade that goes back through Assignment and Grade Services (as an outbox item).

Signatures and keys are checked at the edge (web/lti.py, adapters/lti_*.py); this module judges the claims once they are authentic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlparse
from uuid import NAMESPACE_URL, uuid5

from practice.outbox import OutboxItem
from practice.scenarios.model import Scenario
from practice.sessions.debrief import debrief
from practice.sessions.model import Session, Turn

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
RESOURCE_LINK = "LtiResourceLinkRequest"
DEEP_LINKING = "LtiDeepLinkingRequest"


@dataclass(frozen=True)
class Platform:
    """A registered LMS: where to send learners to log in, get tokens, and find its signing keys."""

    issuer: str
    client_id: str
    deployment_ids: tuple[str, ...]
    login_url: str  # OIDC authorization endpoint
    token_url: str  # OAuth 2 token endpoint (for grade passback)
    jwks_url: str
    name: str = ""


@dataclass(frozen=True)
class Launch:
    kind: str  # RESOURCE_LINK or DEEP_LINKING
    platform: Platform
    deployment_id: str
    user: str  # the platform's `sub`
    learner_id: str  # ours: stable per platform and user, and no personal data
    scenario_id: str | None  # for a resource link
    lineitem: str | None  # where the score goes, when the platform granted the score scope
    deep_link: dict[str, Any] = field(default_factory=dict)  # deep_linking_settings
    name: str = ""  # the person's name, when the platform shares it (the `name` claim)


class LaunchRejected(ValueError):
    """The launch's claims are not acceptable; `claim` names the one at fault."""

    def __init__(self, claim: str, message: str) -> None:
        super().__init__(message)
        self.claim = claim


def learner_id(platform: Platform, user: str) -> str:
    digest = hashlib.sha256(f"{platform.issuer}\n{platform.client_id}\n{user}".encode()).hexdigest()
    return f"lti-{digest[:40]}"


def read_launch(claims: dict[str, Any], platform: Platform, nonce: str) -> Launch:
    """Check the claims of an authentic id_token (LTI 1.3 core, section 5) and read what we need."""

    def need(name: str, value: Any) -> Any:
        if value in (None, "", [], {}):
            raise LaunchRejected(name, f"the launch lacks {name}")
        return value

    if claims.get("nonce") != nonce:
        raise LaunchRejected("nonce", "the launch's nonce is not the one this login issued")
    if need(LTI + "version", claims.get(LTI + "version")) != "1.3.0":
        raise LaunchRejected(LTI + "version", "only LTI 1.3.0 launches are accepted")
    kind = need(LTI + "message_type", claims.get(LTI + "message_type"))
    if kind not in (RESOURCE_LINK, DEEP_LINKING):
        raise LaunchRejected(LTI + "message_type", f"message type {kind!r} is not supported")
    deployment = need(LTI + "deployment_id", claims.get(LTI + "deployment_id"))
    if deployment not in platform.deployment_ids:
        raise LaunchRejected(LTI + "deployment_id", f"deployment {deployment!r} is not registered")
    user = str(need("sub", claims.get("sub")))
    scenario_id = None
    lineitem = None
    settings: dict[str, Any] = {}
    if kind == RESOURCE_LINK:
        need(LTI + "resource_link", (claims.get(LTI + "resource_link") or {}).get("id"))
        target = str(need(LTI + "target_link_uri", claims.get(LTI + "target_link_uri")))
        custom = claims.get(LTI + "custom") or {}
        scenario_id = custom.get("scenario") or parse_qs(urlparse(target).query).get("scenario", [None])[0]
        need(LTI + "custom.scenario", scenario_id)
        endpoint = claims.get(AGS) or {}
        if SCORE_SCOPE in endpoint.get("scope", []) and endpoint.get("lineitem"):
            lineitem = str(endpoint["lineitem"])
    else:
        settings = dict(need(DL + "deep_linking_settings", claims.get(DL + "deep_linking_settings")))
        need(DL + "deep_linking_settings.deep_link_return_url", settings.get("deep_link_return_url"))
        if "ltiResourceLink" not in settings.get("accept_types", []):
            raise LaunchRejected(
                DL + "deep_linking_settings.accept_types", "the platform takes no resource links"
            )
    name = claims.get("name")
    return Launch(
        kind,
        platform,
        deployment,
        user,
        learner_id(platform, user),
        scenario_id,
        lineitem,
        settings,
        name=name.strip()[:100] if isinstance(name, str) else "",
    )


def deep_link_response(launch: Launch, scenario: Scenario, launch_url: str, now: int) -> dict[str, Any]:
    """The claims of the LtiDeepLinkingResponse that places `scenario` in the course, graded out of 100."""
    claims: dict[str, Any] = {
        "iss": launch.platform.client_id,
        "aud": launch.platform.issuer,
        "iat": now,
        "exp": now + 600,
        "nonce": hashlib.sha256(f"{launch.user}{now}{scenario.id}".encode()).hexdigest()[:32],
        LTI + "message_type": "LtiDeepLinkingResponse",
        LTI + "version": "1.3.0",
        LTI + "deployment_id": launch.deployment_id,
        DL + "content_items": [
            {
                "type": "ltiResourceLink",
                "title": scenario.title,
                "url": launch_url,
                "custom": {"scenario": scenario.id},
                "lineItem": {"scoreMaximum": 100, "label": scenario.title, "resourceId": scenario.id},
            }
        ],
    }
    if "data" in launch.deep_link:
        claims[DL + "data"] = launch.deep_link["data"]
    return claims


@dataclass(frozen=True)
class GradeReporter:
    """On a finished LTI session, an outbox item of kind "ags": the score for the platform's gradebook."""

    def turn_taken(
        self, session: Session, scenario: Scenario, turn: Turn, since: datetime
    ) -> list[OutboxItem]:
        return []

    def session_finished(
        self, session: Session, scenario: Scenario, turns: list[Turn], at: datetime | None = None
    ) -> list[OutboxItem]:
        link = session.lti
        if not link or not link.get("lineitem"):
            return []
        report = debrief(scenario, session, turns)
        finished = at or session.finished_at or session.created_at
        score = {
            "userId": link["user"],
            "scoreGiven": round(report.overall * 100, 2),
            "scoreMaximum": 100,
            "activityProgress": "Completed",
            "gradingProgress": "FullyGraded",
            "timestamp": finished.isoformat(),
            "comment": f"{scenario.title}: {'passed' if report.passed else 'not passed yet'}",
        }
        # One item per grade: a correction that changes the grade sends the new one (later timestamp, which the
        # platform keeps); one that does not is the same item, sent once.
        item_id = str(uuid5(NAMESPACE_URL, f"{link['lineitem']}#{session.id}#{score['scoreGiven']}"))
        payload = {"score": score, "issuer": link["issuer"], "client_id": link["client_id"]}
        return [OutboxItem(item_id, "ags", payload, target=link["lineitem"])]


def scores_url(lineitem: str) -> str:
    """The line item's /scores endpoint, keeping any query string (LTI AGS 2.0, section 3.4)."""
    parsed = urlparse(lineitem)
    return parsed._replace(path=parsed.path.rstrip("/") + "/scores").geturl()
