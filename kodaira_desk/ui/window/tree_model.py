"""The plan tree: a QAbstractItemModel over plain items with cached labels (its filter: tree_filter.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from kodaira_desk.domain.entry import ItemReport, TypedValue, is_complete
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue, PlanTree, ValueKind
from kodaira_desk.domain.plan_list import id_of
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.values import Absent, Measured
from kodaira_desk.services.editing import ProgressField, ValueCell
from kodaira_desk.services.plan_trees import PlanTrees
from kodaira_desk.services.workspace import WorkspaceError
from kodaira_desk.ui import theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.window.tree_rows import Item, build_rows

Index = QModelIndex | QPersistentModelIndex
NODE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _DECORATION, int(Qt.ItemDataRole.AccessibleDescriptionRole),
                       int(NODE_KEY_ROLE), int(PLAN_ID_ROLE)})
_NO_INDEX = QModelIndex()  # returned for "no such row" (the view copies it)


def _dot(check: bool) -> QIcon:
    color, mark = theme.dot_colours(check)  # the theme's: bright on black in high contrast
    pm = QPixmap(14, 14)
    pm.fill(QColor(0, 0, 0, 0))
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(color)
    p.setPen(color.darker(130))
    p.drawEllipse(1, 1, 12, 12)
    if check:
        p.setPen(mark)
        p.drawLine(4, 7, 6, 10)
        p.drawLine(6, 10, 10, 4)
    p.end()
    return QIcon(pm)


class PlanTreeModel(QAbstractItemModel):
    """Plans → goals → areas → measures (and projects), numbered as printed."""

    rows_changed = Signal(str)  # a plan's marks may have changed (an edit, a save's take-in): before the rows say so
    cannot_read = Signal(str, object)  # a plan not read when opened: its id, the error (ui/window/unreadable.py)

    def __init__(self, trees: PlanTrees | Mapping[str, PlanTree], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: list[Item] = []
        self._by_key: dict[tuple[str, str | None], Item] = {}
        self._complete: dict[tuple[str, str], bool | None] = {}
        self.retranslate()
        self._trees = trees if isinstance(trees, PlanTrees) else PlanTrees(trees.values())
        self._scopes: dict[str, dict[str, DepartmentScope]] = {}  # per 課, per plan
        self._unbuilt: set[str] = set()  # plans whose rows are made when first opened (issue 27)
        self.department: str | None = None
        self.year = FiscalYear(2020)
        self._overlay: Editor | None = None
        self._icons: dict[tuple[bool, bool], QIcon] = {}
        self.rebuild(self._trees)

    def rebuild(self, trees: PlanTrees | Mapping[str, PlanTree]) -> None:
        """Every plan's top row; the rows under it of the plans read so far, the others' when the
        plan is first opened (fetchMore: expanding it, a search, a 課, 未入力のみ). Plain plans
        (a mapping of whole trees) are all read."""
        if not isinstance(trees, PlanTrees):
            trees = PlanTrees(trees.values())
        self.beginResetModel()
        self._trees = trees
        self._scopes = {}
        self._roots = []
        self._by_key = {}
        self._complete = {}
        self._unbuilt = set()
        for row, plan in enumerate(trees.known()):
            title = plan.plan.title if isinstance(plan, PlanTree) else plan.title
            root = Item(id_of(plan), None, title, title.lower(), frozenset(), row=row)
            self._roots.append(root)
            self._by_key[(root.plan_id, None)] = root
            if isinstance(plan, PlanTree):
                self._build(root, plan)
            elif plan.nodes:
                self._unbuilt.add(plan.id)
        self.endResetModel()

    def _build(self, root: Item, tree: PlanTree) -> None:
        build_rows(root, tree, self._by_key)

    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and self._item(parent).key is None and self._item(parent).plan_id in self._unbuilt

    def fetchMore(self, parent: Index) -> None:
        """The plan's rows, read when it is first opened (one plan: a few ms)."""
        if self.canFetchMore(parent):
            self.fetch(self._item(parent).plan_id)

    def fetch(self, plan_id: str) -> None:
        root = self._by_key.get((plan_id, None))
        if root is None or plan_id not in self._unbuilt:
            return
        try:
            tree = self._trees[plan_id]
        except WorkspaceError as exc:  # damaged or altered since the opening: said (ui/window/unreadable.py)
            self._unbuilt.discard(plan_id)  # the row left without rows, not read again
            return self.cannot_read.emit(plan_id, exc)
        self._unbuilt.discard(plan_id)
        staged = Item(plan_id, None, root.label, root.search, frozenset())
        self._by_key[(plan_id, None)] = staged
        self._build(staged, tree)
        self._by_key[(plan_id, None)] = root
        if not staged.children:
            return
        self.beginInsertRows(self.createIndex(root.row, 0, root), 0, len(staged.children) - 1)
        self._adopt(root, staged)
        self.endInsertRows()

    def _adopt(self, root: Item, staged: Item) -> None:
        for child in staged.children:
            child.parent = root
        root.children = staged.children

    def is_built(self, plan_id: str) -> bool:
        """The plan's rows are made (it is read)."""
        return plan_id not in self._unbuilt and self._trees.is_loaded(plan_id)

    def unbuilt(self) -> set[str]:
        """The plans whose rows are not made yet (a copy)."""
        return set(self._unbuilt)

    def take_rows(self, rows: Mapping[str, tuple[Item, dict[tuple[str, str | None], Item]]],
                  trees: Mapping[str, PlanTree]) -> None:
        """Rows made on the runner (ui/window/tree_rows.staged_rows) for plans not made yet, each
        from the tree the session still holds (another is left to be made when opened). One layout
        change for them all, not a signal per plan: the caller refilters the tree right after."""
        taken = [(pid, staged) for pid, (staged, _keys) in rows.items()
                 if pid in self._unbuilt and self._trees.is_loaded(pid) and self._trees[pid] is trees.get(pid)]
        if not taken:
            return
        self.layoutAboutToBeChanged.emit()
        for pid, staged in taken:
            self._unbuilt.discard(pid)
            self._adopt(self._by_key[(pid, None)], staged)
            self._by_key.update(rows[pid][1])
        self.layoutChanged.emit()

    def row_item(self, row: int, parent: Index) -> Item | None:
        item = parent.internalPointer()  # None: the root
        items = self._roots if item is None else item.children
        return items[row] if 0 <= row < len(items) else None

    def built_trees(self) -> dict[str, PlanTree]:
        """The plans whose rows are made, by id, in the tree's order."""
        return {r.plan_id: self._trees[r.plan_id] for r in self._roots if r.plan_id not in self._unbuilt}

    def row_total(self) -> int:
        """How many rows every plan has (made or not): what a filter looks at."""
        return sum(len(p.nodes) if isinstance(p, PlanTree) else p.nodes for p in self._trees.known())

    def touch(self, plan_id: str, keys: Iterable[str | None]) -> None:
        """These rows' filter may have changed (the proxy looks at them again)."""
        for key in keys:
            item = self._by_key.get((plan_id, key))
            if item is not None:
                idx = self.createIndex(item.row, 0, item)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def fetch_all(self) -> None:
        """Every plan's rows, reading the plans not read yet on the calling thread (for tests and
        tools; the window's filters read them on its worker: ui/window/all_plans.py)."""
        if self._unbuilt:
            self._trees.load(list(self._unbuilt))
            self.fetch_read()

    def fetch_read(self) -> None:
        """The rows of every plan in memory not made yet (a search, a 課 or 未入力のみ looks at them
        all). Never reads a plan: the window reads them on its worker first (ui/window/all_plans.py)."""
        for plan_id in [r.plan_id for r in self._roots if r.plan_id in self._unbuilt]:
            if self._trees.is_loaded(plan_id):
                self.fetch(plan_id)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        item = parent.internalPointer()
        if item is None:  # the invisible root
            return bool(self._roots)
        return self.has_rows(item)

    def has_rows(self, item: Item) -> bool:
        """Rows under this one (a plan not read yet has them, made when it is opened)."""
        return bool(item.children) or (item.key is None and item.plan_id in self._unbuilt)

    # ------------------------------------------------------------------ Qt API
    # The view asks these of every row it lays out or paints (seven roles a painted row, through
    # the filter): each is kept to plain Python (issue 27). A row's index is made once and kept
    # with its item (an item keeps its row and its parent: a plan read again is a new item), the
    # roles are plain numbers, and an index's item is its internal pointer (None: the root).
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return _NO_INDEX
        item = parent.internalPointer()
        items = self._roots if item is None else item.children
        if row >= len(items):
            return _NO_INDEX
        return self._index(items[row])

    def _index(self, item: Item) -> QModelIndex:
        found = item.index
        if found is None:
            found = item.index = self.createIndex(item.row, 0, item)
        return cast(QModelIndex, found)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 -- PySide6's stubs: QObject.parent() and this are one name
        item = index.internalPointer()
        if item is None or item.parent is None:
            return _NO_INDEX
        return self._index(item.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        item = parent.internalPointer()
        if item is None:
            return len(self._roots)
        return len(item.children) if parent.column() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED:  # the font, colours, alignment, check state a painted row asks
            return None
        item = index.internalPointer()
        if item is None:
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return item.label
        if role == NODE_KEY_ROLE:
            return item.key
        if role == PLAN_ID_ROLE:
            return item.plan_id
        if item.key is None:
            return None
        done = self.completeness(item.plan_id, item.key)
        if role == _DECORATION:
            if done is None:
                return None
            shown = (done, theme.is_high_contrast())
            if shown not in self._icons:
                self._icons[shown] = _dot(done)
            return self._icons[shown]
        return self._said[done]  # the accessible description

    def retranslate(self) -> None:
        """The marks' words for a screen reader in the language now chosen (the window calls it on a
        switch; they are read when asked, so nothing needs announcing)."""
        self._said: dict[bool | None, str] = {True: self.tr("入力済"), False: self.tr("未入力"), None: ""}

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("計画")
        return None

    # ------------------------------------------------------------------ ours
    def _item(self, index: Index) -> Item:
        item = index.internalPointer()
        assert isinstance(item, Item)
        return item

    def item_at(self, index: Index) -> tuple[str, str | None]:
        item = self._item(index)
        return item.plan_id, item.key

    def index_of(self, plan_id: str, key: str | None) -> QModelIndex:
        """The row of a plan or an item (asking for an item's row makes its plan's rows)."""
        if key is not None and plan_id in self._unbuilt:
            self.fetch(plan_id)
        item = self._by_key.get((plan_id, key))
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, 0, item)

    def row_of(self, item: Item) -> QModelIndex:
        """The row of an item still in the tree (invalid after a reset); never makes a plan's rows."""
        found = self._by_key.get((item.plan_id, item.key))
        return self.createIndex(item.row, 0, item) if found is item else QModelIndex()

    def departments_of(self, index: Index) -> frozenset[str]:
        return self._item(index).departments

    def _scope(self, plan_id: str, department: str) -> DepartmentScope:
        scopes = self._scopes.setdefault(department, {})
        if plan_id not in scopes:
            scopes[plan_id] = DepartmentScope(self._trees[plan_id], department)
        return scopes[plan_id]

    def set_department(self, department: str | None, *, quiet: bool = False) -> None:
        """The department whose obligations the marks count (a clerk's own, or the one filtered
        to in the master); None: everything. `quiet`: the caller lays the whole tree out again right
        after (the filter's `show(whole=True)`), which asks every shown row's mark again: no signal
        per row (issue 27: a 課 chosen at ×100 signalled some thousand rows' marks through the filter)."""
        if department != self.department:
            self.department = department
            self.refresh_marks(quiet=quiet)

    def set_overlay(self, overlay: Editor | None) -> None:
        """The editor whose unsaved edits count for the completeness marks."""
        self._overlay = overlay

    def completeness(self, plan_id: str, key: str) -> bool | None:
        cache_key = (plan_id, key)
        if cache_key not in self._complete:
            tree = self._trees[plan_id]
            progress: dict[str, ItemReport] | None = None
            values: dict[tuple[str, ValueKind, int], IndicatorValue | None] | None = None
            editor = self._overlay
            year = self.year
            if editor is not None:
                part = {p: editor.content(ProgressField(plan_id, key, year.year, p))
                        for p in ("status", "narrative", "settled", "settled_note")}
                settled = part["settled"]
                progress = {key: ItemReport(
                    part["status"] if isinstance(part["status"], str) else None,
                    part["narrative"] if isinstance(part["narrative"], str) else "",
                    settled if isinstance(settled, (Measured, Absent)) else None,
                    part["settled_note"] if isinstance(part["settled_note"], str) else "")}
                values = {}
                for ind in tree.indicators_of(key):
                    for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
                        content = editor.content(ValueCell(plan_id, ind.key, kind, year.year))
                        values[(ind.key, kind, year.year)] = (
                            IndicatorValue(kind, year, content.value)
                            if isinstance(content, TypedValue) else None)
            scope = self._scope(plan_id, self.department) if self.department else None
            done = is_complete(tree, tree.node(key), year, progress, values, scope)  # never ✓ while a cell is red:
            red = done and editor is not None and editor.is_red(plan_id, key, year.year, scope)
            self._complete[cache_key] = False if red else done
        return self._complete[cache_key]

    def refresh_marks(self, plan_id: str | None = None, key: str | None = None, *, quiet: bool = False) -> None:
        if plan_id is None or key is None:
            # A mark nobody asked for (never painted, never filtered on) cannot be stale: only the
            # rows whose marks were computed report the change (issue 27: at start-up none was,
            # and ×100 data's 11,000 rows cost a second of signals through the filter).
            seen = list(self._complete)
            self._complete.clear()
            if not quiet:
                self._emit_rows(seen)
            return
        self._complete.pop((plan_id, key), None)
        self.rows_changed.emit(plan_id)
        idx = self.index_of(plan_id, key)
        if idx.isValid():
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def replace_trees(self, trees: PlanTrees, changed: set[tuple[str, str]]) -> None:
        """Plans read again after a save or a collection: only the changed rows report it.

        Field values change neither the tree's shape nor its labels, so there is no reset: only the
        changed nodes' marks are recomputed.
        """
        self._trees = trees
        self._scopes = {}
        for plan_id, key in changed:
            self._complete.pop((plan_id, key), None)
        for plan_id in {p for p, _k in changed}:
            self.rows_changed.emit(plan_id)
        for plan_id, key in changed:
            self._complete.pop((plan_id, key), None)
            idx = self.index_of(plan_id, key)
            if idx.isValid():
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def _emit_rows(self, rows: list[tuple[str, str]]) -> None:
        """dataChanged for these rows' marks: one signal per run of neighbouring rows."""
        by_parent: dict[int, tuple[Item | None, list[int]]] = {}
        for plan_id, key in rows:
            item = self._by_key.get((plan_id, key))
            if item is not None:
                by_parent.setdefault(id(item.parent), (item.parent, []))[1].append(item.row)
        for parent, found in by_parent.values():
            siblings = parent.children if parent is not None else self._roots
            found.sort()
            start = prev = found[0]
            for row in [*found[1:], None]:
                if row is not None and row == prev + 1:
                    prev = row
                    continue
                first, last = siblings[start], siblings[prev]
                self.dataChanged.emit(self.createIndex(first.row, 0, first), self.createIndex(last.row, 0, last),
                                      [Qt.ItemDataRole.DecorationRole])
                if row is not None:
                    start = prev = row
