"""The plan tree's rows drawn from images kept per row (issue 27: Qt's delegate shaped every label
again at every paint after a filter). What the tree shows must stay exactly what Qt's own delegate
draws: after a search, with the selection moved, and when an item's mark changes under the image
kept of its row."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QStyledItemDelegate
from test_clerk import choose, click_node, type_text

from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.plan_trees import PlanTrees
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.tree_paint import RowImages


def _painted(w: MainWindow) -> QImage:
    return w.tree_view.viewport().grab().toImage()


def _kept(qtbot, w: MainWindow) -> RowImages:  # type: ignore[no-untyped-def]
    """The tree painted, and the images of the rows it painted drawn (a turn after)."""
    ours = w.tree_view.itemDelegate()
    assert isinstance(ours, RowImages)
    _painted(w)
    qtbot.waitUntil(lambda: not ours.drawing, timeout=5000)
    return ours


def _as_qt_paints(qtbot, w: MainWindow) -> bool:  # type: ignore[no-untyped-def]
    """The tree painted from its rows' images kept is what Qt's own delegate paints."""
    ours = _kept(qtbot, w)
    assert ours.kept() > 0
    kept = _painted(w)
    assert not ours.drawing  # every row shown painted from its image
    qt = QStyledItemDelegate(w.tree_view)
    w.tree_view.setItemDelegate(qt)
    by_qt = _painted(w)
    w.tree_view.setItemDelegate(ours)
    return kept == by_qt


def test_the_rows_kept_are_painted_as_qt_paints_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    assert _as_qt_paints(qtbot, w)
    w.search.setFocus()
    type_text(qtbot, w.search, "子育て")
    qtbot.waitUntil(lambda: w.proxy.rowCount() > 0 and w.proxy.query.text == "子育て", timeout=5000)
    assert _as_qt_paints(qtbot, w)
    w.search.clear()
    qtbot.waitUntil(lambda: not w.proxy.query.active, timeout=5000)
    assert _as_qt_paints(qtbot, w)
    first = w.proxy.index(0, 0)
    w.tree_view.collapse(first)  # a plan closed: its row's image is the one kept while it was open
    assert _as_qt_paints(qtbot, w)
    w.tree_view.expand(first)
    assert _as_qt_paints(qtbot, w)
    w.splitter.setSizes([w.tree_view.width() // 2, w.width()])  # a narrower tree: its labels cut short
    qtbot.waitUntil(lambda: w.tree_view.viewport().width() < 200, timeout=5000)
    assert _as_qt_paints(qtbot, w)
    bold = w.tree_view.font()
    bold.setBold(True)  # another font, rows as tall: drawn again
    w.tree_view.setFont(bold)
    assert _as_qt_paints(qtbot, w)


def test_a_mark_changed_under_a_kept_row_is_painted(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    row = w.proxy.mapFromSource(w.model.index_of("strategy-2015", "g1.a1.m1"))
    assert w.model.completeness("strategy-2015", "g1.a1.m1") is False
    _kept(qtbot, w)  # its row kept as 未入力 (not selected)
    click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.status.lineEdit(), "実施中")
    type_text(qtbot, w.page.measure.narrative, "・support")
    click_node(qtbot, w, "strategy-2015", "g1.a1.m2")  # left: its row plain again, now 入力済
    assert w.model.completeness("strategy-2015", "g1.a1.m1") is True
    assert w.tree_view.visualRect(row).intersects(w.tree_view.viewport().rect())
    assert _as_qt_paints(qtbot, w)


def _unread(w: MainWindow) -> set[str]:
    """The plans whose rows are not made yet (made when first opened)."""
    model = w.model
    return {model.item_at(model.index(r, 0))[0] for r in range(model.rowCount())
            if model.canFetchMore(model.index(r, 0))}


def test_rows_painted_before_the_plans_are_read_again_read_no_plan(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Review 2, item 5: rows Qt painted just before every plan was read again (the plan editor
    closed, a change from the command line) were looked up afterwards to be drawn into the image —
    which read a plan not read yet, on the GUI thread, from the paint's timer, and made its rows."""
    w = window
    choose(w.year_combo, "令和2年度")
    ours = _kept(qtbot, w)
    w.tree_view.expandAll()
    _painted(w)  # rows painted by Qt's, to be drawn a turn later
    assert ours.drawing
    # every plan read again, as the window does with many plans: the first ones whole, none here
    listed = plan_service.first_screen(w.workspace.db, carried=False, mark=False).plans
    w.model.rebuild(PlanTrees((), listed, w.editor.trees.reader()))  # the tree's rows made again
    unread = _unread(w)
    assert unread == {p.id for p in listed if p.nodes}
    qtbot.waitUntil(lambda: not ours.drawing, timeout=5000)  # the turns that would have drawn them
    assert _unread(w) == unread  # no plan read by the paint
    assert _as_qt_paints(qtbot, w)


def test_a_dialog_over_the_window_paints_the_rows_from_their_images(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 27: a dialog opened over the window (年度の確定, 回収状況…) leaves it inactive, and Qt
    paints the whole tree again; each row's image was kept for the active window only, so every
    row was shaped again by Qt's delegate (~10 ms of the dialog's opening turn), then again as the
    dialog closed. The palette's two groups are the same: the rows look the same, and are copied."""
    w = window
    choose(w.year_combo, "令和2年度")
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    ours = _kept(qtbot, w)
    _painted(w)
    assert not ours.drawing
    dialog = QDialog(w)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: not w.isActiveWindow(), timeout=5000)
    inactive = _painted(w)
    assert not ours.drawing  # every row copied from its image, none painted by Qt's anew
    qt = QStyledItemDelegate(w.tree_view)
    w.tree_view.setItemDelegate(qt)
    assert _painted(w) == inactive  # what Qt's own delegate paints the inactive window
    w.tree_view.setItemDelegate(ours)
    dialog.close()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    _painted(w)
    assert not ours.drawing
