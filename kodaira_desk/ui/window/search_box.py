"""The keys of the tree's search box: Enter goes to the first match, Escape clears the box and gives
the tree back (unfiltered by the text, the focus in it), as people expect of a search box.

After a キャンセル of the plans' read (all_plans.py) the text is left in the box, not applied: Enter
then applies it (the plans not read yet are read first) and goes to the first match, in one press."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit, QTreeView

    from kodaira_desk.ui.window.tree_model import NodeFilter, PlanTreeModel


class MainWindow(Protocol):
    """What is used of the window (ui/window/main_window.py imports this module)."""

    search: QLineEdit
    tree_view: QTreeView
    model: PlanTreeModel
    proxy: NodeFilter

    def filter_then(self, then: Callable[[], object]) -> None: ...


def connect(w: MainWindow) -> None:
    w.search.returnPressed.connect(lambda: enter(w))
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), w.search, context=Qt.ShortcutContext.WidgetShortcut)
    escape.activated.connect(lambda: clear(w))


def enter(w: MainWindow) -> None:
    if w.proxy.text() != w.search.text().strip().lower():  # a read cancelled: applied now, then gone to
        w.filter_then(lambda: first_match(w))
        return
    first_match(w)


def first_match(w: MainWindow) -> None:
    idx = _first_leaf(w, QModelIndex())
    if idx is not None:
        w.tree_view.setCurrentIndex(idx)
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
