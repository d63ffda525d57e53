"""The 進捗ボード and the round's dialogs need every plan: with a prefecture's plans, those not read
yet are read on the window's worker while a box says so (the board: while it says it is counting),
never on the GUI thread (issue 27)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from test_clerk import type_text
from test_lazy_plans import FAR, db_path, x10_template  # noqa: F401  (the ×10 data, a plan not read at start)

from kodaira_desk.domain.plan_list import id_of
from kodaira_desk.services import plans
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.round.dialogs import HandoutDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _held_reader(w: MainWindow) -> tuple[threading.Event, list[str]]:
    """The worker's read waits until the test lets it go, and notes the thread it ran on."""
    trees = w.editor.trees
    real = trees.reader()
    go = threading.Event()
    threads: list[str] = []

    def held(ids: list[str]):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        assert go.wait(30)
        return real(ids)

    trees._load = held  # type: ignore[attr-defined]
    return go, threads


def _box(w: MainWindow) -> QProgressDialog | None:
    box = w.findChild(QProgressDialog, "readingPlans")
    return box if box is not None and box.isVisible() else None


def test_the_board_opens_at_once_and_reads_the_other_plans_on_the_worker(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The board opens at once and says it is counting; the plans not read yet are read with its
    grading on the worker (no box of its own: the board's frame painted while the worker waits, then
    its rows once read and graded), and they stay in the edit session as a box's read left them."""
    w = window
    assert not w.editor.trees.is_loaded(FAR) and not w.editor.trees.is_loaded("program-2021-x7")
    go, threads = _held_reader(w)
    w.act_board.trigger()  # 年度の取りまとめ > 進捗ボード
    assert not w.editor.trees.is_loaded(FAR), "read on the GUI thread"
    board = w.findChild(BoardDialog)
    assert board is not None and board.isVisible() and board.grading
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # the worker reads (after the board's frame)
    assert board.grading and board.grading_note.text() == "集計しています…" and board.model.rowCount() == 0
    assert _box(w) is None
    go.set()
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)
    assert threads[0] != threading.main_thread().name
    titles = {str(board.model.index(r, 0).data()) for r in range(board.model.rowCount())}
    assert dict(plans.list_plans(w.db))["program-2021-x7"] in titles  # a plan the window had not read
    assert w.editor.trees.is_loaded(FAR)
    board.close()


def test_the_board_closed_while_reading_shows_nothing_and_opens_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    go, threads = _held_reader(w)
    w.act_board.trigger()
    board = w.findChild(BoardDialog)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    board.close()  # Escape while the plans are read: the read and the grading stop
    go.set()
    w.tasks.wait_idle()
    assert board.model.rowCount() == 0 and not w.statusBar().currentMessage().startswith("操作に失敗")
    w.act_board.trigger()
    again = next(d for d in w.findChildren(BoardDialog) if d.isVisible())
    qtbot.waitUntil(lambda: not again.grading, timeout=10000)
    assert w.editor.trees.is_loaded(FAR) and again.model.rowCount() > 30
    again.close()


def test_cancel_while_reading_opens_nothing_and_the_next_press_opens_at_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    go, _threads = _held_reader(w)
    w.act_handout.trigger()  # 年度の取りまとめ > 配布ファイルの作成
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    box = _box(w)
    assert box is not None
    cancel = box.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "キャンセル"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    go.set()
    qtbot.waitUntil(lambda: w.editor.trees.is_loaded(FAR), timeout=10000)
    qtbot.wait(50)
    assert w.findChild(HandoutDialog) is None or not w.findChild(HandoutDialog).isVisible()
    assert _box(w) is None
    w.act_handout.trigger()  # every plan is in memory now: the dialog opens at once
    dialog = w.findChild(HandoutDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def _plan_rows(w: MainWindow) -> dict[str, list[str]]:
    """Each plan the tree shows, with the labels of the rows under it (all levels)."""
    def under(parent):  # type: ignore[no-untyped-def]
        rows = [w.proxy.index(r, 0, parent) for r in range(w.proxy.rowCount(parent))]
        return [label for idx in rows for label in (str(idx.data()), *under(idx))]
    roots = [w.proxy.index(r, 0) for r in range(w.proxy.rowCount())]
    return {w.model.item_at(w.proxy.mapToSource(idx))[0]: under(idx) for idx in roots}


def test_typing_a_search_reads_the_other_plans_on_the_worker_then_finds_in_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = _plan_rows(w)
    go, threads = _held_reader(w)
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    type_text(qtbot, w.search, "地産")
    assert not w.editor.trees.is_loaded(FAR), "read on the GUI thread"
    assert _plan_rows(w) == before  # the tree as it was while the plans are read
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    assert _box(w).labelText() == "計画を読み込んでいます（27 件）…"
    type_text(qtbot, w.search, "地消")  # typing goes on into the box: no key lost, no second read
    assert w.search.text() == "地産地消"
    assert w.focusWidget() is w.search and not _box(w).isModal()  # the window stays open to typing
    go.set()
    qtbot.waitUntil(lambda: bool(_plan_rows(w).get(FAR)), timeout=10000)
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
    assert _box(w) is None
    shown = _plan_rows(w)
    assert "①－３ 地産地消の促進" in shown[FAR]  # a measure of a plan the window had not read
    assert all(any("地産地消" in label for label in labels) or not labels for labels in shown.values())
    assert "program-2021" not in shown  # the last text typed is the one applied


def test_a_department_chosen_shows_its_items_of_the_plans_not_read(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    go, threads = _held_reader(w)
    w.dept_combo.setFocus()
    w.dept_combo.setCurrentIndex(w.dept_combo.findText("学務課"))  # as chosen from the list
    assert not w.editor.trees.is_loaded(FAR), "read on the GUI thread"
    go.set()
    qtbot.waitUntil(lambda: FAR in _plan_rows(w) and w.proxy.rowCount() < 30, timeout=10000)
    assert threads[0] != threading.main_thread().name
    shown = _plan_rows(w)
    assert "①－３ 地産地消の促進" in shown[FAR]
    assert "①－４ 市民による農家支援" not in shown[FAR]  # 産業振興課's alone


def test_cancel_leaves_the_text_and_the_tree_as_it_was_and_a_key_then_filters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = _plan_rows(w)
    go, threads = _held_reader(w)
    type_text(qtbot, w.search, "地産地")
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    qtbot.mouseClick(_box(w).findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert "取り消しました" in w.statusBar().currentMessage()
    go.set()
    qtbot.waitUntil(lambda: w.editor.trees.is_loaded(FAR), timeout=10000)
    qtbot.wait(50)
    assert w.search.text() == "地産地" and _plan_rows(w) == before
    type_text(qtbot, w.search, "消")  # every plan is in memory: filtered without reading them again
    _worked_out(qtbot, w)
    assert "①－３ 地産地消の促進" in _plan_rows(w)[FAR] and len(threads) == 1


def _worked_out(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """×10's 1,110 rows: the filter is worked out on the runner (ui/window/tree_search.py)."""
    qtbot.waitUntil(lambda: not w.searching.busy, timeout=10000)


def _cancelled_read(qtbot, w: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """`text` typed, the plans' read cancelled in its box, the read then over (every plan in memory)."""
    go, _threads = _held_reader(w)
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    type_text(qtbot, w.search, text)
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    qtbot.mouseClick(_box(w).findChild(QPushButton), Qt.MouseButton.LeftButton)
    go.set()
    qtbot.waitUntil(lambda: w.editor.trees.is_loaded(FAR), timeout=10000)
    qtbot.wait(50)


def _back_in_search(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)


def test_enter_after_a_cancelled_read_filters_and_goes_to_the_first_match(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _cancelled_read(qtbot, w, "地産地消")
    _back_in_search(qtbot, w)
    qtbot.keyClick(w.search, Qt.Key.Key_Return)  # one Enter: filtered and at the first match
    _worked_out(qtbot, w)
    assert "①－３ 地産地消の促進" in _plan_rows(w)[FAR]
    current = w.tree_view.currentIndex()
    assert current.isValid() and "地産地消" in str(current.data())
    assert w.tree_view.hasFocus()


def test_escape_in_the_search_box_clears_it_and_gives_the_tree_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = _plan_rows(w)
    _cancelled_read(qtbot, w, "地産地消")
    _back_in_search(qtbot, w)
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    _worked_out(qtbot, w)
    assert _plan_rows(w) != before
    _back_in_search(qtbot, w)
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    assert w.search.text() == ""
    assert set(_plan_rows(w)) == set(before) | {FAR} or set(_plan_rows(w)) >= set(before)
    _worked_out(qtbot, w)
    # every plan opens again (one the search did not show has its rows made when it is opened)
    assert all(w.proxy.hasChildren(w.proxy.index(r, 0)) for r in range(w.proxy.rowCount()))
    assert w.tree_view.hasFocus()


def _marks(w: MainWindow) -> list[object]:
    """The marks the tree paints on its rows (all levels), as a person sees them."""
    def under(parent):  # type: ignore[no-untyped-def]
        rows = [w.proxy.index(r, 0, parent) for r in range(w.proxy.rowCount(parent))]
        return [m for idx in rows for m in (idx.data(Qt.ItemDataRole.DecorationRole) is not None
                                             and idx.data(Qt.ItemDataRole.DecorationRole).cacheKey(), *under(idx))]
    return under(w.proxy.index(-1, -1))


def test_a_department_chosen_then_cancelled_leaves_the_marks_with_the_tree(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The 課's marks go with the 課's filter: a read cancelled leaves the tree unfiltered by the 課,
    and its marks those of every 課, as before; the next filter applied brings both."""
    w = window
    before, marks = _plan_rows(w), _marks(w)
    go, _threads = _held_reader(w)
    w.dept_combo.setFocus()
    w.dept_combo.setCurrentIndex(w.dept_combo.findText("学務課"))  # as chosen from the list
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    qtbot.mouseClick(_box(w).findChild(QPushButton), Qt.MouseButton.LeftButton)
    go.set()
    qtbot.waitUntil(lambda: w.editor.trees.is_loaded(FAR), timeout=10000)
    qtbot.wait(50)
    assert _plan_rows(w) == before and w.dept_combo.currentText() == "学務課"
    assert w.model.department is None and _marks(w) == marks  # not 学務課's, on a tree of every 課
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)  # a filter applied: the 課's, with its marks
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)
    _worked_out(qtbot, w)
    assert w.model.department == "学務課"
    assert "①－４ 市民による農家支援" not in _plan_rows(w)[FAR]


def test_the_plans_read_a_few_at_a_time_are_all_read_once(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Read a few plans at a time (their objects then kept out of the collector: ui/window/all_plans.py):
    every plan not read is read, once, and a search finds in the last ones."""
    from kodaira_desk.ui.window import all_plans

    monkeypatch.setattr(all_plans, "READ_CHUNK", 4)
    w = window
    trees = w.editor.trees
    unread = [id_of(p) for p in trees.known() if not trees.is_loaded(id_of(p))]
    real = trees.reader()
    asked: list[list[str]] = []

    def counted(ids: list[str]):  # type: ignore[no-untyped-def]
        asked.append(list(ids))
        return real(ids)

    trees._load = counted  # type: ignore[attr-defined]
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    type_text(qtbot, w.search, "地産地消")
    qtbot.waitUntil(lambda: bool(_plan_rows(w).get(FAR)), timeout=20000)
    assert sorted(p for chunk in asked for p in chunk) == sorted(unread)  # each once, none left out
    assert len(unread) > 4 and all(0 < len(chunk) <= 4 for chunk in asked)
    assert all(trees.is_loaded(p) for p in unread)
    assert "①－３ 地産地消の促進" in _plan_rows(w)[FAR]
