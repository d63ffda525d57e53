"""The grids' columns are as wide as their headers and texts (issue 27): measured from the font,
never narrower than Qt's own resize to contents (what the delegate's size hints give), at 100 %
and 150 % of the font, with an edited (bold) figure and a long typed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui import theme
from kodaira_desk.ui.forms.column_widths import content_widths
from kodaira_desk.ui.window.main_window import MainWindow
from tests.ui.grid_helpers import CTRL, R2, cell, open_kpi, press, saved_value

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def qt_widths(view: QTableView) -> list[int]:
    """What QTableView.resizeColumnsToContents sets: the delegate's size hint of every cell and
    the header's, per column (the view's own widths are put back afterwards)."""
    header = view.horizontalHeader()
    before = [header.sectionSize(c) for c in range(header.count())]
    view.resizeColumnsToContents()
    found = [header.sectionSize(c) for c in range(header.count())]
    for c, width in enumerate(before):
        header.resizeSection(c, width)
    return found


def assert_fits(view: QTableView) -> None:
    ours, qts = content_widths(view), qt_widths(view)
    assert len(ours) == len(qts) > 0
    for column, (mine, qt) in enumerate(zip(ours, qts, strict=True)):
        shown = view.horizontalHeader().sectionSize(column)
        assert mine >= qt, f"column {column}: {mine} px is narrower than Qt's {qt} px"
        assert mine <= qt + 4, f"column {column}: {mine} px is much wider than Qt's {qt} px"
        assert shown >= min(qt, 360), f"column {column} shown {shown} px, its contents need {qt} px"


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_every_grid_fits_its_japanese_headers_and_figures(qtbot, window: MainWindow, scale: float) -> None:  # type: ignore[no-untyped-def]
    w = window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_font(app, app.font().family(), scale)
    try:
        view = open_kpi(w, "strategy-2015", "g1.a1")
        # typed: an edited figure is bold (wider), a long one wider than its header: it shows whole
        w.page.kpi.model.setData(cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2), "1,234,567,890人")
        assert_fits(view)
        w.page.kpi.load(w.editor.tree("strategy-2015"), w.editor.tree("strategy-2015").node("g1.a1"), R2)
        assert_fits(view)
        checked = 1
        for plan_id, tree in w.editor.trees.items():
            for node in tree.nodes[:40]:
                w.select_node(plan_id, node.key)
                kpi = w.page.kpi
                if kpi.model.rowCount() and kpi.model.columnCount():  # (the budget's are fixed, 170 px)
                    assert_fits(kpi.view)
                    checked += 1
        assert checked > 5
    finally:
        theme.apply_font(app, app.font().family(), 1.0)
        w.editor.discard()


def test_a_larger_font_refits_the_grid_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """表示 > 文字の大きさ while a grid is shown: its Japanese headers are not cut off."""
    w = window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    view = open_kpi(w, "strategy-2015", "g1.a1")
    assert_fits(view)
    try:
        theme.apply_font(app, app.font().family(), 1.5)
        qtbot.waitUntil(lambda: all(view.horizontalHeader().sectionSize(c) >= min(q, 360)
                                    for c, q in enumerate(qt_widths(view))), timeout=5000)
        assert_fits(view)
    finally:
        theme.apply_font(app, app.font().family(), 1.0)


def assert_no_column_cut_at_the_left(view: QAbstractItemView, when: str) -> None:
    """The first column shown starts at the grid's left edge: its header (「平成29年度」) is whole,
    not 「成29年度」 with half of it scrolled away."""
    assert isinstance(view, QTableView)
    header = view.horizontalHeader()
    first = header.logicalIndexAt(0)
    assert header.sectionViewportPosition(first) == 0, (
        f"{when}: column {first} ({view.model().headerData(first, Qt.Orientation.Horizontal)!r}) starts "
        f"{header.sectionViewportPosition(first)} px left of the edge")


def test_a_paste_at_the_last_columns_and_a_save_leave_no_header_cut_at_the_left(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 1366×768 the KPI grid is wider than its pane: a 2×4 block pasted into its last columns
    takes the grid to its end, and Ctrl+S refits it; at the end, Qt put the last column flush
    with the right edge and cut the first column shown in half (「成29年度」)."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0  # the grid does not fit: it scrolls
    anchor = cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2)
    last = model.columnCount() - 1
    view.setCurrentIndex(model.index(0, last))
    view.setCurrentIndex(anchor)
    QGuiApplication.clipboard().setText("10人\t20人\t30人\t40人\n11%\t21%\t31%\t41%\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    view.scrollTo(model.index(0, last))  # the pasted block's right end in view
    assert bar.value() == bar.maximum()
    assert_no_column_cut_at_the_left(view, "pasted")
    assert view.visualRect(model.index(0, last)).right() < view.viewport().width()  # the last column whole
    qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, "g1.a1.k1", ValueKind.ACTUAL, R2) == "10人"
    assert_no_column_cut_at_the_left(view, "saved")
    view.scrollTo(model.index(0, last))
    assert_no_column_cut_at_the_left(view, "saved, at the end")
    for value in range(bar.maximum(), -1, -1):  # and every place of the scroll bar on the way back
        bar.setValue(value)
        assert_no_column_cut_at_the_left(view, f"scrolled to {value}")


def test_a_name_beside_a_wide_badge_keeps_to_its_rows_two_lines(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """11% pasted as 令和2年度's 見込 of 「小平産の農産物を購入するようにしている」人の割合 puts
    「▲基準値を下回る」 beside its name: the name took three lines in a row of two, its first and
    last cut in half. It is shown in the row's two lines, the second ending in 「…」."""
    from PySide6.QtGui import QFont, QFontMetrics

    from kodaira_desk.ui.forms.grid_view import NameHeader, name_lines

    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    target = cell(w, "g1.a1.k2", ValueKind.FORECAST, R2)
    view.setCurrentIndex(target)
    QGuiApplication.clipboard().setText("11%")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    names = view.verticalHeader()
    assert isinstance(names, NameHeader)
    badge = names.badges[target.row()][0]
    assert "基準値を下回る" in badge
    bold = QFont(names.font())
    bold.setBold(True)
    metrics = QFontMetrics(names.font())
    name = str(model.headerData(target.row(), Qt.Orientation.Vertical))

    def room() -> int:  # what paintSection leaves the name: the badge and its margins taken off
        return names.width() - 6 - (QFontMetrics(bold).horizontalAdvance(badge) + 12)

    # the names' column as narrow as the name takes three lines beside the badge (at 1366×768 under
    # X it did at the column's own width; the clerk may also drag it narrower)
    while len(name_lines(name, names.font(), metrics, room(), 9)) < 3:
        names.set_name_width(names.width() - 4)
    assert names.width() > 120
    most = (names.sectionSize(target.row()) - 2) // metrics.lineSpacing()
    assert most == 2
    lines = name_lines(name, names.font(), metrics, room(), most)
    assert len(lines) == most
    assert all(metrics.horizontalAdvance(line) <= room() for line in lines)
    assert lines[-1].endswith("…") and name.startswith("".join(lines)[:-1])
    assert "".join(name_lines(name, names.font(), metrics, 10_000, most)) == name  # room enough: whole
    names.repaint()  # painted so without an error
    w.editor.discard()


def test_a_pasted_block_of_ascii_texts_widens_the_columns_its_widest_texts_need(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The widths skip measuring an ASCII text that cannot be wider than its column (its length
    times the font's widest ASCII glyph, issue 27): a block of short figures leaves the columns as
    they were, and wide letters of the same length (a red draft: shown as typed) or a long figure
    widen theirs to what Qt's own resize gives."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    header = view.horizontalHeader()
    first = cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2)
    view.setCurrentIndex(first)
    before = [header.sectionSize(c) for c in range(header.count())]
    QGuiApplication.clipboard().setText("11\t2\r\n3\t44\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert [header.sectionSize(c) for c in range(header.count())] == before
    w.act_undo.trigger()
    view.setCurrentIndex(first)
    # as many W as narrow figures would fit in the column: the W are wider than it
    metrics = view.fontMetrics()
    count = (before[first.column()] - 12) // metrics.horizontalAdvance("1")
    wide, long = "W" * count, "1,234,567,890,123"
    assert metrics.horizontalAdvance(wide) > before[first.column()]
    QGuiApplication.clipboard().setText(f"{wide}\t{long}\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert first.data() == wide and view.model().index(first.row(), first.column() + 1).data().startswith(long)
    qts = qt_widths(view)
    for column in (first.column(), first.column() + 1):
        assert header.sectionSize(column) >= min(qts[column], 360), column
    assert header.sectionSize(first.column()) > before[first.column()]
    w.editor.discard()


def test_a_pasted_block_of_wide_characters_widens_the_columns_they_need(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A pasted column's texts are bounded at once by their longest text times their widest
    character, each character other than ASCII measured (a figure's unit, a full-width letter;
    issue 27): as many full-width letters (a red draft: shown as typed) as narrow figures would
    fit in the column are wider than it, and widen it to what Qt's own resize gives; a column
    of short figures beside it stays as it was."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    header = view.horizontalHeader()
    first = cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2)
    view.setCurrentIndex(first)
    before = [header.sectionSize(c) for c in range(header.count())]
    metrics = view.fontMetrics()
    count = (before[first.column()] - 12) // metrics.horizontalAdvance("1")
    wide = "Ｗ" * count
    assert metrics.horizontalAdvance(wide) > before[first.column()]
    QGuiApplication.clipboard().setText(f"{wide}\t12\r\n{wide[:2]}\t3\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert first.data() == wide and w.editor.drafts  # shown as typed, red
    qts = qt_widths(view)
    assert header.sectionSize(first.column()) > before[first.column()]
    assert header.sectionSize(first.column()) >= min(qts[first.column()], 360)
    assert header.sectionSize(first.column() + 1) == before[first.column() + 1]
    w.editor.discard()


def test_a_column_is_bounded_by_its_widest_character_not_only_the_widest_ascii_one(qapp) -> None:  # type: ignore[no-untyped-def]
    """The bound of a whole pasted column (column_widths._narrow) takes each character other than
    ASCII at its own advance: texts of such characters are not taken as narrow because the
    widest ASCII glyph of some font is narrow (a font's ASCII may be narrower than its kanji)."""
    from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

    from kodaira_desk.ui.forms.column_widths import _narrow

    font = QFont()
    quick = QFontMetricsF(font)
    kanji = quick.horizontalAdvance("人")
    narrow_ascii = kanji / 3  # a font whose ASCII is a third of its kanji
    metrics = (QFontMetrics(font), quick, narrow_ascii, font.key() + "-narrow-ascii")
    room = 5 * kanji - 1
    assert _narrow([("12", None), ("1234", None)], room, lambda _f: metrics)
    assert not _narrow([("12人", None), ("人人人人人", None)], room, lambda _f: metrics)
    assert _narrow([("12人", None), ("人人人人", None)], room, lambda _f: metrics)
    assert not _narrow([("12\n34", None)], room, lambda _f: metrics)  # lines: measured one by one
