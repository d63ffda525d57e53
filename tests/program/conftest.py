"""The window fixture of tests/ui, shared here."""

from __future__ import annotations

from pathlib import Path

from program_kit import _module

_ui = _module("ui_conftest_for_program", Path(__file__).parents[1] / "ui" / "conftest.py")
window = _ui.window
compiled_translations = _ui.compiled_translations
