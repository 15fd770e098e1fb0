"""Trainer tooling: `practice validate`, `practice check`, `practice play`, `practice schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from practice.scenarios.loader import Problem, ScenarioError, load_scenario_file
from practice.scenarios.model import Scenario
from practice.settings import Settings


def register(commands: Any) -> None:
    validate = commands.add_parser(
        "validate", help="check scenario files; every error names file, line and field"
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the scenarios folder)"
    )
    validate.set_defaults(run=_validate)

    check = commands.add_parser("check", help="run each scenario's exemplar replies through the scorer")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the scenarios folder)")
    check.add_argument("--verbose", action="store_true", help="show every exemplar, not only misjudged ones")
    check.set_defaults(run=_check)

    play = commands.add_parser(
        "play", help="role-play a scenario in the terminal, with feedback after each reply"
    )
    play.add_argument("scenario", help="a scenario id or file")
    play.add_argument("--exam", action="store_true", help="no feedback until the end")
    play.set_defaults(run=_play)

    schema = commands.add_parser("schema", help="print the JSON Schema of the scenario format (for editors)")
    schema.set_defaults(run=_schema)


def scenario_files(paths: list[Path], default: Path) -> list[Path]:
    files: list[Path] = []
    for path in paths or [default]:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def load_all(paths: list[Path], default: Path) -> tuple[list[Scenario], list[Problem]]:
    scenarios, problems = [], []
    for path in scenario_files(paths, default):
        try:
            scenarios.append(load_scenario_file(path))
        except ScenarioError as error:
            problems.extend(error.problems)
    return scenarios, problems


def _validate(settings: Settings, args: argparse.Namespace) -> int:
    files = scenario_files(args.paths, settings.scenarios_dir)
    if not files:
        print(
            f"practice: no scenario files found in {', '.join(map(str, args.paths or [settings.scenarios_dir]))}"
        )
        return 1
    scenarios, problems = load_all(args.paths, settings.scenarios_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    for scenario in scenarios:
        print(
            f"ok  {scenario.id} (version {scenario.version}, {len(scenario.beats)} beats, {scenario.language})"
        )
    bad = len(files) - len(scenarios)
    print(f"{len(scenarios)} valid, {bad} with errors")
    return 1 if problems else 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from practice.scoring.factory import build_scorer
    from practice.simulation.check import check_scenario

    scenarios, problems = load_all(args.paths, settings.scenarios_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"practice: checking {len(scenarios)} scenarios; loading the model…", flush=True)
    scorer = build_scorer(settings, batching=False)
    failed = total = 0
    for scenario in scenarios:
        verdicts = check_scenario(scenario, scorer)
        bad = [v for v in verdicts if not v.passed]
        total += len(verdicts)
        failed += len(bad)
        print(
            f"{'ok ' if not bad else 'BAD'} {scenario.id}: {len(verdicts) - len(bad)}/{len(verdicts)} exemplars judged as labelled"
        )
        for v in verdicts if args.verbose else bad:
            mark = "  ok " if v.passed else "  MISJUDGED"
            print(
                f"{mark} [{v.beat}] labelled {v.exemplar.label}, judged {v.judged} "
                f"(understanding {v.result.understanding:.2f}, flags: {', '.join(v.result.flags) or 'none'})"
            )
            print(f"      {v.exemplar.reply}")
    print(f"{total - failed}/{total} exemplars pass")
    return 1 if failed or problems else 0


def _schema(settings: Settings, args: argparse.Namespace) -> int:
    print(json.dumps(Scenario.model_json_schema(), indent=2))
    return 0


def _play(settings: Settings, args: argparse.Namespace) -> int:
    from cli.play import play

    path = Path(args.scenario)
    if not path.exists():
        path = settings.scenarios_dir / f"{args.scenario}.yaml"
    try:
        scenario = load_scenario_file(path)
    except ScenarioError as error:
        print(error, file=sys.stderr)
        return 1
    return play(scenario, settings, exam=args.exam)
