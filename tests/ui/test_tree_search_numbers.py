"""The tree's search as a clerk uses it: an item looked for by its number as the tree and the
documents print it (「①－１」 typed as 1-1 or １－１, the programme's 1-2 for 事業 2 under 1) or by the
key the recovery list and the messages print (g1.a1.m1); and a search cleared gives back the tree
as it was: the rows open before open again, the item the person is on selected and in sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from test_clerk import click_node
from test_tree_filters_typed import _settled, _shown

from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.tree_rows import folded


def _type(qtbot, w: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    w.search.setFocus()
    qtbot.keyClick(w.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.search, Qt.Key.Key_Backspace)
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(w.search, ch)
        else:  # (a full-width character: committed by the input method)
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(w.search, event)
        qtbot.wait(20)
    _settled(qtbot, w, folded(text))


def _found(w: MainWindow) -> set[tuple[str, str | None]]:
    return set(_shown(w))


def test_an_item_is_found_by_its_number_as_printed_and_by_its_key(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    qtbot.waitExposed(w)
    for typed in ("1-1", "１－１", "①-1"):
        _type(qtbot, w, typed)
        shown = _found(w)
        assert ("strategy-2015", "g1.a1.m1") in shown, (typed, sorted(shown)[:10])  # ①－１ 市内農家の収入増…
        assert ("program-2021", "p1.j1") in shown, typed  # 1 男女共同参画推進事業, under 1
        assert ("strategy-2015", "g1.a1.m2") not in shown, typed
    _type(qtbot, w, "1-2")
    assert ("program-2021", "p1.j2") in _found(w) and ("strategy-2015", "g1.a1.m2") in _found(w)
    _type(qtbot, w, "基本目標1")
    assert ("strategy-2015", "g1") in _found(w)
    _type(qtbot, w, "g1.a1.m1")
    assert ("strategy-2015", "g1.a1.m1") in _found(w)
    assert ("strategy-2015", "g1.a2.m1") not in _found(w)


def _open_rows(w: MainWindow) -> set[tuple[str, str | None]]:
    """The rows the tree shows open."""
    return {item for item in _shown(w)
            if w.tree_view.isExpanded(w.proxy.mapFromSource(w.model.index_of(*item)))}


def test_clearing_the_search_gives_back_the_open_rows_and_the_item_in_sight(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    qtbot.waitExposed(w)
    view = w.tree_view
    program = w.proxy.mapFromSource(w.model.index_of("program-2021", None))
    view.collapse(program)  # the person closes a plan they do not work on
    click_node(qtbot, w, "strategy-2015", "g2.a1")
    before = _open_rows(w)
    assert before and ("program-2021", None) not in before
    _type(qtbot, w, "農")
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)  # the search cleared
    qtbot.waitUntil(lambda: not w.proxy.query.active and not w.searching.busy, timeout=10000)
    QApplication.processEvents()
    assert _open_rows(w) == before
    current = view.currentIndex()
    assert w.model.item_at(w.proxy.mapToSource(current)) == ("strategy-2015", "g2.a1")
    assert view.selectionModel().isSelected(current)
    assert view.viewport().rect().intersects(view.visualRect(current))
