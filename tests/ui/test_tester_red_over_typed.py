"""Tester's finding (2026-12-07): a value typed (not yet saved), then typed over with something
unreadable, is saved by Ctrl+S although the screen shows only the red entry. The message says
「赤いセル 1 個は…保存していません」, so the clerk believes the cell holds nothing; the file holds
the value they replaced, and the collection takes it (and the chart draws it)."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import R2, cell, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL


def _type(qtbot, w: MainWindow, index, text: str) -> None:  # type: ignore[no-untyped-def]
    view = w.page.kpi.view
    view.setCurrentIndex(index)
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def test_a_value_typed_over_with_a_red_entry_is_not_saved(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    before = saved_value(db_path, "g1.a1.k1", A, R2)
    _type(qtbot, w, cell(w, "g1.a1.k1", A, R2), "5")  # a slip: typed, Enter
    _type(qtbot, w, cell(w, "g1.a1.k1", A, R2), "abc")  # typed over before saving: red
    assert w.page.kpi.model.data(cell(w, "g1.a1.k1", A, R2)) == "abc"
    assert not w.save_and_wait()  # Ctrl+S: the red cell is listed, "not saved"
    notice = w.page.invalid_notice
    if notice is not None:
        notice.close()
    # what the person sees in the cell is not in the file, so neither is what they typed over it
    assert saved_value(db_path, "g1.a1.k1", A, R2) == before  # today: "5人"
