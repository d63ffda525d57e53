"""The window fixtures of tests/ui (loaded from there, as tests/achievement does), and the
clerk's and the grid's helpers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

_UI = Path(__file__).resolve().parent.parent / "ui"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_a11y_{name}", _UI / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ui_conftest = _load("conftest")
compiled_translations = _ui_conftest.compiled_translations
window = _ui_conftest.window
_clerk = _load("test_clerk")
_grid = _load("grid_helpers")


@pytest.fixture
def clerk() -> ModuleType:
    """type_in_cell, kpi_cell, click_node, choose, type_text (tests/ui/test_clerk.py)."""
    return _clerk


@pytest.fixture
def grid() -> ModuleType:
    """open_kpi, cell, press, clerk_window, close_window (tests/ui/grid_helpers.py)."""
    return _grid
