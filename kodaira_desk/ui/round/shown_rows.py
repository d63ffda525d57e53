"""A Python table model's cells as Qt's own items, for its view to paint without calling into Python.

Qt's item delegate asks a cell seven roles as it paints it (font, alignment, text colour, check
state, icon, text, background), each a call from C++ into the Python model: some 1,000 calls a
paint of the collection board, 5–7 ms of its 7–9 ms (issue 27; the same texts in a
QStandardItemModel painted in 2.4–2.9 ms). `ShownRows` copies the source model's answers into
QStandardItems once per change of the source (its reset, a changed cell, its rows) and on a switch
of language or theme (`refill`); the view shows it, and the source stays the one the window and its
tests read (`.rows`, `.index(r, c).data()`): the same rows in the same order, so a row chosen in the
view is the source's row of that number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from kodaira_desk.ui import a11y, theme

Index = QModelIndex | QPersistentModelIndex

# the roles copied besides the text (the delegate's and the tooltip); what a screen reader reads is
# the text, or 空欄 for an empty cell (a11y.blank_named, as the round's models answer it)
ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
         Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole,
         Qt.ItemDataRole.CheckStateRole)


class ShownRows(QStandardItemModel):
    """The cells of `source` (a flat table model) as items, kept the same as its answers. The items
    are editable as QStandardItems are: the view shows them with no edit triggers."""

    def __init__(self, source: QAbstractItemModel, parent: QObject | None = None,
                 roles: Sequence[Qt.ItemDataRole] = ROLES,
                 more: Mapping[int, Sequence[Qt.ItemDataRole]] | None = None) -> None:
        """`roles`: asked of every cell besides its text; `more`: asked of the cells of a column
        besides those (the source answers them there only: a cell asks only what it may have)."""
        super().__init__(parent)
        self.source = source
        self._roles = tuple(roles)
        self._more = {column: self._roles + tuple(extra) for column, extra in (more or {}).items()}
        source.modelReset.connect(self.refill)
        source.layoutChanged.connect(self.refill)
        source.rowsInserted.connect(self.refill)
        source.rowsRemoved.connect(self.refill)
        source.headerDataChanged.connect(self._heads)
        source.dataChanged.connect(self._changed)
        theme.changed().connect(self.refill)  # the colours follow the theme
        self.refill()

    def refill(self, *_args: object) -> None:
        """Every row again from the source (its texts in the language shown now, its colours in the
        theme's). The columns stay (their widths with them); the rows are made again."""
        source = self.source
        columns = source.columnCount()
        if self.columnCount() != columns:
            self.setColumnCount(columns)
        self._heads()
        roles = [self._more.get(column, self._roles) for column in range(columns)]
        rows = [[self._item(source.index(row, column), roles[column]) for column in range(columns)]
                for row in range(source.rowCount())]
        self.blockSignals(True)  # one reset for the view, not a signal per row (the rows are new)
        try:
            self.removeRows(0, self.rowCount())
            for items in rows:
                self.appendRow(items)
        finally:
            self.blockSignals(False)
        self.beginResetModel()
        self.endResetModel()

    def _item(self, index: QModelIndex, roles: Sequence[Qt.ItemDataRole]) -> QStandardItem:
        data = self.source.data
        text = data(index, Qt.ItemDataRole.DisplayRole)
        shown = "" if text is None else str(text)
        item = QStandardItem(shown)
        for role in roles:
            value = data(index, role)
            if value is not None:
                item.setData(value, role)
        if not shown.strip():  # an empty cell is not silent
            item.setData(a11y.blank_named(shown), Qt.ItemDataRole.AccessibleTextRole)
        return item

    def _heads(self, *_args: object) -> None:
        source = self.source
        self.setHorizontalHeaderLabels([str(source.headerData(c, Qt.Orientation.Horizontal) or "")
                                        for c in range(source.columnCount())])

    def _changed(self, top_left: Index, bottom_right: Index, _roles: object = None) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            for column in range(top_left.column(), bottom_right.column() + 1):
                if row < self.rowCount() and column < self.columnCount():
                    self.setItem(row, column, self._item(self.source.index(row, column),
                                                         self._more.get(column, self._roles)))
