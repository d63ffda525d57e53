"""Walking the plan tree with the arrows repaints what changed, not the whole window (issue 27).

Each test moves through the tree by keys, as a person does, and checks what Qt was asked to paint
or what the form's tabs did: the focus ring over the tree made every one-row scroll repaint every
row of the tree, and the form's tabs were removed and added again on every item."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from kodaira_desk.ui.window.main_window import MainWindow


class _Paints(QObject):
    """The heights of the areas a widget was asked to paint."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.heights: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.heights.append(event.rect().height())  # type: ignore[attr-defined]
        return False


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_the_tree_scrolled_by_one_row_repaints_a_strip_not_every_row(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = window
    tree = w.tree_view
    tree.expandAll()
    tree.setFocus()
    _settle()
    assert QApplication.focusWidget() is tree  # the focus ring is round the tree
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0, "the city's tree is longer than the window"
    while bar.value() == 0:  # Down to the last row in view, then one more: the tree scrolls
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        _settle()
    paints = _Paints(tree.viewport())
    before = bar.value()
    for _ in range(3):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        _settle()
    assert bar.value() > before
    viewport = tree.viewport().height()
    assert paints.heights, "the tree repainted nothing"
    assert max(paints.heights) < viewport / 3, (paints.heights, viewport)


def test_moving_between_two_measures_keeps_the_form_tabs(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """主要事業 1 and 2 of the program show the same forms (進捗状況, 予算): the tab the person
    chose stays, and the tabs are not taken away and given back (a screen reader heard them change)."""
    w = window
    assert w.select_node("program-2021", "p1.j1")
    tabs = w.page.tabs
    names = [tabs.tabText(i) for i in range(tabs.count())]
    assert len(names) >= 2, names
    tabs.setCurrentIndex(1)
    _settle()
    chosen = tabs.currentWidget()
    changes: list[int] = []
    tabs.currentChanged.connect(changes.append)
    w.tree_view.setFocus()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Down)  # the next 主要事業
    _settle()
    assert w.current == ("program-2021", "p1.j2")
    assert [tabs.tabText(i) for i in range(tabs.count())] == names
    assert tabs.currentWidget() is chosen
    assert changes == []
    assert w.page.measure.node is not None and w.page.measure.node.key == "p1.j2"
    assert w.page.budget.model.node is not None and w.page.budget.model.node.key == "p1.j2"


def test_the_page_says_what_to_do_on_a_plan_after_a_heading(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The 行財政再構築プラン's first heading has nothing to enter (choose below it); its plan says to
    choose from the list. The two show no tabs, so the tabs are not touched between them: the
    sentence still follows."""
    w = window
    assert w.select_node("restructuring", "r.1")
    _settle()
    assert w.page.empty.isVisible() and w.page.empty.text() == "この項目に入力するものはありません。下の階層の項目を選んでください。"
    w.tree_view.setFocus()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Up)  # the plan itself
    _settle()
    assert w.current == ("restructuring", None)
    assert w.page.empty.isVisible() and w.page.empty.text() == "左の一覧から項目を選んでください。"


def _tabs_a_screen_reader_lists(w: MainWindow) -> list[str]:
    bar = QAccessible.queryAccessibleInterface(w.page.tabs.tabBar())
    assert bar is not None
    kids = [bar.child(i) for i in range(bar.childCount())]
    return [k.text(QAccessible.Text.Name) for k in kids
            if k is not None and k.role() == QAccessible.Role.PageTab and not k.state().invisible]


def test_a_screen_reader_lists_only_the_tabs_of_the_item_shown(window: MainWindow) -> None:
    """A form the item does not have is not in the tab list a screen reader reads and presses: a
    tab hidden with setTabVisible stays there, not marked invisible, and pressing it shows the form
    of an item chosen before (Qt 6.11; tried for issue 27 and dropped, docs/performance.md)."""
    w = window
    assert w.select_node("strategy-2015", "g1.a1")  # indicators only
    _settle()
    assert _tabs_a_screen_reader_lists(w) == ["指標（KPI）"]
    assert w.select_node("program-2021", "p1.j1")  # progress and budget, no indicator
    _settle()
    assert _tabs_a_screen_reader_lists(w) == ["進捗状況", "予算"]
    assert w.page.tabs.indexOf(w.page.kpi) < 0


class _Shows(QObject):
    """How many times a widget was shown."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False


def test_another_kind_of_item_shows_its_first_form_and_no_form_that_goes(window: MainWindow) -> None:
    """From a 主要事業 (進捗状況 and 予算) to an item with indicators only: the KPI form is shown at
    once, with its title, and neither form that goes is shown on the way (the 進捗状況 tab removed
    first, Qt showed the 予算 form beside it only to hide it again: issue 27). And back: the
    first form, 進捗状況, is the one shown."""
    w = window
    assert w.select_node("program-2021", "p1.j1")
    _settle()
    budget, measure, kpi = w.page.budget, w.page.measure, w.page.kpi
    assert w.page.tabs.currentWidget() is measure
    shown = _Shows(budget)
    assert w.select_node("strategy-2015", "g1.a1")  # indicators only
    _settle()
    assert shown.count == 0
    assert w.page.tabs.currentWidget() is kpi and kpi.isVisible()
    assert [w.page.tabs.tabText(i) for i in range(w.page.tabs.count())] == ["指標（KPI）"]
    assert _tabs_a_screen_reader_lists(w) == ["指標（KPI）"]
    assert w.page.kpi.model.rowCount() > 0
    assert w.select_node("program-2021", "p1.j2")
    _settle()
    assert [w.page.tabs.tabText(i) for i in range(w.page.tabs.count())] == ["進捗状況", "予算"]
    assert w.page.tabs.currentWidget() is measure and measure.isVisible() and not kpi.isVisible()
    assert measure.node is not None and measure.node.key == "p1.j2"
