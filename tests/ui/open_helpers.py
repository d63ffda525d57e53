"""Opening a file the ways a person does, for the opening's tests: Ctrl+O answered through the
app's file dialog helper, with a value typed first, and what the window then said."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import R2, cell, open_kpi, saved_value, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import Answer, MainWindow


def ctrl_o(qtbot, w: MainWindow, target: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Ctrl+O, the file dialog answered with `target`; the messages the window showed (once one came)."""
    from kodaira_desk.ui import file_dialogs

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    monkeypatch.setattr(file_dialogs, "open_name", lambda *_a, **_k: target)
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    return told


def typed_then_opened(qtbot, w: MainWindow, target: Path,  # type: ignore[no-untyped-def]
                      monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """275 typed into a KPI cell of the master (Enter), then Ctrl+O on `target`, 保存しない answered
    if asked: (the questions asked, the messages shown)."""
    asked: list[str] = []
    w.ask = lambda _t, text, *_a, **_k: asked.append(text) or Answer.DISCARD  # type: ignore[method-assign]
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", ValueKind.ACTUAL, R2))
    type_keys(qtbot, view, "275")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    return asked, ctrl_o(qtbot, w, target, monkeypatch)


def typed_value_saves(qtbot, w: MainWindow, db_path: Path) -> bool:  # type: ignore[no-untyped-def]
    """Ctrl+S in the window: whether the value typed by `typed_then_opened` is in `db_path`."""
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.editor.unsaved(), timeout=30000)
    return saved_value(db_path, "g1.a1.k3", ValueKind.ACTUAL, R2) == "275区画"


def started_with(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 language: str | None = None) -> tuple[int, list[str], list[MainWindow]]:
    """`kodaira-desk ARGV` as a double-click starts it (settings in tmp_path, `language` kept there
    from an earlier session): its exit status, the message boxes it showed, the windows it showed."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kodaira_desk import cli
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings

    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    if language is not None:
        Settings().language = language
    boxes: list[str] = []
    shown: list[MainWindow] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: boxes.append(text))
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    try:
        return cli.main(argv), boxes, shown
    finally:
        Translations(QApplication.instance()).apply("ja")  # type: ignore[arg-type]
