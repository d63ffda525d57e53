"""The store's boundary (issue 23): services work through the unit of work's typed repositories and
never see a session or a connection; repositories hand back frozen domain objects; the window's
dialogs hold the workspace, never the store's Database."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import kodaira_desk

PACKAGE = Path(kodaira_desk.__file__).parent
# what a session or a connection is called, and what it is typed as
SESSION_NAMES = {"s", "session", "con", "conn", "connection", "raw", "cursor", "cur"}
SESSION_TYPES = ("Session", "Connection", "Cursor", "Engine", "PgConnection")


def _modules(folder: str) -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(PACKAGE).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted((PACKAGE / folder).rglob("*.py"))]


def test_no_service_takes_a_session_or_a_connection() -> None:
    found: list[str] = []
    for rel, tree in _modules("services"):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("sqlalchemy.orm", "sqlalchemy.engine")):
                found.append(f"{rel}:{node.lineno} imports {node.module}")
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                note = ast.unparse(arg.annotation) if arg.annotation is not None else ""
                if arg.arg in SESSION_NAMES and (note in ("", "Any", "object") or note.endswith(SESSION_TYPES)):
                    found.append(f"{rel}:{node.lineno} {node.name}({arg.arg}: {note or '?'})")
                elif note.split("[")[0].split(".")[-1] in SESSION_TYPES and "services" not in note:
                    found.append(f"{rel}:{node.lineno} {node.name}({arg.arg}: {note})")
    assert len(_modules("services")) > 25
    assert found == []


def test_the_round_repository_returns_frozen_records() -> None:
    from kodaira_desk.store.round_repository import RoundRepository

    for name, method in inspect.getmembers(RoundRepository, inspect.isfunction):
        if name.startswith("_"):
            continue
        returned = str(inspect.signature(method).return_annotation)
        assert "Row" not in returned, (name, returned)  # an ORM row would be changed by its caller
    from kodaira_desk.domain import round_records

    for _, cls in inspect.getmembers(round_records, inspect.isclass):
        if dataclasses.is_dataclass(cls) and cls.__module__ == round_records.__name__:
            assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]


def test_the_window_never_names_the_store_database() -> None:
    """services.workspace no longer re-exports the store's Database: dialogs hold the workspace and
    run services' operations through it (Workspace.run, Workspace.grading, …)."""
    from kodaira_desk.services import workspace

    assert "Database" not in workspace.__all__
    named = [f"{rel}:{node.lineno}" for rel, tree in _modules("ui") for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and any(a.name == "Database" for a in node.names)]
    assert named == []
