"""What the code-shape tests share: the functions longer than a limit in some files."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

FUNCTION_LIMIT = 80


def long_functions(paths: Iterable[Path], root: Path, limit: int = FUNCTION_LIMIT) -> dict[str, int]:
    """"path:line name" → length of every function (or method) over `limit` lines."""
    long: dict[str, int] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > limit:
                    long[f"{path.relative_to(root).as_posix()}:{node.lineno} {node.name}"] = lines
    return long
