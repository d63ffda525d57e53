"""The window fixtures and the clerk's typing helpers are those of tests/ui, loaded from there."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

_UI = Path(__file__).resolve().parent.parent / "ui"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_achievement_{name}", _UI / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ui_conftest = _load("conftest")
compiled_translations = _ui_conftest.compiled_translations
window = _ui_conftest.window
_clerk = _load("test_clerk")


@pytest.fixture
def clerk() -> ModuleType:
    """The clerk's helpers of tests/ui: type_in_cell, kpi_cell, click_node, choose, type_text."""
    return _clerk
