"""An item with indicators shows its texts in the selection's turn and its KPI grid a turn later,
behind a cover the colour of the empty tab page (issue 27: both in one frame took two frames of
GUI-thread time). What the person sees and does must stay right: the first frame shows the new
item's header and tabs and nothing of the item before's grid; a selection made before the later
turn never shows an earlier item's grid; a value typed at once goes to the item chosen and is saved
with Ctrl+S without Enter; Ctrl+Z takes it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow
from tests.ui.grid_helpers import CTRL, R2, focused, saved_value, type_keys


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _with_indicators(w: MainWindow, plan_id: str = "strategy-2015") -> list[str]:
    tree = w.editor.tree(plan_id)
    return [n.key for n in tree.nodes if tree.indicators_of(n.key)]


def _screen(w: MainWindow) -> QImage:
    return w.screen().grabWindow(w.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def _area(w: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(w, QPoint(0, 0)), widget.size())


def _colours(image: QImage, rect: QRect) -> set[int]:
    return {image.pixel(x, y) for x in range(rect.left(), rect.right() + 1, 7)
            for y in range(rect.top(), rect.bottom() + 1, 7)}


def test_the_first_frame_shows_the_texts_and_no_grid_of_the_item_before(window: MainWindow) -> None:
    w = window
    if w.year_combo.isEnabled():
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    a, b = _with_indicators(w)[:2]
    assert w.select_node("strategy-2015", a)
    _settle()
    form = w.page.kpi
    grid = _area(w, form.view)
    before = _screen(w)
    assert len(_colours(before, grid)) > 2  # a grid drawn: lines, texts, colours
    assert w.select_node("strategy-2015", b)
    QApplication.sendPostedEvents()  # the first frame, as the event loop sends it
    first = _screen(w)
    tree = w.editor.tree("strategy-2015")
    assert w.page.header.title.text().endswith(tree.node(b).title)  # the new item's texts at once
    assert w.page.tabs.currentWidget() is form and w.page.tabs.tabText(0) == "指標（KPI）"
    flat = _colours(first, _area(w, form))
    beside = _area(w, form).topLeft() + QPoint(-1, 5)  # (the tab page inside its frame, left of the form)
    assert flat == {first.pixel(beside)}  # the form's area as the empty page: nothing of A's grid
    turn = w.page.later_turn()  # the grid's turn (what its zero timer does)
    assert turn is not None
    turn()
    QApplication.sendPostedEvents()
    grid_turn = _screen(w)
    assert len(_colours(grid_turn, grid)) > 2  # the grid drawn
    pane = form.chart_pane
    assert pane is not None and pane.pending
    assert _colours(grid_turn, _area(w, pane)) == flat  # its pane still as the empty page: not A's grades
    _settle()
    assert form.model.node_key == b
    assert [i.key for i in form.model.indicators] == [i.key for i in tree.indicators_of(b)]
    assert len(_colours(_screen(w), _area(w, pane))) > 2  # and its grades a turn later still
    assert [i.key for i, _a in pane.list_model.rows] == [i.key for i in tree.indicators_of(b)]
    assert _screen(w) == w.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_a_late_turn_never_shows_an_earlier_items_grid(window: MainWindow) -> None:
    """A, then B and C chosen before the later turn came: C's grid and pane. And an item without
    indicators chosen in between: no KPI tab, nothing left covered."""
    w = window
    a, b, c = _with_indicators(w)[:3]
    assert w.select_node("strategy-2015", a)
    _settle()
    page = w.page
    form = page.kpi
    pane = form.chart_pane
    assert pane is not None
    for key in (b, c):
        assert w.select_node("strategy-2015", key)
        QApplication.sendPostedEvents()
    _settle()
    tree = w.editor.tree("strategy-2015")
    assert form.model.node_key == c
    assert [i.key for i in form.model.indicators] == [i.key for i in tree.indicators_of(c)]
    assert [i.key for i, _a in pane.list_model.rows] == [i.key for i in tree.indicators_of(c)]
    assert not form.cover.isVisible() and page.later_turn() is None
    assert w.select_node("strategy-2015", b)
    QApplication.sendPostedEvents()
    assert w.select_node("program-2021", "p1.j1")  # no indicators
    _settle()
    assert page.tabs.indexOf(form) < 0 and not form.cover.isVisibleTo(form)
    assert form.model.node_key != b  # the turn left for B was dropped, not done for nothing
    assert w.select_node("strategy-2015", b)
    _settle()
    assert form.model.node_key == b and page.tabs.currentWidget() is form and not form.cover.isVisible()


def test_typed_before_the_later_turn_goes_to_the_item_chosen_and_is_saved(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """B chosen in the tree, Enter at once (to the grid: its item loaded then), a figure typed and
    Ctrl+S without Enter: saved in B's entry cell. Typed again, Ctrl+Z takes it back."""
    w = window
    if w.year_combo.isEnabled():
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    a, b = _with_indicators(w)[:2]
    assert w.select_node("strategy-2015", a)
    _settle()
    form = w.page.kpi
    w.tree_view.setFocus()
    assert w.select_node("strategy-2015", b)
    QApplication.sendPostedEvents()
    assert form.pending()  # the later turn has not come
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Return)  # Enter in the tree: to the form
    assert QApplication.focusWidget() is form.view and not form.pending()
    assert form.model.node_key == b
    index = form.view.currentIndex()
    target = form.model.field_at(index)
    assert target is not None and target.indicator_key in {i.key for i in w.editor.tree("strategy-2015").indicators_of(b)}
    assert form.model.columns[index.column()].year == R2
    type_keys(qtbot, form.view, "4321")
    qtbot.keyClick(focused(form.view), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    kind = form.model.columns[index.column()].kind
    assert kind in (ValueKind.ACTUAL, ValueKind.FORECAST)
    saved = saved_value(db_path, target.indicator_key, kind, R2)
    assert saved is not None and saved.replace(",", "").startswith("4321"), saved
    # typed again on another item chosen before its turn, then taken back
    c = _with_indicators(w)[2]
    w.tree_view.setFocus()
    assert w.select_node("strategy-2015", c)
    QApplication.sendPostedEvents()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Return)
    assert form.model.node_key == c
    shown = form.view.currentIndex()
    before = form.model.data(shown)
    type_keys(qtbot, form.view, "99")
    qtbot.keyClick(focused(form.view), Qt.Key.Key_Return)
    assert form.model.data(shown) != before
    qtbot.keyClick(form.view, Qt.Key.Key_Z, CTRL)
    assert form.model.data(shown) == before and not w.editor.session.pending()
