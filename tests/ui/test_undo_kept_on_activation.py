"""Coming back to the window (it looks again at the master file and reads the plans again when one
was made meanwhile by `kodaira-desk plan copy`) keeps the undo history when nothing it would put
back was changed elsewhere; when something was, the history ends there and the window says so,
nothing typed lost and nothing written over the other person's value. The reading is done on the
operation runner, never on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from next_program import next_period
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from kodaira_desk.cli import main
from kodaira_desk.services import plans as plan_service
from kodaira_desk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
STATUS_KEY = "progress:strategy-2015:g1.a1.m1:2020:status"


def _copy_by_cli(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    first, last = next_period()
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", f"{first.short_label()}-{last.short_label()}"]) == 0
    capsys.readouterr()


def _away_and_back(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The person goes to the terminal (another window) and clicks back into the window."""
    terminal = QWidget()
    terminal.setWindowTitle("terminal")
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not w.isActiveWindow(), timeout=10000)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=10000)
    terminal.close()


def _listed(w: MainWindow) -> bool:
    return w.model.index_of("program-2025", None).isValid()


def _typed_then_undone(qtbot, w: MainWindow) -> tuple[QLineEdit, str]:  # type: ignore[no-untyped-def]
    """実施中 typed into 令和2年度's status of g1.a1.m1, then Ctrl+Z: nothing unsaved, one step to redo."""
    from test_clerk import type_text

    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=10000)
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.page.tabs.setCurrentWidget(w.page.measure)
    status = w.page.measure.status.lineEdit()
    before = status.text()
    assert before != "実施中"
    status.setFocus()
    status.selectAll()
    type_text(qtbot, status, "実施中")
    w.tree_view.setFocus()  # the box left: the edit is in the window
    assert w.isWindowModified()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: status.text() == before, timeout=5000)
    assert not w.isWindowModified()
    qtbot.wait(400)  # (the window's first moments: the mark read with the first screen)
    return status, before


def _read_on(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The thread of every read of plans from now on."""
    threads: list[str] = []
    for name in ("first_screen", "list_and_load", "load_some", "load_all"):
        real = getattr(plan_service, name)

        def spy(*args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            threads.append("gui" if threading.current_thread() is threading.main_thread() else "worker")
            return _real(*args, **kwargs)

        monkeypatch.setattr(plan_service, name, spy)
    return threads


def test_the_undo_history_stays_when_a_plan_copied_by_the_cli_is_read(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, capsys, monkeypatch) -> None:
    w = window
    status, before = _typed_then_undone(qtbot, w)
    _copy_by_cli(db_path, capsys)
    threads = _read_on(monkeypatch)
    _away_and_back(qtbot, w)
    qtbot.waitUntil(lambda: _listed(w), timeout=20000)
    assert "読み込み直しました" in w.statusBar().currentMessage()
    assert "元に戻す履歴" not in w.statusBar().currentMessage()
    assert "worker" in threads and "gui" not in threads  # the plans were read on the runner
    del threads[:]

    qtbot.keyClick(w.tree_view, Qt.Key.Key_Y, CTRL)  # the step undone before going away: redone
    qtbot.waitUntil(lambda: status.text() == "実施中", timeout=5000)
    assert w.isWindowModified()
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Z, CTRL)  # and undone again
    qtbot.waitUntil(lambda: status.text() == before, timeout=5000)
    assert not w.isWindowModified()


def test_a_field_changed_elsewhere_ends_the_history_and_the_window_says_so(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, capsys) -> None:
    from kodaira_desk.services.editing import content_of, target_of
    from kodaira_desk.services.workspace import Workspace

    w = window
    status, _before = _typed_then_undone(qtbot, w)
    other = Workspace.open(db_path, create=False, actor="政策課 佐藤")  # another person saves that field
    try:
        other.load_plans()
        target = target_of(STATUS_KEY)
        other.save({target: content_of(target, "完了")}, {target: other.session.stored(target)})
    finally:
        other.close()
    _copy_by_cli(db_path, capsys)
    _away_and_back(qtbot, w)
    qtbot.waitUntil(lambda: _listed(w), timeout=20000)
    assert "元に戻す履歴は消えました" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: status.text() == "完了", timeout=5000)  # their value is shown
    qtbot.keyClick(w.tree_view, Qt.Key.Key_Y, CTRL)  # the step of before would write over it: gone
    qtbot.wait(200)
    assert status.text() == "完了" and not w.isWindowModified()
