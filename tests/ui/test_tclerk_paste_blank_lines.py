"""Tester's finding (tclerk, 2026-12-08): a clerk copies one figure from a text or a sheet whose
copy ends in blank lines ("5人\\n\\n\\n", the way a mail or a text editor hands it over) and presses
Ctrl+V on a KPI cell. The trailing blank line is pasted as an empty row: the value in the cell
below is cleared without being asked for (the notice says 2 セルを変更しました for one figure pasted),
and Ctrl+S saves the loss. The same block with CRLF line ends ("5人\\r\\n\\r\\n") is read as one
cell, so whether a value is wiped depends on which program the text came from."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import CTRL, R1, cell, open_kpi, press, saved_value
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL


def test_trailing_blank_lines_of_a_pasted_figure_do_not_clear_the_cell_below(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    w = window
    below_before = saved_value(db_path, "g1.a1.k2", A, R1)
    assert below_before  # the city's figure in the cell under the one pasted into
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R1))
    QGuiApplication.clipboard().setText("5人\n\n\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert model.data(cell(w, "g1.a1.k1", A, R1)) == "5人"
    shown_below = model.data(cell(w, "g1.a1.k2", A, R1))

    qtbot.keyClick(w, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.editor.unsaved(), timeout=30000)
    assert saved_value(db_path, "g1.a1.k1", A, R1) == "5人"
    assert saved_value(db_path, "g1.a1.k2", A, R1) == below_before, (
        f"the cell below the pasted figure was cleared (shown: {shown_below!r}; "
        f"notice: {w.page.kpi.message.text()!r})")
