"""The layout holds: the domain core imports no web framework or HTTP client, and no two parts import each other
(packages, and the domain core's own subpackages), so each can be read and changed from one side."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).parents[2]
PACKAGES = ("adapters", "api", "cli", "practice", "server", "web")
EDGE_ONLY = {"fastapi", "starlette", "httpx", "jinja2", "uvicorn"}


def imports() -> dict[str, set[str]]:
    """Each module (dotted) and the absolute module names it imports, lazily inside functions too."""
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            names: set[str] = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.add(node.module)
            found[".".join(path.relative_to(ROOT).with_suffix("").parts)] = names
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def graph_of(level: int, within: str | None = None) -> dict[str, set[str]]:
    """Edges between parts named by the first `level` dotted names of modules (inside `within`, if given)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for module, names in imports().items():
        if within and not module.startswith(within + "."):
            continue
        source = ".".join(module.split(".")[:level])
        for name in names:
            if name.split(".")[0] in PACKAGES and (not within or name.startswith(within + ".")):
                target = ".".join(name.split(".")[:level])
                if target != source and target.count(".") == level - 1:
                    graph[source].add(target)
    return graph


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_two_packages_import_each_other() -> None:
    graph = graph_of(1)
    assert cycles(graph) == []
    assert graph["practice"] == set()  # the domain core depends on nothing of ours
    assert "web" not in graph["api"] and "server" not in graph["api"] | graph["web"]


def test_the_domain_cores_subpackages_form_no_cycle() -> None:
    assert cycles(graph_of(2, within="practice")) == []


def test_the_domain_core_imports_no_web_framework_or_http_client() -> None:
    offending = {
        module: sorted(n for n in names if n.split(".")[0] in EDGE_ONLY)
        for module, names in imports().items()
        if module.startswith("practice.")
    }
    assert {m: n for m, n in offending.items() if n} == {}
