"""The window fixtures and typing helper of tests/ui, shared here (loaded by path: tests/ is not a
package)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from by_path import load

_ui = load("ui_conftest", "ui/conftest.py")
window = _ui.window
compiled_translations = _ui.compiled_translations


@pytest.fixture
def type_text() -> Callable[..., Any]:
    """Typing as a Japanese clerk does (ASCII as key presses, the rest through the input method)."""
    fn: Callable[..., Any] = load("ui_test_clerk", "ui/test_clerk.py").type_text
    return fn
