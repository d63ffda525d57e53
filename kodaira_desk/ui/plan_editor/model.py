"""Models of the plan editor: the plan's tree (number, title, level) and the list of 課."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from kodaira_desk.domain.departments import Department
from kodaira_desk.domain.model import PlanTree, departments_label
from kodaira_desk.ui.a11y import blank_named

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 11


_ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
               | Qt.ItemFlag.ItemIsDropEnabled)
Texts = tuple[str, str, str, str]  # 番号 項目名 | 階層 | 担当課 | 指標, as shown


@dataclass(frozen=True)
class _Row:
    key: str
    parent: str | None
    row: int
    texts: Texts


def _rows(tree: PlanTree | None) -> list[_Row]:
    """Every node's row, each parent before its children, in the tree's order."""
    out: list[_Row] = []
    if tree is None:
        return out

    def walk(parent: str | None) -> None:
        for i, n in enumerate(tree.children(parent)):
            count = len(tree.indicators_of(n.key))
            out.append(_Row(n.key, parent, i, (f"{n.number}　{n.title}".strip(), tree.plan.level_name(n.depth),
                                               departments_label(n.departments), str(count) if count else "")))
            walk(n.key)

    walk(None)
    return out


def _set(item: QStandardItem, key: str, text: str) -> None:
    item.setText(text)
    item.setData(blank_named(text), Qt.ItemDataRole.AccessibleTextRole)  # an empty cell says 空欄 (issue 28)
    item.setData(key, KEY_ROLE)


class StructureModel(QStandardItemModel):
    """The nodes of one plan as printed: 番号 項目名 | 階層 | 担当課 | 指標.

    The rows are Qt's own items, so painting the tree asks no Python for each cell and role (with a
    Python `data()` a paint of the editor's tree took 8–13 ms, issue 27). Nodes can be dragged; a
    drop asks `on_drop(key, parent key, row)` to move it (through an undo command) and the editor
    loads the model again, so the view never moves rows itself.
    """

    MIME = "application/x-kodaira-desk-node"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 4, parent)
        self.on_drop: Callable[[str, str | None, int], None] | None = None
        self._rows: list[_Row] = []
        self._items: dict[str, list[QStandardItem]] = {}
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)

    @property
    def headers(self) -> list[str]:
        return [str(self.headerData(i, Qt.Orientation.Horizontal) or "") for i in range(4)]

    @headers.setter
    def headers(self, texts: list[str]) -> None:
        self.setHorizontalHeaderLabels(texts)

    def load(self, tree: PlanTree | None) -> bool:
        """The plan's rows; True when the model was reset. The same rows under the same parents (a
        heading retyped, an import or its undo that changed texts): changed in place, each changed
        cell reported, so the view keeps its expanded rows, selection and scroll (issue 27: the
        editor's refill after 取り込む and 元に戻す rebuilt and laid out the whole tree)."""
        rows = _rows(tree)
        if self._rows and [(r.key, r.parent, r.row) for r in rows] == [(r.key, r.parent, r.row) for r in self._rows]:
            for new, old in zip(rows, self._rows, strict=True):
                for column, (text, was) in enumerate(zip(new.texts, old.texts, strict=True)):
                    if text != was:
                        _set(self._items[new.key][column], new.key, text)
            self._rows = rows
            return False
        items: dict[str, list[QStandardItem]] = {}
        for r in rows:  # built apart from the model (no signal), then put in at once
            cells = [QStandardItem() for _text in r.texts]
            for item, text in zip(cells, r.texts, strict=True):
                item.setFlags(_ITEM_FLAGS)
                _set(item, r.key, text)
            items[r.key] = cells
            if r.parent is not None:
                items[r.parent][0].appendRow(cells)
        self.beginResetModel()
        self.blockSignals(True)  # one reset for the views, not a removal and an insertion of each row
        try:
            self.removeRows(0, self.rowCount())
            for r in rows:
                if r.parent is None:
                    self.appendRow(items[r.key])
        finally:
            self.blockSignals(False)
        self.endResetModel()
        self._rows, self._items = rows, items
        return True

    def index_of(self, key: str) -> QModelIndex:
        cells = self._items.get(key)
        return cells[0].index() if cells else QModelIndex()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        keys = [str(i.data(KEY_ROLE)) for i in indexes if i.isValid() and i.column() == 0]
        data.setData(self.MIME, QByteArray(keys[0].encode() if keys else b""))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        key = bytes(data.data(self.MIME).data()).decode()
        if action != Qt.DropAction.MoveAction or not key or self.on_drop is None:
            return False
        first = self.index(parent.row(), 0, parent.parent()) if parent.isValid() else QModelIndex()
        target = first.data(KEY_ROLE) if first.isValid() else None
        self.on_drop(key, target if isinstance(target, str) else None, self.rowCount(first) if row < 0 else row)
        return False  # the editor reloads the model; the view must not remove the dragged row


class DepartmentModel(QAbstractTableModel):
    """課 in 五十音 order: name, reading, code, mail addresses (for reminders)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Department] = []
        self.headers = ["", "", "", ""]

    def load(self, rows: list[Department]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self.rows[index.row()]
        return (d.name, d.reading, d.code, d.email or "")[index.column()]
