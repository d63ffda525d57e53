"""Readable at any size and not by colour alone (issue 28): a KPI cell says its state in words to a
screen reader and shows it with a mark or a pattern; the grid's headers are its row (indicator,
unit) and column (year, kind) headers; the focus mark reaches 3:1; the high-contrast palette and a
larger font reach every form."""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y_kit import accessible_description, accessible_name, interface
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui import theme
from kodaira_desk.ui.contrast_style import HighContrastStyle
from kodaira_desk.ui.window.main_window import MainWindow

R1, R2 = FiscalYear(2019), FiscalYear(2020)
A = ValueKind.ACTUAL


def _grid_cell(w: MainWindow, row: int, column: int) -> QAccessible.QAccessibleInterface:  # type: ignore[name-defined]
    """The cell as Qt serves it to assistive technology (children: corner, column headers, then
    per row its header and cells)."""
    table = interface(w.page.kpi.view)
    columns = w.page.kpi.model.columnCount()
    return table.child((row + 1) * (columns + 1) + column + 1)


def _name_description(cell) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return cell.text(QAccessible.Text.Name), cell.text(QAccessible.Text.Description)


def _open(w: MainWindow, grid, node: str = "g1.a1") -> None:  # type: ignore[no-untyped-def]
    grid.open_kpi(w, "strategy-2015", node)
    QApplication.processEvents()


def _colours_in(image: QImage, colour: QColor) -> int:
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixel(x, y)) == colour)


def test_a_kpi_cell_says_what_it_is_and_its_state(qtbot, window: MainWindow, grid) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(w, grid)
    model = w.page.kpi.model
    entry = grid.cell(w, "g1.a1.k1", A, R2)
    name, description = _name_description(_grid_cell(w, entry.row(), entry.column()))
    assert name == "空欄"  # an empty cell is not silent
    assert description.endswith("新規就農者数 令和2年度実績")
    # the headers a screen reader announces with the cell: indicator and unit, year and kind
    table = interface(w.page.kpi.view)
    row_header = table.child((entry.row() + 1) * (model.columnCount() + 1))
    column_header = table.child(entry.column() + 1)
    assert row_header.role() == QAccessible.Role.RowHeader and column_header.role() == QAccessible.Role.ColumnHeader
    assert row_header.text(QAccessible.Text.Name) == "1 新規就農者数（単位: 人）"
    assert column_header.text(QAccessible.Text.Name) == "令和2年度 実績"
    # red: unreadable, and why
    w.page.kpi.view.setCurrentIndex(entry)
    grid.type_keys(qtbot, w.page.kpi.view, "abc")
    grid.press(qtbot, w.page.kpi.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.draft(entry) is not None, timeout=3000)
    name, description = _name_description(_grid_cell(w, entry.row(), entry.column()))
    assert name == "abc"
    assert description.startswith("赤（×）: 読めない入力で、保存されません — ") and model.draft(entry).message in description
    # yellow: a cumulative total going down, and why
    down = grid.cell(w, "g1.a1.k4", A, R1)
    w.page.kpi.view.setCurrentIndex(down)
    grid.type_keys(qtbot, w.page.kpi.view, "200")
    grid.press(qtbot, w.page.kpi.view, Qt.Key.Key_Return)
    _name, description = _name_description(_grid_cell(w, down.row(), down.column()))
    assert description.startswith("黄（角の印）: 確認が必要です — ") and "累計" in description
    assert "未保存の変更" in description


def test_grey_cells_say_whose_they_are(qtbot, db_path: Path, tmp_path: Path, grid) -> None:  # type: ignore[no-untyped-def]
    w = grid.clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        _open(w, grid, "g2.a3")
        theirs = grid.cell(w, "g2.a3.k1", A, R2)
        _name, description = _name_description(_grid_cell(w, theirs.row(), theirs.column()))
        assert description.startswith("灰色（斜線）: 入力できません — 保育課の担当です。")
    finally:
        grid.close_window(w)


def test_states_show_as_marks_and_patterns_not_colour_alone(qtbot, db_path: Path, tmp_path: Path, grid) -> None:  # type: ignore[no-untyped-def]
    w = grid.clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        _open(w, grid, "g2.a3")
        view = w.page.kpi.view
        colours = theme.colours()
        theirs = grid.cell(w, "g2.a3.k1", A, R2)
        mine = grid.cell(w, "g2.a3.k2", A, R2)
        view.setCurrentIndex(mine)
        grid.type_keys(qtbot, view, "abc")
        grid.press(qtbot, view, Qt.Key.Key_Return)
        view.scrollTo(theirs)
        view.clearFocus()
        QApplication.processEvents()
        shot = view.viewport().grab().toImage()

        def area(index) -> QImage:  # type: ignore[no-untyped-def]
            return shot.copy(view.visualRect(index))
        assert _colours_in(area(theirs), colours.locked_hatch) > 10  # the hatching of a grey cell
        assert _colours_in(area(mine), colours.invalid_mark) > 10  # the × and the dashed frame of a red one
        # the current cell's frame, when the grid has the keyboard
        view.setFocus()
        view.setCurrentIndex(mine)
        QApplication.processEvents()
        framed = view.viewport().grab().toImage().copy(view.visualRect(mine))
        assert _colours_in(framed, colours.focus) > 20
    finally:
        grid.close_window(w)


def test_the_focus_ring_is_seen_at_3_to_1(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    assert w.select_node("strategy-2015", "g1.a1.m2")
    status = w.page.measure.status
    status.setFocus()
    qtbot.waitUntil(lambda: w.findChild(QWidget, "focusRing") is not None
                    and w.findChild(QWidget, "focusRing").isVisible(), timeout=3000)
    ring = w.findChild(QWidget, "focusRing")
    top_left = status.mapTo(w, QPoint(0, 0))
    assert ring.geometry().contains(top_left) and ring.geometry().left() < top_left.x()
    image = w.grab().toImage()
    colour = theme.colours().focus
    left_edge = QPoint(ring.geometry().left() + 1, ring.geometry().center().y())
    assert QColor(image.pixel(left_edge)) == colour
    palette = w.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        assert theme.contrast(colour, palette.color(role)) >= 3.0, role
    # it follows the keyboard
    w.page.measure.narrative.setFocus()
    qtbot.waitUntil(lambda: ring.geometry().contains(w.page.measure.narrative.mapTo(w, QPoint(2, 2))), timeout=3000)


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.HIGH], ids=["light", "high-contrast"])
def test_every_colour_pair_reaches_its_contrast(colours: theme.Colours) -> None:
    c = colours
    for text, background in ((c.invalid_text, c.invalid), (c.locked_text, c.locked), (c.warning_text, c.warning),
                             (c.entry_text, c.entry_year), (c.text, c.panel), (c.text, c.banner)):
        assert theme.contrast(text, background) >= 4.5, (text.name(), background.name())
    window = QColor("#efefef") if not c.high_contrast else QColor("#000000")
    for text in (c.muted, c.error, c.ok, c.edited):
        assert theme.contrast(text, window) >= 4.5, text.name()
    for mark, background in ((c.invalid_mark, c.invalid), (c.warning_mark, c.warning), (c.locked_hatch, c.locked),
                             (c.focus, window), (c.focus_inner, c.focus)):
        assert theme.contrast(mark, background) >= (1.4 if mark == c.locked_hatch else 3.0), (mark.name(), background.name())
    for colour in theme.STATUS_TEXT:
        shown = QColor(theme.STATUS_TEXT[colour][1 if c.high_contrast else 0])
        assert theme.contrast(shown, window if c.high_contrast else QColor("#ffffff")) >= 4.5, colour


def test_high_contrast_reaches_the_forms_and_comes_back(qtbot, window: MainWindow, grid) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(w, grid)
    light = QApplication.palette().color(QPalette.ColorRole.Window)
    w.act_contrast.trigger()
    try:
        assert theme.is_high_contrast() and w.settings.high_contrast is True
        assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
        model = w.page.kpi.model
        entry = grid.cell(w, "g1.a1.k1", A, R2)
        assert model.data(entry, Qt.ItemDataRole.BackgroundRole).color() == theme.HIGH.entry_year
        assert w.page.kpi.legend.styleSheet() == f"color:{theme.HIGH.muted.name()}"
        # the fields are framed in white, not black on black as the style drew them
        for field in (w.search, w.year_combo):
            assert _framed_in_white(field), field.objectName()
    finally:
        w.act_contrast.trigger()
    assert not theme.is_high_contrast()
    assert not isinstance(QApplication.style(), HighContrastStyle)  # the style as it was
    assert QApplication.palette().color(QPalette.ColorRole.Window) == light
    assert w.page.kpi.model.data(grid.cell(w, "g1.a1.k1", A, R2),
                                 Qt.ItemDataRole.BackgroundRole).color() == theme.LIGHT.entry_year


def _framed_in_white(field: QWidget) -> bool:
    """The field's left edge, halfway down, as drawn: a white line there."""
    QApplication.processEvents()  # (the new palette and style reach the widgets)
    image = field.grab().toImage()
    return any(image.pixelColor(x, field.height() // 2) == QColor("#ffffff") for x in range(3))


def test_the_text_size_follows_the_choice(qtbot, window: MainWindow, grid, _font_kept) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(w, grid)
    title = w.page.header.title.font().pointSizeF()
    names = w.page.kpi.view.verticalHeader().width()
    w.font_actions[1.5].trigger()
    try:
        larger = QApplication.font().pointSizeF()
        qtbot.waitUntil(lambda: w.page.header.title.font().pointSizeF() > title * 1.3, timeout=3000)  # posted
        _open(w, grid)
        assert w.page.kpi.view.verticalHeader().width() > names
        assert w.settings.font_scale == 1.5
    finally:
        w.font_actions[1.0].trigger()
    assert larger == pytest.approx(QApplication.font().pointSizeF() * 1.5, abs=0.11)
    assert accessible_name(w.tree_view) == "計画の一覧" and accessible_description(w.tree_view)
