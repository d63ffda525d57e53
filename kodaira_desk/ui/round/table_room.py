"""A round window's table within its window at 1366×768, the city's laptops (issue 27): its columns
are fitted to their texts, and when together they are wider than the table, the window first grows
as far as the screen allows, then the columns whose texts can be shortened (a plan's title, a file's
name) are narrowed: their texts are elided there and shown whole in their tooltips, so no column
sits behind a horizontal scroll bar and nothing is lost."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyle, QTableView, QWidget

from kodaira_desk.ui import screen_fit


def excess(view: QTableView) -> int:
    """How much wider the columns are than the room the table has for them (its width less its
    frame and, when its rows need one, the vertical scroll bar)."""
    room = view.width() - 2 * view.frameWidth()
    if view.verticalHeader().isVisible():
        room -= view.verticalHeader().width()
    bar = view.verticalScrollBar()
    if view.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (bar.isVisible() or _rows_overflow(view)):
        room -= bar.sizeHint().width()
    return view.horizontalHeader().length() - room + _SLACK


_SLACK = 2  # pixels: the viewport's own margins (a section 1 px past it still scrolled)


def fit_in(window: QWidget, view: QTableView, narrowed: Sequence[tuple[int, int]], grow: bool = True) -> None:
    """The table's columns within the window: the window widened up to the screen's room (`grow`),
    then each of `narrowed` (column, least width) narrowed in turn down to its least width."""
    layout = window.layout()
    if layout is not None:
        layout.activate()  # (the table's width as the window is now)
    over = excess(view)
    if over <= 0:
        return
    if grow:
        room = screen_fit.room(window).width()
        wider = min(window.width() + over, room)
        if wider > window.width():
            window.resize(wider, window.height())
            _keep_on_screen(window)
            if layout is not None:
                layout.activate()  # (the table's new width, now)
            over = excess(view)
    header = view.horizontalHeader()
    for column, least in narrowed:
        if over <= 0:
            break
        width = header.sectionSize(column)
        cut = min(over, max(0, width - least))
        if cut:
            header.resizeSection(column, width - cut)
            over -= cut


def _rows_overflow(view: QTableView) -> bool:
    return view.verticalHeader().length() > view.viewport().height()


def _keep_on_screen(window: QWidget) -> None:
    """A window widened after it was placed (centred on its parent) moved left as far as needed for
    its right edge to stay on its screen."""
    screen = window.screen()
    if screen is None or not window.isVisible():
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    if frame.right() > area.right():
        window.move(max(area.left(), window.x() - (frame.right() - area.right())), window.y())


def fit_rows(view: QTableView, texts: Sequence[Sequence[str]]) -> None:
    """Each row as high as its shown texts (`texts[row][column]`) wrapped at their columns' widths:
    what `resizeRowsToContents` sets, measured from the view's font. Qt asked the delegate of every
    cell, each some seven roles of the Python model, and laid out each text: 3–4 ms of the GUI
    thread for 30 conflicts at ×10 (issue 27); a text of one line narrower than its column (most
    of them) is not laid out here. As Qt's: a row is no lower than its number in the vertical
    header, and one pixel more for the grid line."""
    header = view.verticalHeader()
    if not texts:
        return
    fm = view.fontMetrics()
    quick = QFontMetricsF(view.font())
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    rooms = [max(1, view.columnWidth(c) - margin) for c in range(len(texts[0]))]
    line, grid = fm.height(), 1 if view.showGrid() else 0
    wrap = Qt.TextFlag.TextWordWrap if view.wordWrap() else Qt.TextFlag.TextSingleLine
    least = max(header.minimumSectionSize(), header.sectionSizeHint(0))  # (every row's number as high)
    for row, cells in enumerate(texts):
        high = 0
        for room, text in zip(rooms, cells, strict=False):
            if not text:
                continue
            if "\n" not in text and quick.horizontalAdvance(text) < room - 1:
                high = max(high, line)
            else:
                high = max(high, fm.boundingRect(QRect(0, 0, room, 1 << 20), int(wrap), text).height())
        wanted = max(high + grid, least)
        if header.sectionSize(row) != wanted:
            header.resizeSection(row, wanted)
