"""Architecture rules that import-linter does not express: a stdlib-only domain, no import cycles, and
small files and functions."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[2] / "src" / "medcite"
MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 65  # "about 60"
# Alembic migrations are declarative table listings, not logic
EXEMPT = ("adapters/sql/migrations/",)


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_the_domain_imports_only_the_standard_library() -> None:
    bad = {
        f"{p.name}: {m}"
        for p in (SRC / "domain").glob("*.py")
        for m in _imports(p)
        if m.split(".")[0] not in sys.stdlib_module_names
        and m != "__future__"
        and not m.startswith("medcite.domain")
    }
    assert not bad


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_between_modules() -> None:
    graph = grimp.build_graph("medcite", exclude_type_checking_imports=True)
    # a package's __init__ re-exporting its own modules is not a cycle between modules
    edges = {
        m: {i for i in graph.find_modules_directly_imported_by(m) if not i.startswith(m + ".")}
        for m in graph.modules
    }
    assert _cycles(edges) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_files_and_functions_stay_small() -> None:
    too_big: list[str] = []
    for p in sorted(SRC.rglob("*.py")):
        rel = p.relative_to(SRC).as_posix()
        if rel.startswith(EXEMPT):
            continue
        text = p.read_text()
        if (n := len(text.splitlines())) > MAX_FILE_LINES:
            too_big.append(f"{rel}: {n} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_big.append(f"{rel}:{node.lineno} {node.name}(): {length} lines")
    assert not too_big
