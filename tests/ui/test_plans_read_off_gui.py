"""The 進捗ボード and the round's dialogs need every plan: with a prefecture's plans, those not read
yet are read on the window's worker while a box says so, never on the GUI thread (issue 27)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from test_lazy_plans import FAR, db_path, x10_template  # noqa: F401  (the ×10 data, a plan not read at start)

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


def test_the_board_opens_after_the_worker_read_the_other_plans(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert not w.editor.trees.is_loaded(FAR) and not w.editor.trees.is_loaded("program-2021-x7")
    go, threads = _held_reader(w)
    w.act_board.trigger()  # 年度の取りまとめ > 進捗ボード
    assert not w.editor.trees.is_loaded(FAR), "read on the GUI thread"
    qtbot.waitUntil(lambda: _box(w) is not None, timeout=5000)
    box = _box(w)
    assert box is not None
    assert box.labelText() == "計画を読み込んでいます（27 件）…"
    assert w.findChild(BoardDialog) is None
    go.set()
    qtbot.waitUntil(lambda: w.findChild(BoardDialog) is not None and w.findChild(BoardDialog).isVisible(), timeout=10000)
    assert _box(w) is None
    assert threads and threads[0] != threading.main_thread().name
    board = w.findChild(BoardDialog)
    titles = {str(board.model.index(r, 0).data()) for r in range(board.model.rowCount())}
    assert dict(plans.list_plans(w.db))["program-2021-x7"] in titles  # a plan the window had not read
    assert w.editor.trees.is_loaded(FAR)
    board.close()


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
