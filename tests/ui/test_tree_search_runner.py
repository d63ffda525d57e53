"""The tree's search, 課 and 未入力のみ with many plans (×10: 1,110 rows) are worked out on the window's
runner (issue 27): typed fast, only the last word's matches are shown; an answer worked out before
an edit does not show the tree as it was; Enter typed before the answer goes to its first match;
an edit typed and saved while a search is worked out is in the database."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from test_clerk import type_text
from test_lazy_plans import FAR, H29, db_path, x10_template  # noqa: F401  (the ×10 data)
from test_plans_read_off_gui import _held_reader, _plan_rows

from kodaira_desk.domain.entry import is_complete, item_report
from kodaira_desk.services import plans
from kodaira_desk.services.database import open_database
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.tree_rows import PlanRows


def _held(w: MainWindow) -> threading.Event:
    """The runner's one worker busy until the test lets it go: what the window asks meanwhile waits."""
    w.editor.trees.load_all()  # every plan in memory: no plans' read before the filter's work
    go = threading.Event()
    w.tasks.run_query(lambda: go.wait(30), name="held")
    return go


def _worked_out(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.searching.busy and w.tasks.idle, timeout=20000)


def _in_search(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)


def test_typed_fast_only_the_last_words_matches_are_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = _plan_rows(w)
    shown: list[str] = []  # the search text each time the tree took an answer
    w.proxy.layoutChanged.connect(lambda *_: shown.append(w.proxy.text()))
    go = _held(w)
    _in_search(qtbot, w)
    type_text(qtbot, w.search, "農")
    type_text(qtbot, w.search, "家")
    qtbot.keyClick(w.search, Qt.Key.Key_Backspace)
    type_text(qtbot, w.search, "業")  # 農業: 農 and 農家 are never shown
    assert w.searching.busy and _plan_rows(w) == before  # the tree as it was while the runner works
    qtbot.waitUntil(lambda: w.searching.saying, timeout=5000)
    assert w.no_match.isVisible() and w.no_match.text() == "検索しています…"
    go.set()
    _worked_out(qtbot, w)
    assert {text for text in shown if text} == {"農業"}  # (the tree before it: no search)
    found = _plan_rows(w)
    assert FAR in found and found != before
    assert not w.no_match.isVisible()
    leaves = _leaves(w, QModelIndex())
    assert leaves and all("農業" in text for text in leaves)  # a row shown with nothing under it matches


def _leaves(w: MainWindow, parent: QModelIndex) -> list[str]:
    """What a search matches on each item the tree shows with nothing shown under it."""
    out = []
    for r in range(w.proxy.rowCount(parent)):
        idx = w.proxy.index(r, 0, parent)
        if w.proxy.rowCount(idx):
            out += _leaves(w, idx)
            continue
        plan_id, key = w.model.item_at(w.proxy.mapToSource(idx))
        tree = w.editor.tree(plan_id)
        assert key is not None
        out.append(PlanRows(tree).text(tree.node(key)))
    return out


def test_enter_typed_before_the_answer_goes_to_its_first_match(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    go = _held(w)
    _in_search(qtbot, w)
    type_text(qtbot, w.search, "地産地消")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.search.hasFocus()  # nothing to go to yet
    go.set()
    _worked_out(qtbot, w)
    current = w.tree_view.currentIndex()
    assert current.isValid() and "地産地消" in str(current.data())
    assert w.tree_view.hasFocus()
    assert w.current is not None and w.current[1] == w.model.item_at(w.proxy.mapToSource(current))[1]


def _complete_with_a_narrative(w: MainWindow) -> tuple[str, str]:
    """An item of the far plan whose H29 report is complete, its 実施等状況 written."""
    tree = w.editor.tree(FAR)
    for node in tree.nodes:
        report = item_report(tree, node, H29)
        if is_complete(tree, node, H29) and report.narrative.strip() and not tree.indicators_of(node.key):
            return FAR, node.key
    raise AssertionError("no complete item with a narrative")


def test_an_answer_worked_out_before_an_edit_does_not_show_the_item_as_it_was(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("平成29年度"))
    plan_id, key = _complete_with_a_narrative(w)
    assert w.select_node(plan_id, key)
    go = _held(w)
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)  # 未入力のみ: worked out on the runner
    w.page.tabs.setCurrentWidget(w.page.measure)
    box = w.page.measure.narrative
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)  # its 実施等状況 emptied: 未入力 now, as the runner does not know
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert w.editor.unsaved
    go.set()
    _worked_out(qtbot, w)
    assert w.proxy.query.only_missing
    assert w.proxy.mapFromSource(w.model.index_of(plan_id, key)).isValid()  # shown: 未入力 with the edit
    assert w.model.completeness(plan_id, key) is False
    qtbot.keyClick(w.page.measure.narrative, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # 元に戻す
    assert w.model.completeness(plan_id, key) is True
    # complete again, but the item the person is on stays until they leave it (its headings too)
    assert w.proxy.mapFromSource(w.model.index_of(plan_id, key)).isValid()
    other = next((p, k) for p, k in _shown_items(w) if (p, k) != (plan_id, key) and k is not None)
    assert w.select_node(*other)  # another item chosen: the complete one goes
    qtbot.waitUntil(lambda: not w.proxy.mapFromSource(w.model.index_of(plan_id, key)).isValid(), timeout=5000)


def _shown_items(w: MainWindow) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            out.append(w.model.item_at(w.proxy.mapToSource(idx)))
            walk(idx)

    walk(QModelIndex())
    return out


def test_an_edit_saved_while_a_search_is_worked_out_is_in_the_database(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("平成29年度"))
    (stored,) = plans.load_some(w.db, [FAR])
    measure = stored.node(next(p for p in stored.progress if p.year == H29).node_key)
    assert w.select_node(FAR, measure.key)
    go = _held(w)
    _in_search(qtbot, w)
    type_text(qtbot, w.search, "地産地消")
    w.page.tabs.setCurrentWidget(w.page.measure)
    box = w.page.measure.narrative
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, " typed while searching")
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # queued behind the search
    go.set()
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.isWindowModified(), timeout=60_000)
    _worked_out(qtbot, w)
    db = open_database(db_path, create=False)
    try:
        (tree,) = plans.load_some(db, [FAR])
    finally:
        db.dispose()
    entry = tree.progress_in(measure.key, H29)
    assert entry is not None and str(entry.narrative).endswith(" typed while searching")
    assert "①－３ 地産地消の促進" in _plan_rows(w)[FAR]  # and the search's answer is shown


def _open_rows(w: MainWindow) -> list[str]:
    """The labels of the rows the tree has open, as a person sees them."""
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            if w.tree_view.isExpanded(idx):
                out.append(str(idx.data()))
                walk(idx)
    walk(QModelIndex())
    return out


def test_ticked_and_unticked_while_the_plans_are_read_leaves_the_tree_as_it_was(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = _open_rows(w)
    assert before  # the first screen's plans are open
    go, _threads = _held_reader(w)
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)  # changed its mind while the plans are read
    go.set()
    qtbot.waitUntil(lambda: w.editor.trees.is_loaded(FAR), timeout=10000)
    _worked_out(qtbot, w)
    qtbot.wait(50)
    assert not w.proxy.query.active and _open_rows(w) == before
