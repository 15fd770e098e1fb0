"""`practice corrections export`: trainers' corrections as training examples (the corpus's JSON Lines format)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from practice.scenarios.library import ScenarioLibrary, UnknownScenario
from practice.sessions.model import SessionRepository
from practice.sessions.review import as_example
from practice.sessions.service import scenario_for
from practice.settings import Settings
from practice.storage.migrate import open_database
from practice.storage.sql import SqlSessionRepository


def register(commands: Any) -> None:
    corrections = commands.add_parser("corrections", help="trainers' corrections of the scorer's judgements")
    sub = corrections.add_subparsers(dest="corrections_command", required=True)
    export = sub.add_parser("export", help="write them as labelled examples in the training corpus's format")
    export.add_argument("--out", type=Path, help="a .jsonl file (default: standard output)")
    export.set_defaults(run=_export)


def examples_of(repo: SessionRepository, library: ScenarioLibrary) -> list[dict[str, Any]]:
    """Each correction of a turn still in its conversation, as a corpus line in its scenario's language."""
    corrections = repo.all_corrections()
    ids = list(dict.fromkeys(c.session_id for c in corrections))
    turns = repo.turns_by_session(ids)  # one query for every corrected session's conversation
    languages: dict[str, str | None] = {}
    for session_id in ids:
        found = repo.get_session(session_id)
        try:
            languages[session_id] = scenario_for(repo, library, found[0]).language if found else None
        except UnknownScenario:
            languages[session_id] = None
    lines = []
    for correction in corrections:
        turn = next((t for t in turns[correction.session_id] if t.index == correction.turn_index), None)
        language = languages[correction.session_id]
        if turn is not None and language is not None:
            lines.append(as_example(turn, correction, language))
    return lines


def deployment_examples(settings: Settings) -> list[dict[str, Any]]:
    library = ScenarioLibrary(settings.scenarios_dir, check_every=0)
    return examples_of(SqlSessionRepository(open_database(settings.database)), library)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    lines = deployment_examples(settings)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"practice corrections: {len(lines)} examples", file=sys.stderr)
    return 0
