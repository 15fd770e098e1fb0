"""Loading scenario YAML safely into a `Scenario`, with every problem named by file, line and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from practice.scenarios.model import Scenario

MAX_SCENARIO_BYTES = 256 * 1024


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_scenario_file(path: Path) -> Scenario:
    try:
        size = path.stat().st_size
        if size > MAX_SCENARIO_BYTES:
            raise ScenarioError(
                [Problem(str(path), None, "", f"file is {size} bytes; at most {MAX_SCENARIO_BYTES}")]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([Problem(str(path), None, "", "file is not UTF-8 text")]) from None
    except OSError as error:
        raise ScenarioError([Problem(str(path), None, "", f"cannot read: {error.strerror}")]) from None
    return load_scenario_text(text, str(path), expected_id=path.stem)


def load_scenario_text(text: str, filename: str, expected_id: str | None = None) -> Scenario:
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            [Problem(filename, None, "", f"scenario is larger than {MAX_SCENARIO_BYTES} bytes")]
        )
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise ScenarioError([Problem(filename, line, "", f"not valid YAML: {reason}")]) from None
    except RecursionError:
        raise ScenarioError([Problem(filename, None, "", "nested too deeply to be a scenario")]) from None
    except (ValueError, TypeError, OverflowError) as error:  # e.g. an integer of thousands of digits
        raise ScenarioError([Problem(filename, None, "", f"cannot be read as a scenario: {error}")]) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            [Problem(filename, 1, "", "a scenario is a mapping of fields (format, id, title, …)")]
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError([_problem(filename, root, e) for e in error.errors()]) from None
    if expected_id is not None and scenario.id != expected_id:
        line = _line_of(root, ("id",))
        raise ScenarioError(
            [Problem(filename, line, "id", f"is {scenario.id!r} but the file is named {expected_id!r}")]
        )
    return scenario


def field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(filename: str, root: yaml.Node | None, error: Any) -> Problem:
    loc = tuple(
        p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal[")))
    )
    return Problem(filename, _line_of(root, loc), field_path(loc), _humane(error))


def _humane(error: Any) -> str:
    kind, message = error["type"], str(error["msg"])
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        return "is not a field of the scenario format (check the spelling and the indentation)"
    if kind == "string_too_short":
        return "must not be empty"
    message = message.replace("Input should be", "must be").replace("Value error, ", "")
    return message


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The line of the YAML node at `loc`, or of the nearest enclosing node that exists."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
