"""The plan tree's view: after a filter, its rows painted a slice a turn (issue 27).

A search, a 課 or 未入力のみ shows rows the tree has not painted before, and Qt's delegate shapes
each one's Japanese label and draws its mark: 0.2–0.5 ms a row, 40–50 rows in a tall tree, 15–30 ms
of the GUI thread in the one paint after the filter's own turn (and as much when the window is
deactivated by a dialog, every row then painted in its inactive colours). For a short while after a
filter is asked or the window's activation changes (`paint_in_slices`), a paint the event loop asks
for (the window's UpdateRequest) stops drawing rows once it has spent PAINT_SLICE_S and leaves the
rest to the next turn (a zero timer: the window takes keys in between), so the rows appear top down
over two or three frames instead of in one long one. So are the paints just after a selection moved
the tree (`scrollTo`: an item chosen in a closed branch or far from the rows shown, as a search's
answer or a jump to a red cell does): every row then came at once, most never drawn before, 4–13 ms
of the selection's frame beside the form's own. That frame draws only the current row, and the rest
come a slice a turn once the form's own later turns are done (`wait_while`: the KPI grid and its
pane). The current row is always drawn. A paint asked
by code (`repaint`, `grab`) and every paint outside that while is Qt's, whole. The rows left are
remembered as rows, not as places: a scroll, a resize or a change of the rows before the next turn
moves them, and the rest is drawn where they are then.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QTreeView, QWidget

PAINT_SLICE_S = 0.004  # of the GUI thread's time a paint spends on rows before it leaves the rest
_LOW = Qt.EventPriority.LowEventPriority.value  # (postEvent takes the number)
SLICED_FOR_S = 1.5  # how long after a filter is shown its paints are sliced
MOVED_SLICED_FOR_S = 0.25  # ... and after a selection moved the rows (its own paint and its rest)
WAIT_TURNS = 8  # turns the rows left wait for the form's own (`wait_while`) at most


class PlanTreeView(QTreeView):
    """A QTreeView whose paints after a filter are sliced (`paint_in_slices`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sliced_until = 0.0  # time.monotonic() until which paints are sliced
        self._started: float | None = None  # the paint's start (thread time) while it is sliced
        self._left: list[QPersistentModelIndex] = []  # the rows this paint left for the next turn
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(0)
        self._rest.timeout.connect(self._paint_rest)
        self._rest_rows: list[QPersistentModelIndex] = []  # the rows left, drawn next turn wherever they are
        self._budget = PAINT_SLICE_S  # of the paint under way
        self.slices = 0  # paints that left rows for a later turn (for tests and benchmarks)
        self._top: QWidget | None = None  # the window whose UpdateRequest is watched
        self._live = False  # in the window's UpdateRequest: the event loop's paint
        self._drawn = 0  # rows drawn by the paint under way
        self._defer = False  # the window's next paint a turn later (`defer_paint`)
        self._layout_later = False  # `collapse_all`: the rows laid out with what follows
        self._opened = 0  # branches opened so far (scrollTo opens the chosen item's)
        self._moved = False  # the next sliced paint is a selection's that moved the rows: its row only
        # the rows left wait while this holds (the window: the form's own later turns are due)
        self.wait_while: Callable[[], bool] = lambda: False
        self._waited = 0  # turns the rows left have waited (WAIT_TURNS at most: they come anyway)
        self.expanded.connect(self._on_expanded)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        top = self.window()
        if top is not self._top:
            if self._top is not None:
                self._top.removeEventFilter(self)
            self._top = top
            top.installEventFilter(self)

    def defer_paint(self) -> None:
        """The window's next paint a turn later: the turn that took a filter's answer in (its layout,
        the rows opened again) is not also the one that paints it; the screen keeps what it showed."""
        self._defer = True

    def collapse_all(self) -> None:
        """Every row closed, laid out with the filter's layout change that follows, not at once:
        `collapseAll` lays the whole tree out then and there (3.2 ms of a filter's answer at ×100),
        and the filter's answer lays it out again. (Qt lays out a view whose layout is pending
        before any use of its rows: a paint, a rectangle, a key.)"""
        self._layout_later = True
        try:
            self.collapseAll()
        finally:
            self._layout_later = False

    def doItemsLayout(self) -> None:
        if self._layout_later:
            self.scheduleDelayedItemsLayout()
            return
        super().doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._top and event.type() == QEvent.Type.UpdateRequest and self._defer:
            self._defer = False
            QCoreApplication.postEvent(watched, QEvent(QEvent.Type.UpdateRequest), _LOW)
            return True
        if (watched is self._top and event.type() == QEvent.Type.UpdateRequest and not self._live
                and time.monotonic() < self._sliced_until):
            self._live = True  # the window's paints of this turn, done here to know them
            try:
                watched.event(event)
            finally:
                self._live = False
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:  # a dialog opened or closed: every row repainted
            self.paint_in_slices()
        super().changeEvent(event)

    def paint_in_slices(self, for_s: float | None = None) -> None:
        """The paints of the next while (a filter's rows shown, then opened: SLICED_FOR_S) are sliced."""
        until = time.monotonic() + (SLICED_FOR_S if for_s is None else for_s)
        self._sliced_until = max(self._sliced_until, until)

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """As Qt's; when the rows moved (a branch opened, the tree scrolled), the paints that
        follow are sliced: most of the rows shown then were never drawn, and drawn at once they
        took the frame of the form the selection fills (issue 27). A scroll of a row paints a
        strip, within one slice."""
        bar = self.verticalScrollBar()
        before = (bar.value(), bar.maximum(), self._opened)
        super().scrollTo(index, hint)
        if (bar.value(), bar.maximum(), self._opened) != before:
            self.paint_in_slices(MOVED_SLICED_FOR_S)
            self._moved = True  # (the selection's turn fills the form: the current row is enough)

    def _on_expanded(self, _index: QModelIndex) -> None:
        self._opened += 1

    def later_turn(self) -> Callable[[], None] | None:
        """The rows a sliced paint left for the next turn, drawn (what its zero timer does, done
        now), or None (`bench_window.py selection` times each turn a selection leaves)."""
        if not self._rest.isActive() or (self.wait_while() and self._waited < WAIT_TURNS):
            return None

        def turn() -> None:
            self._rest.stop()
            self._paint_rest()
        return turn

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._live:
            self._moved = False  # (a paint asked by code is whole)
            super().paintEvent(event)
            return
        self._started, self._left, self._drawn = time.thread_time(), [], 0
        self._budget, self._moved = 0.0 if self._moved else PAINT_SLICE_S, False
        try:
            super().paintEvent(event)
        finally:
            self._started = None
        if self._left:
            self.slices += 1
            self._rest_rows.extend(self._left)
            self._rest.start()

    def drawRow(self, painter: QPainter, option: QStyleOptionViewItem,
                index: QModelIndex | QPersistentModelIndex) -> None:
        started = self._started
        if started is not None and self._drawn and time.thread_time() - started > self._budget \
                and index != self.currentIndex():
            self._left.append(QPersistentModelIndex(index))  # (the viewport's background under it meanwhile)
            return
        self._drawn += 1  # (at least one row a paint: the rows always come)
        super().drawRow(painter, option, index)

    def _paint_rest(self) -> None:
        """The rows left, where they are now (a wheel or a key may have scrolled them since, the
        blank they left moved with them; a row gone from view took its blank with it)."""
        if self.wait_while() and self._waited < WAIT_TURNS:
            self._waited += 1
            self._rest.start()
            return
        self._waited = 0
        self.paint_in_slices(MOVED_SLICED_FOR_S)  # (sliced still, however long the form took)
        rows, self._rest_rows = self._rest_rows, []
        width, rect = self.viewport().width(), QRect()
        for row in rows:
            at = self.visualRect(row) if row.isValid() else QRect()
            if not at.isNull():
                rect = rect.united(QRect(0, at.y(), width, at.height()))
        if not rect.isNull():
            self.viewport().update(rect)
