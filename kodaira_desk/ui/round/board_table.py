"""進捗ボード's table, its cells painted a slice a turn (issue 27)."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

Index = QModelIndex | QPersistentModelIndex

CELLS_SLICE_S = 0.004  # of the GUI thread's time a paint the event loop asks for spends on cells


class _Cells(QStyledItemDelegate):
    """The board's cells as Qt draws them; in a sliced paint (`BoardTable`), those left once the
    paint has spent CELLS_SLICE_S are noted (`left`) instead, for the next turn."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.started: float | None = None  # the sliced paint's start (thread time)
        self.drawn = 0
        self.left: list[tuple[int, int]] = []  # (row, column): drawn next turn wherever they are then

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        started = self.started
        if started is not None and self.drawn and time.thread_time() - started > CELLS_SLICE_S:
            self.left.append((index.row(), index.column()))  # (its background meanwhile)
            return
        self.drawn += 1
        super().paint(painter, option, index)


class BoardTable(QTableView):
    """The board's table: a paint the event loop asks for (`live`, the dialog's UpdateRequest) draws
    its cells a slice a turn (issue 27: the rows' first paint, some 280 cells at ~60 µs each, was
    15–22 ms of the GUI thread in one turn); a paint asked by code (`repaint`, `grab`) is whole."""

    def __init__(self) -> None:
        super().__init__()
        self.cells = _Cells(self)
        self.setItemDelegate(self.cells)
        self.live = False
        self.slices = 0  # paints that left cells for a later turn
        self._rest_cells: list[tuple[int, int]] = []  # left by the paints, drawn next turn
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(0)
        self._rest.timeout.connect(self._paint_rest)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.live:
            super().paintEvent(event)
            return
        cells = self.cells
        cells.started, cells.drawn, cells.left = time.thread_time(), 0, []
        try:
            super().paintEvent(event)
        finally:
            cells.started = None
        if cells.left:
            self.slices += 1
            self._rest_cells.extend(cells.left)
            self._rest.start()

    def _paint_rest(self) -> None:
        """The cells left, where they are now: a wheel or a key may have scrolled the table since
        (the blanks moved with the cells; the cells themselves: a bounding rectangle would draw the
        first again)."""
        cells, self._rest_cells = self._rest_cells, []
        model, region = self.model(), QRegion()
        for row, column in cells:
            region = region.united(self.visualRect(model.index(row, column)))
        self.viewport().update(region)
