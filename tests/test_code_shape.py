"""The code's shape (issue 23): no import cycle among kodaira_desk's modules, ui/ included, and no
function over 80 lines in domain/, store/, services/, io/ and ui/ (reports/ and the Excel exports are
held in test_layout_rules.py by their owner).

The graph is every import a module makes: at its top, under TYPE_CHECKING, and inside functions (a
cycle closed by a late import is still a cycle: the two modules cannot be understood apart). The
window's parts take the window through `ui.window_api.Window` (or a narrower Protocol of their own,
as the plan editor's panels take the editor), never the class that holds them."""

from __future__ import annotations

import ast
from pathlib import Path

from code_rules import long_functions

import kodaira_desk

PACKAGE = Path(kodaira_desk.__file__).parent
SHORT = ("domain", "store", "services", "io")


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(modules: set[str], name: str, is_package: bool, tree: ast.Module) -> set[str]:
    """The kodaira_desk modules a module imports, anywhere in it ("" is the package itself)."""
    out: set[str] = set()

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name.removeprefix("kodaira_desk.") for a in node.names if a.name.startswith("kodaira_desk.")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".strip(".")
            elif base.startswith("kodaira_desk."):
                base = base.removeprefix("kodaira_desk.")
            else:
                continue
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        out.update(t for t in map(known, targets) if t and t != name)
    return out


def _graph() -> dict[str, set[str]]:
    paths = {_name(p): p for p in PACKAGE.rglob("*.py") if _name(p)}
    modules = set(paths)
    return {name: _imports(modules, name, path.name == "__init__.py", ast.parse(path.read_text(encoding="utf-8")))
            for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_no_import_cycle() -> None:
    graph = _graph()
    assert len(graph) > 100 and "store.unit_of_work" in graph["store.database"]  # late imports are edges too
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_through_a_late_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from kodaira_desk.b import x\n")
    assert _imports({"a", "b"}, "a", False, tree) == {"b"}


def test_no_function_over_80_lines_in_domain_store_services_io() -> None:
    paths = [p for folder in SHORT for p in (PACKAGE / folder).rglob("*.py")]
    assert len(paths) > 60
    assert long_functions(paths, PACKAGE) == {}


def test_no_function_over_80_lines_in_the_window() -> None:
    paths = list((PACKAGE / "ui").rglob("*.py"))
    assert len(paths) > 40
    assert long_functions(paths, PACKAGE) == {}
