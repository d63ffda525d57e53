"""The tree's painting held while a filter's answer opens plans below its bottom (issue 27): Qt
repainted the whole tree after every few plans opened, though nothing shown changed. The tree must
be painted again once the last plan is open, at once when the person scrolls or moves in it, and
when a newer filter is asked (×10 data: the answer comes from the runner and is opened a plan a
turn here)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from test_clerk import type_text
from test_lazy_plans import db_path, x10_template  # noqa: F401  (the ×10 data)

from kodaira_desk.ui.window import tree_search
from kodaira_desk.ui.window.main_window import MainWindow


def _spy(w: MainWindow, on_hold: object = None) -> list[object]:
    """Each change of the tree's painting (False: held), and what `on_hold` noted."""
    calls: list[object] = []
    real = w.tree_view.setUpdatesEnabled

    def spy(on: bool) -> None:
        calls.append(on)
        real(on)
        if not on and callable(on_hold):
            QTimer.singleShot(0, lambda: calls.append(on_hold()))
    w.tree_view.setUpdatesEnabled = spy  # type: ignore[method-assign]
    return calls


def _search(qtbot, w: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    w.editor.trees.load_all()  # every plan in memory: no plans' read before the filter's work
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    type_text(qtbot, w.search, text)


def _settled(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.searching.busy and w.tasks.idle, timeout=20000)
    plans = w.proxy.rowCount()
    qtbot.waitUntil(lambda: plans and w.tree_view.isExpanded(w.proxy.index(plans - 1, 0)), timeout=20000)
    qtbot.wait(20)


def _closed_rows(w: MainWindow, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    """The rows shown with rows under them that are not open."""
    out = []
    for r in range(w.proxy.rowCount(parent)):
        idx = w.proxy.index(r, 0, parent)
        if w.proxy.rowCount(idx):
            if not w.tree_view.isExpanded(idx):
                out.append(str(idx.data()))
            out += _closed_rows(w, idx)
    return out


def test_a_search_opened_below_the_tree_is_painted_once_open(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    monkeypatch.setattr(tree_search, "OPEN_SLICE_S", 0.0)  # a plan a turn: some are opened below the bottom
    calls = _spy(w)
    _search(qtbot, w, "子育て")
    _settled(qtbot, w)
    assert calls[:1] == [False] and calls[-1] is True  # held, then painted again
    assert w.tree_view.updatesEnabled()
    assert w.proxy.rowCount() > 3 and not _closed_rows(w)  # every plan the answer shows open


def test_scrolled_while_held_the_tree_is_painted_at_once(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    monkeypatch.setattr(tree_search, "OPEN_SLICE_S", 0.0)
    bar = w.tree_view.verticalScrollBar()

    def scroll() -> tuple[str, bool, bool]:
        bar.setValue(bar.value() + 1)  # the person scrolls before the last plan is open
        last = w.proxy.index(w.proxy.rowCount() - 1, 0)
        return ("scrolled", w.tree_view.updatesEnabled(), w.tree_view.isExpanded(last))
    calls = _spy(w, scroll)
    _search(qtbot, w, "子育て")
    _settled(qtbot, w)
    assert ("scrolled", True, False) in calls  # painted again at once, while plans were still opened
    assert w.tree_view.updatesEnabled() and not _closed_rows(w)


def test_a_newer_search_while_held_paints_the_tree(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    monkeypatch.setattr(tree_search, "OPEN_SLICE_S", 0.0)

    def type_more() -> tuple[str, bool]:
        w.search.setText("子育て支援")  # a newer word while the answer before is opened
        return ("typed", w.tree_view.updatesEnabled())
    calls = _spy(w, type_more)
    _search(qtbot, w, "子育て")
    qtbot.waitUntil(lambda: any(isinstance(c, tuple) for c in calls), timeout=20000)
    _settled(qtbot, w)
    assert ("typed", True) in calls
    assert w.proxy.text() == "子育て支援" and w.tree_view.updatesEnabled() and not _closed_rows(w)
