"""Selecting an item with indicators paints the page once; the KPI pane's later turn paints the pane
(issue 27). The pane grades and draws its item a turn after the grid is painted; the status line's
lines and the list's rows it fills then changed size hints up through every level, and Qt's tab
widget repainted itself whole on that LayoutRequest — the grid, its headers, the tab frame — and
the header's new height, reaching the page only in that turn, laid out and painted the page again.
What the screen shows must stay what a whole paint shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from kodaira_desk.ui.window.main_window import MainWindow


class _Paints(QObject):
    """The areas each widget was asked to paint, in the tab widget's coordinates."""

    def __init__(self, tabs: QWidget, *widgets: QWidget) -> None:
        super().__init__()
        self.tabs = tabs
        self.rects: dict[str, list[QRect]] = {}
        for w in (tabs, *widgets):
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            rect = event.rect()  # type: ignore[attr-defined]
            self.rects.setdefault(watched.objectName(), []).append(
                QRect(watched.mapTo(self.tabs, rect.topLeft()), rect.size()) if watched is not self.tabs
                and self.tabs.isAncestorOf(watched) else rect)
        return False


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _items_with_indicators(w: MainWindow) -> list[tuple[str, str]]:
    return [(t.plan.id, n.key) for t in w.editor.trees.values() for n in t.nodes if t.indicators_of(n.key)]


def _on_screen(w: MainWindow) -> QImage:
    return w.screen().grabWindow(w.winId()).toImage()


def _painted_whole(w: MainWindow) -> QImage:
    return w.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_panes_turn_paints_the_pane_and_the_header_has_its_height_at_once(window: MainWindow) -> None:
    """Every item with indicators of the city's plans, one after another and now and then after an
    item without. The first frame (the selection and the events it posts, as the window's event
    loop sends them) shows the header at the height it keeps; the pane's turn (grades, list, chart)
    paints within the grid and the pane (the grid's row badges follow the grades): not the tab
    frame, the tab bar, the details and legend under them (Qt repainted the whole tab widget)."""
    w = window
    items = _items_with_indicators(w)
    assert len(items) >= 10
    others = [(t.plan.id, n.key) for t in w.editor.trees.values() for n in t.nodes
              if not t.indicators_of(n.key) and n.texts]
    w.select_node(*items[0])
    _settle()
    page = w.page
    pane = page.kpi.chart_pane
    assert pane is not None
    paints = _Paints(page.tabs, page.kpi.view.viewport())
    heights = set()
    for n, item in enumerate(items[1:] + items[:1]):
        if n % 3 == 2:  # now and then from an item without indicators (another header, other tabs)
            w.select_node(*others[n % len(others)])
            _settle()
        assert w.select_node(*item)
        QApplication.sendPostedEvents()  # the first frame
        first_height = page.header.height()
        grid_turn = page.later_turn()  # the grid loaded a turn later (what its zero timer does)
        assert grid_turn is not None, item
        grid_turn()
        QApplication.sendPostedEvents()
        assert pane.pending, item  # graded a turn later still
        paints.rects.clear()
        pane_turn = page.later_turn()  # the pane's grades (what its zero timer does)
        assert pane_turn is not None, item
        pane_turn()
        QApplication.sendPostedEvents()
        assert not pane.pending and pane.status_label.text(), item  # graded and drawn
        split = pane.parentWidget()  # the grid above the pane (its row badges follow the grades)
        assert split is not None
        where = QRect(split.mapTo(page.tabs, QPoint(0, 0)), split.size())
        assert all(where.contains(r) for r in paints.rects.get("nodeTabs", [])), (item, where, paints.rects)
        _settle()
        assert page.header.height() == first_height, item
        heights.add(first_height)
    assert len(heights) > 2  # (the headers differ in height: the case that was laid out twice)


def test_what_the_screen_shows_is_the_page_painted_whole(window: MainWindow) -> None:
    """After each selection (items with indicators, the plan's page, items without, a program's
    主要事業 with 進捗状況 and 予算), what the window holds on the screen is what painting it whole
    gives: no tab frame, header or grid left from the item before."""
    w = window
    items = _items_with_indicators(w)
    walk = [items[0], items[1], (items[2][0], None), items[5], ("program-2021", "p1.j1"), items[-1],
            ("program-2021", "p1"), items[3], items[4]]
    for plan_id, key in walk:
        assert w.select_node(plan_id, key), (plan_id, key)
        _settle()
        assert _on_screen(w) == _painted_whole(w), (plan_id, key)
