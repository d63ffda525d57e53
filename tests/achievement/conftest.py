"""The window fixtures and the clerk's typing helpers are those of tests/ui, loaded from there."""

from __future__ import annotations

from types import ModuleType

import pytest
from by_path import load

_ui_conftest = load("_achievement_conftest", "ui/conftest.py")
compiled_translations = _ui_conftest.compiled_translations
window = _ui_conftest.window
_clerk = load("_achievement_test_clerk", "ui/test_clerk.py")


@pytest.fixture
def clerk() -> ModuleType:
    """The clerk's helpers of tests/ui: type_in_cell, kpi_cell, click_node, choose, type_text."""
    return _clerk
