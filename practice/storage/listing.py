"""Reading sessions in bulk for trainers and learning platforms: pages newest first (keyset, so a page costs the
same however many sessions there are), the turns of many sessions in one query, attempt counts by scenario."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Engine, and_, func, or_, select

from practice.sessions.model import Cursor, Session, Turn
from practice.storage import tables
from practice.storage.rows import session_of, turn_of

S, T = tables.sessions, tables.turns


def sessions(
    engine: Engine,
    learner_id: str | None = None,
    scenario_id: str | None = None,
    limit: int | None = None,
    after: Cursor | None = None,
    learners: Sequence[str] | None = None,
) -> list[Session]:
    # A trainer's preview of a draft (Session.preview) counts nowhere.
    query = select(S).where(S.c.scenario_version >= 1).order_by(S.c.created_at.desc(), S.c.id.desc())
    if learner_id is not None:
        query = query.where(S.c.learner_id == learner_id)
    if learners is not None:
        query = query.where(S.c.learner_id.in_(list(learners)[:1000]))
    if scenario_id is not None:
        query = query.where(S.c.scenario_id == scenario_id)
    if after is not None:
        at, session_id = after
        query = query.where(or_(S.c.created_at < at, and_(S.c.created_at == at, S.c.id < session_id)))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as db:
        return [session_of(r) for r in db.execute(query).mappings()]


def turns_by_session(
    engine: Engine, session_ids: Sequence[str], superseded: bool = False
) -> dict[str, list[Turn]]:
    found: dict[str, list[Turn]] = defaultdict(list)
    for start in range(0, len(session_ids), 500):  # bounded IN lists
        chunk = session_ids[start : start + 500]
        query = select(T).where(T.c.session_id.in_(chunk)).order_by(T.c.turn_index, T.c.id)
        if not superseded:
            query = query.where(T.c.superseded.is_(False))
        with engine.connect() as db:
            for row in db.execute(query).mappings():
                found[row["session_id"]].append(turn_of(row))
    return {sid: found.get(sid, []) for sid in session_ids}


def attempt_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as db:
        return {
            sid: int(n)
            for sid, n in db.execute(
                select(S.c.scenario_id, func.count())
                .where(S.c.scenario_version >= 1)
                .group_by(S.c.scenario_id)
            )
        }
