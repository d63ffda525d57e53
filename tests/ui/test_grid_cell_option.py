"""The grid's delegate fills a cell's style option from the model's answers in one call (issue 27:
Qt asked seven roles a cell, each a call into the Python model): the grid must paint exactly what
Qt's own way of asking paints — edited (bold, blue), yellow, red inside a selection, the current
cell, another year's grey hatched cells of a department file — pixel for pixel, and tell a screen
reader's or a test's `initStyleOption` the same."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import R1, R2, cell, clerk_window, close_window, open_kpi, type_keys
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyleOptionViewItem

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.forms.grid_view import GridDelegate
from kodaira_desk.ui.window.main_window import MainWindow

A, F = ValueKind.ACTUAL, ValueKind.FORECAST


def _grid(view: QAbstractItemView, own: bool) -> QImage:
    GridDelegate.OWN_OPTION = own
    try:
        view.viewport().repaint()
        QApplication.processEvents()
        return view.viewport().grab().toImage()
    finally:
        GridDelegate.OWN_OPTION = True


def _options(view: QAbstractItemView, own: bool) -> list[tuple[object, ...]]:
    model, delegate = view.model(), view.itemDelegate()
    assert isinstance(delegate, GridDelegate)
    GridDelegate.OWN_OPTION = own
    out: list[tuple[object, ...]] = []
    try:
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                option = QStyleOptionViewItem()
                option.initFrom(view)
                delegate.initStyleOption(option, model.index(r, c))
                out.append((option.text, option.font.toString(), int(option.displayAlignment.value),
                            option.palette.color(QPalette.ColorRole.Text).name(),
                            option.backgroundBrush.color().name(), int(option.backgroundBrush.style().value),
                            int(option.features.value), option.index.row(), option.index.column()))
    finally:
        GridDelegate.OWN_OPTION = True
    return out


def test_the_grid_paints_as_qts_own_delegate_does_every_state(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    for key, kind, text in (("g1.a1.k3", A, "330\n"), ("g1.a1.k4", A, "240\n"), ("g1.a1.k1", F, "abc\n")):
        view.setCurrentIndex(cell(w, key, kind, R2))
        type_keys(qtbot, view, text.rstrip("\n"))
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    model = w.page.kpi.model
    assert model.warnings_at(cell(w, "g1.a1.k4", A, R2))  # 累計 below the year before: yellow
    assert w.editor.drafts  # abc: red
    selection = QItemSelection(cell(w, "g1.a1.k1", A, R1), cell(w, "g1.a1.k3", F, R2))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.selectionModel().setCurrentIndex(cell(w, "g1.a1.k4", A, R2), QItemSelectionModel.SelectionFlag.NoUpdate)
    view.setFocus()
    QApplication.processEvents()
    assert _grid(view, own=True) == _grid(view, own=False)
    assert _options(view, own=True) == _options(view, own=False)


def test_a_department_files_grey_cells_paint_as_qts_own_delegate_does(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    w = clerk_window(db_path, tmp_path, "産業振興課")
    try:
        view = open_kpi(w, "strategy-2015", "g1.a1")
        assert not w.page.kpi.model.flags(cell(w, "g1.a1.k3", A, R1)) & Qt.ItemFlag.ItemIsEditable  # another year's
        view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
        type_keys(qtbot, view, "330")
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
        QApplication.processEvents()
        assert _grid(view, own=True) == _grid(view, own=False)
        assert _options(view, own=True) == _options(view, own=False)
    finally:
        close_window(w)
