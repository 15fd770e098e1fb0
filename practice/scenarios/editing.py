"""The scenario editor's form, over the same YAML the files hold: which fields the form shows, how a posted form
changes the YAML, and the starting text of a new scenario. Field paths are the validator's own
(`persona.name`, `beats[0].key_points[1].text`), so each problem it names lands next to its input."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from practice.scenarios.loader import field_path

LONG, LINE, NUMBER, CHOICE = "long", "line", "number", "choice"


@dataclass(frozen=True)
class FormField:
    path: str
    label: str
    kind: str = LINE
    choices: tuple[str, ...] = ()
    value: str = ""


TOP: tuple[FormField, ...] = (
    FormField("title", "Title"),
    FormField("language", "Language (two letters)"),
    FormField("difficulty", "Difficulty", CHOICE, ("easy", "medium", "hard")),
    FormField("persona.name", "Client's name"),
    FormField("persona.role", "Client's role"),
    FormField("persona.company", "Client's company"),
    FormField("persona.history", "The relationship so far", LONG),
    FormField("situation", "Situation", LONG),
    FormField("goal", "The learner's goal", LONG),
    FormField("opening", "Who speaks first", CHOICE, ("client", "trainee")),
    FormField("max_turns", "Most replies", NUMBER),
    FormField("scoring.pass_mark", "Pass mark (0–1)", NUMBER),
    FormField("close.client", "When solutions become welcome, the client says", LONG),
    FormField("close.wants", "Asked what it would take, the client says", LONG),
    FormField("close.resolved", "The client's last words on a good way forward", LONG),
    FormField("close.walked_out", "The client's words on walking out", LONG),
    FormField("close.out_of_turns", "The client's words when time runs out", LONG),
)
BEAT: tuple[FormField, ...] = (FormField("client", "The client says", LONG),)
POINT: tuple[FormField, ...] = (
    FormField("text", "Key point"),
    FormField("layer", "Layer", CHOICE, ("facts", "motives", "feelings")),
)
_STEP = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def parse(text: str) -> dict[str, Any]:
    """The YAML as a mapping; anything else (broken YAML, a list) reads as an empty scenario."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def form_of(text: str) -> list[FormField]:
    """The form's fields with their values: the top-level ones, then each beat's message and key points."""
    data = parse(text)
    fields = [_filled(f, f.path, data) for f in TOP]
    beats = data.get("beats")
    for b, beat in enumerate(beats if isinstance(beats, list) else []):
        fields += [_filled(f, field_path(("beats", b, f.path)), data) for f in BEAT]
        points = beat.get("key_points") if isinstance(beat, dict) else None
        for p, _ in enumerate(points if isinstance(points, list) else []):
            fields += [_filled(f, field_path(("beats", b, "key_points", p, f.path)), data) for f in POINT]
    return fields


def editable(path: str) -> FormField | None:
    """The form field a path names, or None for a path the form does not edit."""
    steps = _steps(path)
    names = [s for s in steps if isinstance(s, str)]
    if steps and steps[0] == "beats":
        shape = [type(s).__name__ for s in steps]
        if shape == ["str", "int", "str"]:
            return next((f for f in BEAT if f.path == names[-1]), None)
        if shape == ["str", "int", "str", "int", "str"] and names[1] == "key_points":
            return next((f for f in POINT if f.path == names[-1]), None)
        return None
    return next((f for f in TOP if f.path == path), None)


def apply_form(text: str, values: Mapping[str, str]) -> str:
    """The YAML with the form's values put in (comments are not kept); paths the form does not edit are
    ignored. A number that does not parse stays text, for the validator to name."""
    data = parse(text)
    for path, raw in values.items():
        field = editable(path)
        if field is None:
            continue
        value: Any = raw.strip()
        if field.kind == NUMBER:
            value = _number(value)
        _put(data, _steps(path), value)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def with_version(text: str, version: int) -> str:
    """The text with its top-level `version:` set (added after `id:`, or first, when it has none)."""
    line = f"version: {version}"
    if re.search(r"^version:.*$", text, flags=re.MULTILINE):
        return re.sub(r"^version:.*$", line, text, count=1, flags=re.MULTILINE)
    if re.search(r"^id:.*$", text, flags=re.MULTILINE):
        return re.sub(r"^(id:.*)$", rf"\1\n{line}", text, count=1, flags=re.MULTILINE)
    return f"{line}\n{text}"


def version_in(text: str) -> int:
    found = parse(text).get("version", 1)
    return found if isinstance(found, int) and not isinstance(found, bool) else 1


def new_scenario(scenario_id: str, title: str) -> str:
    """A small complete scenario to start from: every required field, one beat."""
    point = {"text": "What went wrong, in the client's words", "layer": "facts", "central": True}
    data = {
        "format": 1,
        "id": scenario_id,
        "version": 1,
        "title": title,
        "language": "en",
        "difficulty": "medium",
        "persona": {"name": "Sam Client", "role": "Buyer", "company": "Example Ltd", "history": "A client."},
        "situation": "Describe what happened before the conversation.",
        "goal": "Let the client feel heard before explaining or fixing anything.",
        "opening": "client",
        "beats": [
            {
                "id": "first",
                "client": "What the client says first.",
                "key_points": [point, {"text": "How the client feels about it", "layer": "feelings"}],
                "reactions": {
                    "understood": "Yes, that's it.",
                    "partly": "That's part of it.",
                    "rebutted": "Don't argue with me.",
                    "premature_solution": "I haven't finished.",
                },
            }
        ],
        "close": {
            "client": "All right. So what now?",
            "wants": "What it would take, in the client's words.",
            "resolved": "Fine. Let's do that.",
            "walked_out": "I've heard enough.",
            "out_of_turns": "I have to go.",
        },
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def _steps(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def _filled(field: FormField, path: str, data: dict[str, Any]) -> FormField:
    value: Any = data
    for step in _steps(path):
        if isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        elif isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
        else:
            value = None
    shown = "" if value is None or isinstance(value, dict | list) else str(value)
    return FormField(path, field.label, field.kind, field.choices, shown)


def _put(data: dict[str, Any], steps: list[str | int], value: Any) -> None:
    node: Any = data
    for step, following in itertools.pairwise(steps):
        if isinstance(step, str):
            if not isinstance(node.get(step), dict | list):
                node[step] = [] if isinstance(following, int) else {}
            node = node[step]
        elif step < len(node):
            if not isinstance(node[step], dict):
                node[step] = {}
            node = node[step]
        else:
            return  # the form names an item the YAML no longer has
    last = steps[-1]
    if isinstance(last, str) and isinstance(node, dict):
        if value == "" and last not in node:
            return
        node[last] = value


def _number(raw: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            continue
    return raw
