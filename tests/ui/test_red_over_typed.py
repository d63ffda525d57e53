"""Tester's finding (2026-12-07): a value typed (not yet saved), then typed over with something
unreadable, was saved by Ctrl+S although the screen showed only the red entry. The message says
「赤いセル 1 個は…保存していません」, so the clerk believes the cell holds nothing; the file held
the value they replaced, and the collection took it (and the chart drew it). A red cell's field now
has no edit to save: the file keeps what it had, the chart draws that, undo brings the value back."""

from __future__ import annotations

from pathlib import Path

import test_clerk as clerk
from grid_helpers import CTRL, R1, R2, cell, enter, open_kpi, press, saved, saved_value
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.editing import ProgressField
from kodaira_desk.services.session import stored_content
from kodaira_desk.ui.chart.pane import effective_indicator
from kodaira_desk.ui.window.main_window import MainWindow

A, T = ValueKind.ACTUAL, ValueKind.TARGET


def test_a_value_typed_over_with_a_red_entry_is_not_saved(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    before = saved_value(db_path, "g1.a1.k1", A, R2)
    enter(qtbot, w, cell(w, "g1.a1.k1", A, R2), "5")  # a slip: typed, Enter
    enter(qtbot, w, cell(w, "g1.a1.k1", A, R2), "abc")  # typed over before saving: red
    assert w.page.kpi.model.data(cell(w, "g1.a1.k1", A, R2)) == "abc"
    assert not w.save_and_wait()  # Ctrl+S: the red cell is listed, "not saved"
    notice = w.page.invalid_notice
    if notice is not None:
        notice.close()
    # what the person sees in the cell is not in the file, so neither is what they typed over it
    assert saved_value(db_path, "g1.a1.k1", A, R2) == before  # was: "5人"
    # the chart draws what is saved; the red text is still unsaved input (journalled, listed)
    shown = effective_indicator(w.editor, w.editor.tree("strategy-2015").indicator("g1.a1.k1"))
    value = shown.value(A, R2, None)
    assert (None if value is None else str(value.value) + "".join(value.marks)) == before
    assert [c.text for c in w.editor.invalid_cells()] == ["abc"]

    w.act_undo.trigger()  # undo takes the red entry back: the 5 typed before is there again, and saved
    assert w.page.kpi.model.data(cell(w, "g1.a1.k1", A, R2)) == "5人"
    assert w.save_and_wait()
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "5人"


def test_a_typed_value_pasted_over_with_a_red_entry_is_not_saved(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    before = saved_value(db_path, "g1.a1.k1", A, R1)
    enter(qtbot, w, cell(w, "g1.a1.k1", A, R1), "7")
    first = cell(w, "g1.a1.k1", A, R1)
    model = w.page.kpi.model
    beside = model.columns[first.column() + 1]  # the 目標 of a year
    assert beside.kind is T and beside.year is not None
    view.setCurrentIndex(first)
    QGuiApplication.clipboard().setText("abc\t9\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert w.page.kpi.model.data(first) == "abc"
    assert not w.save_and_wait()
    notice = w.page.invalid_notice
    if notice is not None:
        notice.close()
    assert saved_value(db_path, "g1.a1.k1", A, R1) == before  # not the 7 the paste covered
    assert saved_value(db_path, "g1.a1.k1", T, beside.year) == "9人"  # the readable pasted value is saved


def test_a_settled_amount_typed_over_with_a_red_entry_is_not_saved(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    clerk.click_node(qtbot, w, "program-2021", "p1.j1")
    box = w.page.measure.settlement
    assert box is not None
    field = ProgressField("program-2021", "p1.j1", 2021, "settled")
    before = stored_content(saved(db_path, "program-2021"), field)
    clerk.type_text(qtbot, box.settled, "6,120")
    clerk.type_text(qtbot, box.settled, "円くらい")  # the 決算額 turns red
    assert not w.save_and_wait()
    notice = w.page.invalid_notice
    if notice is not None:
        notice.close()
    assert stored_content(saved(db_path, "program-2021"), field) == before  # not 6,120
