"""The tree's filters used as a person does (issue 27): a Japanese word committed by the input method
a character at a time, a Latin word typed key by key, Escape; what the tree shows each time, the
item the person is on kept, the tree's rows painted a slice a turn after a filter and whole in the
end (ui/window/tree_view.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication
from test_clerk import click_node

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.ui.window import tree_view
from kodaira_desk.ui.window.main_window import MainWindow


def _commit_each(qtbot, w: MainWindow, word: str) -> None:  # type: ignore[no-untyped-def]
    """As an input method commits a Japanese word: one character at a time, the window turning between."""
    for ch in word:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(w.search, event)
        qtbot.wait(30)


def _shown(w: MainWindow) -> list[tuple[str, str | None]]:
    """Every row the tree shows (open or not), as (plan, node)."""
    out: list[tuple[str, str | None]] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            out.append(w.model.item_at(w.proxy.mapToSource(idx)))
            walk(idx)
    walk(QModelIndex())
    return out


def _mentions(tree: PlanTree, key: str, word: str) -> bool:
    """The item names the word: its title, texts, indicators or 課 (what the search box looks in)."""
    node = tree.node(key)
    texts = [node.title, *(str(t.text) for t in node.texts), *(i.name for i in tree.indicators_of(key)),
             *(d.department for d in node.departments),
             *(d.department for i in tree.indicators_of(key) for d in i.departments)]
    return any(word.lower() in t.lower() for t in texts)


def _settled(qtbot, w: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: w.proxy.query.text == text and not w.searching.busy, timeout=10000)


def _a_row_naming(w: MainWindow, word: str) -> tuple[str, str]:
    for plan_id, key in _shown(w):
        if key is not None and _mentions(w.editor.tree(plan_id), key, word):
            return plan_id, key
    raise AssertionError(f"no item names {word}")


def test_a_word_committed_a_character_at_a_time_shows_its_items_and_keeps_the_one_the_person_is_on(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    every_row = _shown(w)
    on = _a_row_naming(w, "子育て")
    click_node(qtbot, w, *on)
    w.search.setFocus()
    _commit_each(qtbot, w, "子育て")
    _settled(qtbot, w, "子育て")
    shown = _shown(w)
    assert on in shown and w.current == on  # the item the person is on: still there, still theirs
    assert w.tree_view.currentIndex() == w.proxy.mapFromSource(w.model.index_of(*on))
    leaves = [(p, k) for p, k in shown if k is not None
              and w.proxy.rowCount(w.proxy.mapFromSource(w.model.index_of(p, k))) == 0]
    assert leaves and all(_mentions(w.editor.tree(p), k, "子育て") for p, k in leaves)
    assert len(shown) < len(every_row)
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    _settled(qtbot, w, "")
    assert w.search.text() == "" and _shown(w) == every_row  # every row again, in its place
    assert w.current == on and w.tree_view.currentIndex() == w.proxy.mapFromSource(w.model.index_of(*on))


def test_a_latin_word_typed_key_by_key_narrows_the_tree_as_it_grows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.search.setFocus()
    counts = []
    for ch in "npo":  # the NPO of the plans' texts (a Latin word among the Japanese)
        qtbot.keyClick(w.search, ch)
        _settled(qtbot, w, w.search.text().strip().lower())
        counts.append(len(_shown(w)))
    assert counts[0] >= counts[1] >= counts[2] > 0
    assert all(_mentions(w.editor.tree(p), k, "npo") for p, k in _shown(w) if k is not None
               and w.proxy.rowCount(w.proxy.mapFromSource(w.model.index_of(p, k))) == 0)


def _on_screen(w: MainWindow) -> QImage:
    """What the window last put on the screen where the tree's rows are (not painted again)."""
    vp = w.tree_view.viewport()
    at = vp.mapTo(w, vp.rect().topLeft())
    shot = w.windowHandle().screen().grabWindow(w.winId(), at.x(), at.y(), vp.width(), vp.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_after_a_filter_the_rows_are_painted_a_slice_a_turn_and_all_come(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 0.0)  # a row a paint: the slices certain, whatever the load
    view = w.tree_view
    assert isinstance(view, tree_view.PlanTreeView)
    w.activateWindow()
    w.search.setFocus()
    _commit_each(qtbot, w, "計画")
    _settled(qtbot, w, "計画")
    qtbot.waitUntil(lambda: view.slices >= 3, timeout=10000)  # the rows came over several turns
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 1e9)  # the rest in the next turn
    whole = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # Qt's whole paint
    qtbot.waitUntil(lambda: _on_screen(w) == whole, timeout=10000)  # every row shown in the end
