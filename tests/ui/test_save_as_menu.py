"""ファイル > 名前を付けて保存… (Ctrl+Shift+S): a clerk whose file is in a folder they cannot write
to (the tester's B3) puts it where they can; what they typed is saved there, in English too."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import R2, cell, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window import saving
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL


def test_ctrl_shift_s_saves_the_typed_value_in_the_place_chosen(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    assert w.act_save_as in w.menu_file.actions()
    assert w.act_save_as.shortcut() == QKeySequence("Ctrl+Shift+S")
    original = w.workspace.path
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, "7")
    press(qtbot, view, Qt.Key.Key_Return)
    press(qtbot, view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.workspace.path == mine / original.name and w.tasks.idle, timeout=20000)
    qtbot.waitUntil(lambda: not w.editor.unsaved(), timeout=20000)
    assert saved_value(mine / original.name, "g1.a1.k1", A, R2) == "7人"
    assert saved_value(original, "g1.a1.k1", A, R2) != "7人"
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    assert w.act_save_as.text() == "Save &As…"
