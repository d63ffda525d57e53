"""What the KPI grid paints after a paste (issue 27 made its repaint cheaper: the column headers'
highlight is worked out from the selection's ranges, the delegate asks a cell's state once): it
must paint what Qt's own header and the cell's state paint."""

from __future__ import annotations

from collections import Counter

from grid_helpers import CTRL, R1, R2, cell, open_kpi, pane_filled, press
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QHeaderView

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.forms.column_header import ColumnHeader
from kodaira_desk.ui.forms.grid_forms import KpiForm
from kodaira_desk.ui.forms.grid_view import INVALID_SELECTED
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL


def _form(w: MainWindow, qt_header: bool) -> KpiForm:
    """A KPI form of 施策 g1.a1 on the window's editor; with `qt_header`, Qt's own column header
    (its highlight asked of every selected cell's flags) in place of the grid's."""
    form = KpiForm(w.editor)
    if qt_header:
        header = QHeaderView(Qt.Orientation.Horizontal, form.view)
        header.setSectionsClickable(True)
        header.setHighlightSections(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        form.view.setHorizontalHeader(header)
    form.resize(1100, 600)
    form.show()
    tree = w.editor.tree("strategy-2015")
    form.load(tree, tree.node("g1.a1"), R2)
    for _turn in range(20):
        QApplication.processEvents()
    return form


def _header(form: KpiForm, other: KpiForm) -> QImage:
    """`form`'s column header as painted, its sections as wide and scrolled as `other`'s."""
    header, like = form.view.horizontalHeader(), other.view.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, like.sectionSize(column))
    form.view.horizontalScrollBar().setValue(other.view.horizontalScrollBar().value())
    header.setOffset(like.offset())
    form.activateWindow()
    QApplication.processEvents()
    return header.grab().toImage()


def test_the_column_headers_of_a_pasted_block_show_as_qts_own_highlight(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    ours, qts = _form(w, qt_header=False), _form(w, qt_header=True)
    assert isinstance(ours.view.horizontalHeader(), ColumnHeader)
    plain = _header(ours, qts)
    assert plain == _header(qts, ours)
    rows = ours.model.rowCount()
    first = ours.view.columnAt(1)  # the first column shown (the grid shows the entry year)
    assert first + 3 < ours.model.columnCount()
    # a pasted block (its columns bold), then a whole column with a block beside it (pressed,
    # and its neighbours drawn against it), then two ranges that make a whole column together
    for ranges in ([(0, first, 1, first + 2)], [(0, first + 1, rows - 1, first + 1), (0, first + 3, 0, first + 3)],
                   [(0, first, 0, first), (1, first, rows - 1, first)]):
        for form in (ours, qts):
            selection = QItemSelection()
            for top, left, bottom, right in ranges:
                selection.select(form.model.index(top, left), form.model.index(bottom, right))
            form.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        highlighted = _header(ours, qts)
        assert highlighted != plain, ranges  # the highlight shows
        assert highlighted == _header(qts, ours), ranges
    for form in (ours, qts):
        form.close()


def test_a_pasted_block_repaints_its_columns_highlight_and_its_red_cell_in_red(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The grid's own header, after a paste by Ctrl+V: the pasted columns' labels are bold, the
    others not; inside the selected block the unreadable value is painted in the red of a
    selected red cell, not in the selection's blue."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    header = view.horizontalHeader()
    assert isinstance(header, ColumnHeader)
    anchor = cell(w, "g1.a1.k1", A, R1)
    view.setCurrentIndex(anchor)
    QGuiApplication.clipboard().setText("３人\t４\r\nabc\t５\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    pane_filled(w)
    on, whole = header.highlighted()
    assert on == {anchor.column(), anchor.column() + 1} and not whole
    bad = w.page.kpi.model.index(anchor.row() + 1, anchor.column())
    assert view.selectionModel().isSelected(bad) and w.page.kpi.model.data(bad) == "abc"
    image = view.viewport().grab().toImage()
    assert _dominant(image, view.visualRect(bad)) == INVALID_SELECTED.name()
    blue = _dominant(image, view.visualRect(w.page.kpi.model.index(anchor.row() + 1, anchor.column() + 1)))
    assert blue != INVALID_SELECTED.name()  # the selection's own colour
    w.act_undo.trigger()  # the block is still selected: its columns stay bold, nothing is red
    assert header.highlighted()[0] == on
    image = view.viewport().grab().toImage()
    assert _dominant(image, view.visualRect(bad)) == blue


def _dominant(image: QImage, rect: QRect) -> str:
    """The colour most of a cell's inside is painted in (its text and marks are at its edges)."""
    colours = Counter(image.pixelColor(x, y).name() for x in range(rect.left() + 20, rect.right() - 30)
                      for y in range(rect.top() + 4, rect.bottom() - 4))
    return colours.most_common(1)[0][0]
