"""The keys of the tree's search box: Enter goes to the first match, Escape clears the box and gives
the tree back (unfiltered by the text, the focus in it), as people expect of a search box.

After a キャンセル of the plans' read (all_plans.py) the text is left in the box, not applied: Enter
then applies it (the plans not read yet are read first) and goes to the first match, in one press."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from kodaira_desk.domain.plan_list import id_of
from kodaira_desk.domain.yearly import in_force

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTreeView

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.window.tree_filter import NodeFilter
    from kodaira_desk.ui.window.tree_model import PlanTreeModel
    from kodaira_desk.ui.window.tree_search import TreeSearch


class MainWindow(Protocol):
    """What is used of the window (ui/window/main_window.py imports this module)."""

    search: QLineEdit
    tree_view: QTreeView
    model: PlanTreeModel
    proxy: NodeFilter
    editor: Editor
    year: FiscalYear
    searching: TreeSearch

    def filter_then(self, then: Callable[[], object]) -> None: ...


def connect(w: MainWindow) -> None:
    w.search.returnPressed.connect(lambda: enter(w))
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), w.search, context=Qt.ShortcutContext.WidgetShortcut)
    escape.activated.connect(lambda: clear(w))


def enter(w: MainWindow) -> None:
    # a read cancelled, or the runner still working the search out: applied, then gone to
    if w.searching.busy or w.proxy.text() != w.search.text().strip().lower():
        w.filter_then(lambda: first_match(w))
        return
    first_match(w)


def first_match(w: MainWindow) -> None:
    """The first matching item, in a plan in force in the entry year when one has it (in 令和8年度 the
    running program's measure, not the same measure of the program that ended before)."""
    running = {id_of(p) for p in w.editor.trees.known() if in_force(p, w.year)}
    plans = [w.proxy.index(r, 0) for r in range(w.proxy.rowCount())]
    plans.sort(key=lambda idx: w.model.item_at(w.proxy.mapToSource(idx))[0] not in running)  # stable
    idx = next((leaf for plan in plans if (leaf := _first_leaf(w, plan)) is not None), None)
    if idx is not None:
        w.tree_view.setCurrentIndex(idx)
        w.tree_view.scrollTo(idx)  # its plan opened if the filter's answer has not opened it yet
        w.tree_view.setFocus()


def clear(w: MainWindow) -> None:
    w.search.clear()  # the tree filtered by the text no more (the 課 and 未入力のみ stay as chosen)
    w.tree_view.setFocus()


def _first_leaf(w: MainWindow, parent: QModelIndex) -> QModelIndex | None:
    for r in range(w.proxy.rowCount(parent)):
        idx = w.proxy.index(r, 0, parent)
        _, key = w.model.item_at(w.proxy.mapToSource(idx))
        if key is not None and w.proxy.rowCount(idx) == 0:
            return idx
        found = _first_leaf(w, idx)
        if found is not None:
            return found
    return None
