"""`SqlLtiRegistry`: registered platforms, one-time login states, and the tool's signing key — all in the
database, so any replica can answer the launch that follows another replica's login."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from practice.integrations.lti import Platform
from practice.storage import tables


class SqlLtiRegistry:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_platform(self, platform: Platform) -> None:
        t = tables.lti_platforms
        with self.engine.begin() as db:
            db.execute(delete(t).where(t.c.issuer == platform.issuer, t.c.client_id == platform.client_id))
            db.execute(
                insert(t).values(
                    issuer=platform.issuer,
                    client_id=platform.client_id,
                    deployment_ids=list(platform.deployment_ids),
                    login_url=platform.login_url,
                    token_url=platform.token_url,
                    jwks_url=platform.jwks_url,
                    name=platform.name,
                )
            )

    def platforms(self, issuer: str | None = None) -> list[Platform]:
        t = tables.lti_platforms
        query = select(t).order_by(t.c.issuer, t.c.client_id)
        if issuer is not None:
            query = query.where(t.c.issuer == issuer)
        with self.engine.connect() as db:
            rows = db.execute(query).mappings().all()
        return [
            Platform(
                r["issuer"],
                r["client_id"],
                tuple(r["deployment_ids"]),
                r["login_url"],
                r["token_url"],
                r["jwks_url"],
                r["name"],
            )
            for r in rows
        ]

    def platform(self, issuer: str, client_id: str | None = None) -> Platform | None:
        """The platform by issuer (and client id, when the issuer has several registrations)."""
        found = [p for p in self.platforms(issuer) if client_id in (None, p.client_id)]
        return found[0] if len(found) == 1 else None

    def new_state(self, issuer: str, client_id: str, now: datetime) -> tuple[str, str]:
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.engine.begin() as db:
            db.execute(
                insert(tables.lti_states).values(
                    state=state, nonce=nonce, issuer=issuer, client_id=client_id, created_at=now
                )
            )
            # Logins nobody finished are forgotten after a day.
            db.execute(
                delete(tables.lti_states).where(tables.lti_states.c.created_at < now - timedelta(days=1))
            )
        return state, nonce

    def take_state(self, state: str, now: datetime, max_age: timedelta) -> tuple[str, str, str] | None:
        """(nonce, issuer, client_id) of a login started less than `max_age` ago; usable once."""
        t = tables.lti_states
        with self.engine.begin() as db:
            row = db.execute(select(t).where(t.c.state == state)).mappings().first()
            if row is None or not db.execute(delete(t).where(t.c.state == state)).rowcount:
                return None
        created = row["created_at"]
        if created.tzinfo is None:
            created = created.replace(tzinfo=now.tzinfo)
        if now - created > max_age:
            return None
        return row["nonce"], row["issuer"], row["client_id"]

    def tool_key(self, generate: Callable[[], tuple[str, str]], now: datetime) -> tuple[str, str]:
        """(kid, private PEM) of the tool's signing key, made by `generate` the first time it is needed."""
        t = tables.lti_tool_keys
        with self.engine.connect() as db:
            row = db.execute(select(t).order_by(t.c.created_at).limit(1)).first()
        if row is not None:
            return str(row[0]), str(row[1])
        kid, pem = generate()
        try:
            with self.engine.begin() as db:
                db.execute(insert(t).values(kid=kid, private_pem=pem, created_at=now))
        except IntegrityError:
            pass
        with self.engine.connect() as db:  # two replicas may race: both use the first key stored
            first = db.execute(select(t).order_by(t.c.created_at, t.c.kid).limit(1)).one()
        return str(first[0]), str(first[1])
