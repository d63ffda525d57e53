"""The plan tree's filter (the search, the 課 and 未入力のみ) and how the tree opens its plans read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
)
from PySide6.QtWidgets import QTreeView

from kodaira_desk.ui.window.tree_model import Index, PlanTreeModel
from kodaira_desk.ui.window.tree_rows import SYNC_ROWS, Item, Query, RowIndex, Shown


def expand_read(view: QTreeView, first: bool = False) -> None:
    """The plans read whole open (the city's all; of a prefecture's, the first screen's); the
    others open, and are read, when the person opens them (issue 27). `first`: the first plan
    opens too, read now (the plan in force, listed first: a next period copied last is not among
    the first screen's)."""
    model = view.model()
    for row in range(model.rowCount()):
        idx = model.index(row, 0)
        if not model.canFetchMore(idx) or (first and row == 0):
            view.expand(idx)


class NodeFilter(QSortFilterProxyModel):
    """Search as you type, filter by department, and 'not yet entered this year'.

    Which rows a filter shows is worked out per plan from the plans alone (ui/window/tree_rows.py):
    a row for its own sake or as the heading of one that is. The tree's own filtering then only
    looks each row up, and never goes below a hidden row (Qt's recursive filtering would visit every
    row of every hidden plan). The window works the rows out on its runner when there are many
    (`show`, ui/window/tree_search.py); the `set_…` methods here work them out on the calling thread.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = Query("", None, False, None)
        self._shown: dict[str, Shown] = {}
        self._active = False  # self._query.active, asked for every row
        self._plans: frozenset[str] | None = None  # clerk mode: the plans in force in the file's year
        self._rows = RowIndex()  # the GUI thread's own (the runner's is the window's)
        self._source: PlanTreeModel | None = None
        self._kept: tuple[str, str | None] | None = None  # the item the person is on (`keep`)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        self._source = model if isinstance(model, PlanTreeModel) else None
        if self._source is not None:
            self._source.rows_changed.connect(self._recheck)

    @property
    def query(self) -> Query:
        """The filters the tree shows now."""
        return self._query

    def _model(self) -> PlanTreeModel:
        assert self._source is not None
        return self._source

    def work_out(self, q: Query) -> dict[str, Shown]:
        """Each plan's rows the query shows, worked out here (the rows of every plan read made first).
        With few rows (a department file, a city's plans) the plans not read yet are read here, a few
        ms, as the first screen reads its plans; with many, a plan not read is not looked at: the
        window reads them on its runner first."""
        if not q.active:
            return {}
        model = self._model()
        if model.row_total() <= SYNC_ROWS:
            model.fetch_all()  # (a plan in force not among those the first screen read: its rows too)
        else:
            model.fetch_read()
        out: dict[str, Shown] = {}
        for pid in self._model().built_trees():
            rows = self.work_out_plan(q, pid)
            if rows:
                out[pid] = rows
        return out

    def work_out_plan(self, q: Query, plan_id: str) -> Shown:
        """One plan's rows the query shows (its marks with the unsaved edits), worked out here."""
        tree = self._model()._trees[plan_id]
        return self._rows.rows(tree).shown(q, self._marks(plan_id) if q.only_missing else None)

    def _marks(self, plan_id: str) -> Callable[[str], bool | None]:
        model = self._model()
        return lambda key: model.completeness(plan_id, key)  # with the unsaved edits

    def show(self, q: Query, shown: dict[str, Shown], *, whole: bool = False) -> None:
        """These rows, worked out for `q`. `whole`: the tree looks at every row again at once (one
        layout change: for many rows, far cheaper than Qt's row-by-row removals, each of which walks
        every persistent index)."""
        def apply() -> None:
            self._query, self._shown, self._active = q, shown, q.active
        if whole:
            apply()
            self.invalidate()
        else:
            self._refilter(apply)

    def recheck(self, plan_id: str) -> set[str | None]:
        """A plan's rows worked out again (its marks changed under 未入力のみ); the keys that changed."""
        q = self._query
        if not q.only_missing:
            return set()
        model = self._model()
        if not model.is_built(plan_id):
            return set()
        old = self._shown.get(plan_id, frozenset())
        new = self.work_out_plan(q, plan_id)
        if self._kept is not None and self._kept[0] == plan_id:  # it and its headings stay while it is current
            item = self._model()._by_key.get(self._kept)
            while item is not None:
                new |= {item.key} & old
                item = item.parent
        if new:
            self._shown[plan_id] = new
        else:
            self._shown.pop(plan_id, None)
        return set(old ^ new)

    def keep(self, current: tuple[str, str | None] | None) -> None:
        """The item the person is on stays in the tree under 未入力のみ until they leave it: one
        completed as they typed (the first character of its 差の理由) left the tree at once, and the
        selection moved to the next item, which took the rest of the typing. Left, it goes if done."""
        before, self._kept = self._kept, current
        if before is not None and before != current:
            self._recheck(before[0])

    def _recheck(self, plan_id: str) -> None:
        changed = self.recheck(plan_id)
        if changed:
            self._model().touch(plan_id, changed)

    def _set(self, text: str, department: str | None, only_missing: bool) -> None:
        q = Query.of(text, department, only_missing, self._model().year)
        self.show(q, self.work_out(q))

    def _refilter(self, apply: Callable[[], object]) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            apply()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._set(text, self._query.department, self._query.only_missing)

    @property
    def department(self) -> str | None:
        """The 課 whose rows are shown; None: every 課's."""
        return self._query.department

    def set_department(self, department: str | None, *, quiet: bool = False) -> None:
        self._set(self._query.text, department, self._query.only_missing)

    def set_filters(self, text: str, department: str | None, only_missing: bool) -> None:
        """The search, the 課 and 未入力のみ at once, worked out on this thread (the window works
        them out on its runner when there are many rows: ui/window/tree_search.py)."""
        self._set(text, department, only_missing)

    def text(self) -> str:
        return self._query.text

    def set_plans(self, plan_ids: frozenset[str] | None) -> None:
        """Only these plans' rows (a department file shows the plans in force in its year); None: all."""
        self._refilter(lambda: setattr(self, "_plans", plan_ids))

    def set_only_missing(self, on: bool) -> None:
        self._set(self._query.text, self._query.department, on)

    def refilter(self) -> None:
        q = self._query
        self._set(q.text, q.department, q.only_missing)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        assert self._source is not None
        item = self._source.row_item(source_row, source_parent)
        if item is None:
            return False
        if self._plans is not None and item.plan_id not in self._plans:
            return False
        if not self._active:
            return True
        shown = self._shown.get(item.plan_id)
        return shown is not None and item.key in shown

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Under a filter, from the rows it shows: the tree asks it of every row it lays out (Qt's
        own answer makes the row's children's mapping, filtering each of them)."""
        if not parent.isValid():
            return super().hasChildren(parent)
        item = self.mapToSource(parent).internalPointer()
        if not isinstance(item, Item):
            return False
        if not self._active:  # every row of a plan shown is shown (clerk mode hides whole plans)
            return self._model().has_rows(item)
        shown = self._shown.get(item.plan_id)
        return shown is not None and any(child.key in shown for child in item.children)
