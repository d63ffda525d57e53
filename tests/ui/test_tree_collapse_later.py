"""A filter's answer on many plans (×10 data) closes every row and lays the tree out once, with the
filter's own layout change (ui/window/tree_view.py `collapse_all`: `collapseAll` laid the whole tree
out at once, then the answer again, issue 27). What the person sees must be the answer's rows in
their order, the arrow keys moving through them, and after Escape every row as before."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from test_clerk import type_text
from test_lazy_plans import db_path, x10_template  # noqa: F401  (the ×10 data)

from kodaira_desk.ui.window.main_window import MainWindow


def _shown_in_order(w: MainWindow) -> list[QModelIndex]:
    """Every row the tree shows, top down, as the filter has them (open rows' children included)."""
    out: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            out.append(idx)
            if w.tree_view.isExpanded(idx):
                walk(idx)
    walk(QModelIndex())
    return out


def _laid_out(w: MainWindow) -> list[QModelIndex]:
    """The rows as the view lays them out, top down (indexBelow from the first)."""
    out: list[QModelIndex] = []
    idx = w.tree_view.model().index(0, 0)
    while idx.isValid():
        out.append(idx)
        idx = w.tree_view.indexBelow(idx)
    return out


def test_a_search_answer_and_escape_show_their_rows_and_the_keys_move_through_them(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    w = window
    w.editor.trees.load_all()
    w.tree_view.expandAll()  # (as a person who opened every plan)
    w.activateWindow()
    before = [w.model.item_at(w.proxy.mapToSource(i)) for i in _laid_out(w)]
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    type_text(qtbot, w.search, "子育て")
    qtbot.waitUntil(lambda: w.proxy.query.text == "子育て" and not w.searching.busy, timeout=20000)
    plans = w.proxy.rowCount()
    qtbot.waitUntil(lambda: plans and w.tree_view.isExpanded(w.proxy.index(plans - 1, 0)), timeout=20000)  # all open
    shown = _laid_out(w)
    assert 0 < len(shown) < len(before)
    assert shown == _shown_in_order(w)
    w.tree_view.setFocus()
    w.tree_view.setCurrentIndex(shown[0])
    for i in range(1, min(6, len(shown))):
        qtbot.keyClick(w.tree_view, Qt.Key.Key_Down)
        assert w.tree_view.currentIndex() == _laid_out(w)[i]
    w.search.setFocus()
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(_laid_out(w)) == len(before), timeout=20000)
    assert [w.model.item_at(w.proxy.mapToSource(i)) for i in _laid_out(w)] == before
