"""Models of the plan editor: the plan's tree (number, title, level) and the list of 課."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from kodaira_desk.domain.departments import Department
from kodaira_desk.domain.model import PlanTree, departments_label
from kodaira_desk.ui.a11y import blank_named

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 11


@dataclass(eq=False)
class _Row:
    key: str
    label: str
    level: str
    departments: str
    indicators: int
    parent: _Row | None = None
    children: list[_Row] = field(default_factory=list)
    row: int = 0


def _shape(rows: dict[str, _Row]) -> list[tuple[str, str | None, int]]:
    """Each row's key, its parent's key and its place, in order: what a reset would change."""
    return [(key, r.parent.key if r.parent else None, r.row) for key, r in rows.items()]


class StructureModel(QAbstractItemModel):
    """The nodes of one plan as printed: 番号 項目名 | 階層 | 担当課 | 指標.

    Nodes can be dragged; a drop asks `on_drop(key, parent key, row)` to move it (through an
    undo command) and the editor loads the model again, so the view never moves rows itself.
    """

    MIME = "application/x-kodaira-desk-node"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_drop: Callable[[str, str | None, int], None] | None = None
        self._top: list[_Row] = []
        self._by_key: dict[str, _Row] = {}
        self.headers = ["", "", "", ""]

    def load(self, tree: PlanTree | None) -> bool:
        """The plan's rows; True when the model was reset. The same rows under the same parents (a
        heading retyped, an import or its undo that changed texts): changed in place, each changed
        row reported, so the view keeps its expanded rows, selection and scroll (issue 27: the
        editor's refill after 取り込む and 元に戻す rebuilt and laid out the whole tree)."""
        by_key: dict[str, _Row] = {}
        top: list[_Row] = []
        if tree is not None:
            def build(parent_key: str | None, parent: _Row | None) -> list[_Row]:
                out = []
                for i, n in enumerate(tree.children(parent_key)):
                    r = _Row(n.key, f"{n.number}　{n.title}".strip(), tree.plan.level_name(n.depth),
                             departments_label(n.departments), len(tree.indicators_of(n.key)), parent, row=i)
                    by_key[n.key] = r
                    r.children = build(n.key, r)
                    out.append(r)
                return out

            top = build(None, None)
        if self._by_key and _shape(by_key) == _shape(self._by_key):
            self._update(by_key)
            return False
        self.beginResetModel()
        self._top, self._by_key = top, by_key
        self.endResetModel()
        return True

    def _update(self, rows: dict[str, _Row]) -> None:
        """The texts of rows of the same shape: the kept rows take them, the changed ones report it."""
        for key, new in rows.items():
            old = self._by_key[key]
            texts = (new.label, new.level, new.departments, new.indicators)
            if texts != (old.label, old.level, old.departments, old.indicators):
                old.label, old.level, old.departments, old.indicators = texts
                self.dataChanged.emit(self.createIndex(old.row, 0, old), self.createIndex(old.row, 3, old))

    def index_of(self, key: str) -> QModelIndex:
        r = self._by_key.get(key)
        return self.createIndex(r.row, 0, r) if r else QModelIndex()

    def _row(self, index: Index) -> _Row | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        p = self._row(parent)
        rows = p.children if p else self._top
        if not (0 <= row < len(rows) and 0 <= column < 4):
            return QModelIndex()
        return self.createIndex(row, column, rows[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 -- PySide6's stubs: QObject.parent() and this are one name
        r = self._row(index)
        if r is None or r.parent is None:
            return QModelIndex()
        return self.createIndex(r.parent.row, 0, r.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        p = self._row(parent)
        return len(p.children if p else self._top)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole:  # an empty cell says 空欄 (issue 28)
            return blank_named(self.data(index, Qt.ItemDataRole.DisplayRole))
        r = self._row(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.label, r.level, r.departments, str(r.indicators) if r.indicators else "")[index.column()]
        if role == KEY_ROLE:
            return r.key
        return None


    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

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
        target = self._row(parent)
        rows = target.children if target else self._top
        self.on_drop(key, target.key if target else None, len(rows) if row < 0 else row)
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
