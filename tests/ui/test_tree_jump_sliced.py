"""An item chosen where the tree must open a branch or scroll far (a search's answer, a jump to a red
cell) has the tree's rows painted a slice a turn, the chosen row first, and every row comes (issue
27: the rows, most never drawn before, were painted in the frame of the form the selection fills)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage
from test_tree_filters_typed import _on_screen

from kodaira_desk.ui.window import tree_view
from kodaira_desk.ui.window.main_window import MainWindow


def test_an_item_in_a_closed_branch_has_the_rows_painted_a_slice_a_turn_and_all_come(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = w.tree_view
    assert isinstance(view, tree_view.PlanTreeView)
    monkeypatch.setattr(tree_view, "SLICED_FOR_S", 0.0)  # a filter's or a dialog's slicing: none here
    w.activateWindow()
    view.collapseAll()
    qtbot.waitUntil(lambda: _on_screen(w) == view.viewport().grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32), timeout=10000)  # the closed tree shown: nothing else will paint it
    tree = w.editor.tree("program-2021")
    node = max(tree.nodes, key=lambda n: n.depth)  # deep in a closed branch
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 0.0)  # a row a paint: the slices certain, whatever the load
    before = view.slices
    assert w.select_node("program-2021", node.key)
    qtbot.waitUntil(lambda: view.slices >= before + 2, timeout=10000)  # the rows came over several turns
    assert w.current == ("program-2021", node.key)
    assert view.isExpanded(view.currentIndex().parent())
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 1e9)  # the rest in the next turn
    whole = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # Qt's whole paint
    qtbot.waitUntil(lambda: _on_screen(w) == whole, timeout=10000)  # every row shown in the end


class _Paints(QObject):
    """At each paint of the tree's rows: whether the form was complete (no later turn of its due)."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__()
        self.w = w
        self.complete: list[bool] = []
        w.tree_view.viewport().installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.complete.append(not self.w.page.turns_due())
        return False


def test_the_rows_left_wait_for_the_kpi_forms_own_turns(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The KPI grid and its pane come a turn or two after the page's texts: the tree's rows left by
    the selection's frame are drawn after them, not in the same turns (each turn within a frame)."""
    w = window
    view = w.tree_view
    assert isinstance(view, tree_view.PlanTreeView)
    monkeypatch.setattr(tree_view, "SLICED_FOR_S", 0.0)
    w.activateWindow()
    view.collapseAll()
    qtbot.waitUntil(lambda: _on_screen(w) == view.viewport().grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32), timeout=10000)
    tree = w.editor.tree("strategy-2015")
    node = next(n for n in reversed(tree.nodes) if tree.indicators_of(n.key))  # in a closed branch
    paints = _Paints(w)
    assert w.select_node("strategy-2015", node.key)
    qtbot.waitUntil(lambda: not w.page.turns_due() and not view._rest.isActive(), timeout=10000)
    whole = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    qtbot.waitUntil(lambda: _on_screen(w) == whole, timeout=10000)  # every row shown in the end
    assert paints.complete[0] is False  # the selection's own frame: the grid still to come
    assert len(paints.complete) > 2 and all(paints.complete[1:]), paints.complete  # the rows after it
    assert w.page.kpi.model.node_key == node.key  # type: ignore[attr-defined]
