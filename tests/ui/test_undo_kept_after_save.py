"""Ctrl+S keeps the undo history, as any editor does: after saving, 元に戻す is still there; an undo
makes the file unsaved again (the value stored before comes back, to be saved), a redo makes it
saved again."""

from __future__ import annotations

from pathlib import Path

import test_clerk as clerk
from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _stored(db_path: Path) -> str:
    ind = next(i for i in clerk.stored(db_path).indicators if i.name == "市内体験農園の区画数")
    v = ind.value(ValueKind.ACTUAL, FiscalYear(2019))
    assert v is not None
    return str(v.value)


def test_undo_after_save(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = clerk.kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, FiscalYear(2019))
    clerk.type_in_cell(qtbot, w, cell, "330")
    clerk.save(qtbot, w)
    assert "330" in _stored(db_path) and not w.isWindowModified()
    assert w.act_undo.isEnabled()  # the history is kept across the save
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Z, CTRL)
    assert w.page.kpi.model.data(cell) == "325区画"
    assert w.isWindowModified() and w.editor.dirty  # the value saved before is to be saved again
    assert w.act_redo.isEnabled()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Y, CTRL)
    assert w.page.kpi.model.data(cell) == "330区画"
    assert not w.isWindowModified() and not w.editor.dirty  # back to what is saved
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Z, CTRL)
    clerk.save(qtbot, w)
    assert "325" in _stored(db_path) and not w.isWindowModified()
