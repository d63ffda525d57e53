"""The window fixture of tests/ui, shared here."""

from __future__ import annotations

from by_path import load

_ui = load("ui_conftest_for_program", "ui/conftest.py")
window = _ui.window
compiled_translations = _ui.compiled_translations
