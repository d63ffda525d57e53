"""The grids' column header: a column holding selected cells shows its label bold, and a column
selected whole shows pressed, as Qt's own header highlight shows them.

Qt's highlight asks, on every repaint of the header, whether each column is selected whole: the
flags of every selected cell of it, one call into the Python model each (a pasted block of 1,000
cells: 1,000 calls, 4–9 ms a repaint, issue 27). Every cell of our grids can be selected, so the
selection's ranges say it alone: the header works it out from them once per repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget


class ColumnHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # as QTableView's own header: a click selects the column
        self.setHighlightSections(False)  # (done here, from the ranges)
        self._on: set[int] = set()  # columns holding a selected cell: the label bold
        self._whole: set[int] = set()  # columns selected whole: the section pressed

    def highlighted(self) -> tuple[set[int], set[int]]:
        """(the columns holding a selected cell, the columns selected whole), from the selection."""
        selection = self.selectionModel()
        model = self.model()
        if selection is None or model is None or not self.sectionsClickable():
            return set(), set()
        spans: dict[int, list[tuple[int, int]]] = {}
        for part in selection.selection().toList():  # (its ranges)
            if part.parent().isValid():
                continue
            for column in range(part.left(), part.right() + 1):
                spans.setdefault(column, []).append((part.top(), part.bottom()))
        rows = model.rowCount()
        whole = set()
        for column, ranges in spans.items():
            reached = -1  # the rows from the first covered without a gap
            for top, bottom in sorted(ranges):
                if top > reached + 1:
                    break
                reached = max(reached, bottom)
            if rows and reached >= rows - 1:
                whole.add(column)
        return set(spans), whole

    def paintEvent(self, event: QPaintEvent) -> None:
        self._on, self._whole = self.highlighted()
        super().paintEvent(event)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logical_index: int) -> None:
        """What Qt's own sets for a section (QHeaderView::initStyleOptionForIndex), its highlight
        and its neighbours' from the ranges (Qt's asks whether each neighbour is selected whole
        even with the highlight off)."""
        model = self.model()
        if model is None:
            return
        vertical = self.orientation()
        state = option.state
        if self.window().isActiveWindow():
            state |= QStyle.StateFlag.State_Active
        if logical_index in self._on:
            state |= QStyle.StateFlag.State_On  # (QCommonStyle draws the label bold)
        if logical_index in self._whole:
            state |= QStyle.StateFlag.State_Sunken
        option.state = state
        option.section = logical_index
        align = model.headerData(logical_index, vertical, Qt.ItemDataRole.TextAlignmentRole)
        option.textAlignment = Qt.AlignmentFlag(int(align)) if align is not None else self.defaultAlignment()
        option.iconAlignment = Qt.AlignmentFlag.AlignVCenter
        text = model.headerData(logical_index, vertical, Qt.ItemDataRole.DisplayRole)
        option.text = "" if text is None else str(text)
        visual = self.visualIndex(logical_index)
        shown = [v for v in range(self.count()) if not self.isSectionHidden(self.logicalIndex(v))]
        first, last = bool(shown) and visual == shown[0], bool(shown) and visual == shown[-1]
        position = QStyleOptionHeader.SectionPosition
        option.position = (position.OnlyOneSection if first and last else position.Beginning if first
                           else position.End if last else position.Middle)
        option.orientation = vertical
        before = self.logicalIndex(visual - 1) in self._whole
        after = self.logicalIndex(visual + 1) in self._whole
        adjacent = QStyleOptionHeader.SelectedPosition
        option.selectedPosition = (adjacent.NextAndPreviousAreSelected if before and after
                                   else adjacent.PreviousIsSelected if before
                                   else adjacent.NextIsSelected if after else adjacent.NotAdjacent)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        # the sections of columns whose highlight may have changed are repainted by Qt's own
        # region (visualRegionForSelection); a column selected whole depends on every range
        self.viewport().update()
