"""A round window's table within its window at 1366×768, the city's laptops (issue 27): its columns
are fitted to their texts, and when together they are wider than the table, the window first grows
as far as the screen allows, then the columns whose texts can be shortened (a plan's title, a file's
name) are narrowed: their texts are elided there and shown whole in their tooltips, so no column
sits behind a horizontal scroll bar and nothing is lost."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget

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
