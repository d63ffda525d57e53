"""The window fixtures and typing helper of tests/ui, shared here (loaded by path: tests/ is not a
package)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_UI = Path(__file__).parents[1] / "ui"
_ui = _load("ui_conftest", _UI / "conftest.py")
window = _ui.window
compiled_translations = _ui.compiled_translations


@pytest.fixture
def type_text() -> Callable[..., Any]:
    """Typing as a Japanese clerk does (ASCII as key presses, the rest through the input method)."""
    fn: Callable[..., Any] = _load("ui_test_clerk", _UI / "test_clerk.py").type_text
    return fn
