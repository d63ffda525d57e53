"""Issue 10 §3 and §8 in the grid: red input never vanishes; a clerk sees which cells are not theirs."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import (
    R1,
    R2,
    cell,
    clerk_window,
    close_window,
    enter,
    open_kpi,
    press,
    saved_value,
    type_keys,
)
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.forms.grid_model import LOCKED
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A, F = ValueKind.ACTUAL, ValueKind.FORECAST


def test_red_cell_survives_a_node_change_and_save_lists_it_and_jumps_to_it(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    enter(qtbot, w, cell(w, "g1.a1.k3", A, R2), "1,2345区画x")
    enter(qtbot, w, cell(w, "g1.a1.k4", A, R2), "250")
    open_kpi(w, "strategy-2015", "g2.a3")  # another node, then back
    assert w.isWindowModified()
    open_kpi(w, "strategy-2015", "g1.a1")
    red = cell(w, "g1.a1.k3", A, R2)
    assert w.page.kpi.model.data(red) == "1,2345区画x"
    assert w.page.kpi.model.data(red, Qt.ItemDataRole.BackgroundRole) is not None
    assert w.page.kpi.message.text()  # the message is shown again with the cell

    open_kpi(w, "strategy-2015", "g2.a3")
    assert not w.save_and_wait()  # Ctrl+S: the valid edit is written, the red cell is listed
    notice = w.page.invalid_notice
    assert notice is not None and notice.isVisible()
    assert "市内体験農園の区画数" in notice.informativeText()  # type: ignore[attr-defined]
    assert "1,2345区画x" in notice.informativeText()  # type: ignore[attr-defined]
    assert w.current == ("strategy-2015", "g1.a1")  # jumped to the red cell
    assert w.page.tabs.currentWidget() is w.page.kpi
    red = cell(w, "g1.a1.k3", A, R2)
    assert w.page.kpi.view.currentIndex() == red
    assert w.page.kpi.model.data(red) == "1,2345区画x"  # Save's reload kept it
    assert saved_value(db_path, "g1.a1.k4", A, R2) == "250人"
    assert saved_value(db_path, "g1.a1.k3", A, R2) is None
    notice.close()

    enter(qtbot, w, red, "12,345")  # corrected
    assert not w.editor.invalid_cells()
    assert w.save_and_wait()
    assert saved_value(db_path, "g1.a1.k3", A, R2) == "12,345区画"
    assert not w.isWindowModified()


def test_closing_with_a_red_cell_asks_and_cancel_keeps_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    enter(qtbot, w, cell(w, "g1.a1.k1", A, R2), "abc")
    questions: list[str] = []

    def ask(_title: str, text: str) -> Answer:
        questions.append(text)
        return Answer.CANCEL

    w.ask = ask  # type: ignore[method-assign]
    w.close()
    assert w.isVisible()
    assert questions and "新規就農者数" in questions[0] and "「abc」" in questions[0]
    assert w.page.kpi.model.data(cell(w, "g1.a1.k1", A, R2)) == "abc"


def test_clearing_a_red_cell_removes_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    enter(qtbot, w, cell(w, "g1.a1.k1", A, R2), "abc")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    press(qtbot, view, Qt.Key.Key_Delete)
    assert not w.editor.invalid_cells()
    assert not w.isWindowModified()


def test_the_red_message_names_its_own_cell_after_the_cursor_moves_on(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The tester's B5: typed in row 1, Enter moves to row 2, and the message sat under row 2's
    details as if it were row 2's. It names its own cell, and again as the item is shown again."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    red = cell(w, "g1.a1.k1", A, R2)
    what = w.page.kpi.model.what(red)
    enter(qtbot, w, red, "abc")
    assert view.currentIndex().row() == red.row() + 1  # (Enter moved down)
    assert w.page.kpi.message.text().startswith(f"{what}: "), w.page.kpi.message.text()
    open_kpi(w, "strategy-2015", "g2.a3")
    open_kpi(w, "strategy-2015", "g1.a1")
    assert w.page.kpi.message.text().startswith(f"{what}: "), w.page.kpi.message.text()


def test_other_departments_and_years_are_greyed_with_whose_they_are(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        view = open_kpi(w, "strategy-2015", "g2.a3")
        model = w.page.kpi.model
        theirs = cell(w, "g2.a3.k1", A, R2)  # 保育課's indicator
        past = cell(w, "g2.a3.k2", A, R1)  # 子育て支援課's, but last year
        mine = cell(w, "g2.a3.k2", A, R2)
        for idx in (theirs, past):
            assert not model.flags(idx) & Qt.ItemFlag.ItemIsEditable
            assert model.data(idx, Qt.ItemDataRole.BackgroundRole).color() == LOCKED
        assert model.data(theirs, Qt.ItemDataRole.ToolTipRole) == "保育課の担当です。"
        assert "令和元年度" in model.data(past, Qt.ItemDataRole.ToolTipRole)
        assert model.flags(mine) & Qt.ItemFlag.ItemIsEditable
        view.setCurrentIndex(theirs)
        type_keys(qtbot, view, "5")  # typing there says whose it is, in the grid
        assert "保育課の担当です" in w.page.kpi.message.text()
        enter(qtbot, w, mine, "41000")
        assert w.save_and_wait()
        path = w.db.path
    finally:
        close_window(w)
    assert saved_value(path, "g2.a3.k1", A, R2) is None
    assert saved_value(path, "g2.a3.k2", A, R2) == "41,000人"


def test_models_pass_qt_model_tester_with_drafts_and_locks(qtmodeltester, qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        open_kpi(w, "strategy-2015", "g2.a3")
        enter(qtbot, w, cell(w, "g2.a3.k2", A, R2), "abc")
        qtmodeltester.check(w.page.kpi.model)
    finally:
        close_window(w)
