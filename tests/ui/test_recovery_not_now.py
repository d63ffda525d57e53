"""The recovery offer's キャンセル means "not now" (the tester's A1): Escape, キャンセル or the session
ending while the question shows leave the journal as it was, and the question comes back the next
time the file is opened. And a value still in a grid cell's open editor is journaled as it is typed
(A2: 55 typed, no Enter, kill -9: offered back)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

from grid_helpers import R2, cell, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from recovery_helpers import crashed, journal_files
from test_recovery_journal import _typed_in_a_process, _window_on

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A = ValueKind.ACTUAL


def _press_on_the_question(qtbot, key: Qt.Key, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A person presses `key` on the question once it shows."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "question":
            seen.append(box.text())
            qtbot.keyClick(box, key)
        else:
            QTimer.singleShot(50, look)
    QTimer.singleShot(50, look)


def _typed_then_crashed(qtbot, w: MainWindow, text: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, text)
    if enter:
        press(qtbot, view, Qt.Key.Key_Return)
    crashed(w)


def test_escape_on_the_offer_keeps_the_journal_and_asks_again(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _typed_then_crashed(qtbot, window, "7")
    kept = journal_files(window)
    assert len(kept) == 1
    held = kept[0].read_bytes()
    seen: list[str] = []
    _press_on_the_question(qtbot, Qt.Key.Key_Escape, seen)
    again = _window_on(db_path, Answer.SAVE, [], [])
    again.ask = MainWindow.ask.__get__(again)  # type: ignore[method-assign]  (the real question)
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=20000)
        qtbot.waitUntil(lambda: "もう一度たずねます" in again.statusBar().currentMessage(), timeout=20000)
        assert not again.editor.unsaved()
    finally:
        close_window(again)
    assert kept[0].read_bytes() == held  # not renamed, not changed
    assert not list(kept[0].parent.glob("*.aside"))

    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])  # the next time: asked again, 復元する
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert again.save_and_wait()
        assert saved_value(db_path, "g1.a1.k1", A, R2) == "7人"
    finally:
        close_window(again)


def test_discard_gives_the_edits_up_keeping_a_copy_aside(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _typed_then_crashed(qtbot, window, "7")
    asked: list[str] = []
    again = _window_on(db_path, Answer.DISCARD, asked, [])  # 破棄する
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert journal_files(again) == []
        assert len(list(again.settings.recovery_folder().glob("*.discarded"))) == 1
    finally:
        close_window(again)
    asked.clear()
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.wait(800)  # the look has come and gone
        assert asked == []  # given up: never offered again
    finally:
        close_window(again)


def test_a_value_still_in_the_cell_editor_survives_a_crash(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = open_kpi(window, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(window, "g1.a1.k2", A, R2))
    type_keys(qtbot, view, "66")
    press(qtbot, view, Qt.Key.Key_Escape)  # typed, then taken back: not offered
    _typed_then_crashed(qtbot, window, "55", enter=False)  # the editor still open, no Enter
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "1 件" in asked[0], asked
        assert again.save_and_wait()
    finally:
        close_window(again)
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "55人"
    assert saved_value(db_path, "g1.a1.k2", A, R2) != "66%"


ASKED = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from kodaira_desk.ui.window import questions

real = questions.ask

def ask(*a, **k):  # said once the question is up (its own event loop runs the timer)
    QTimer.singleShot(200, lambda: print("ASKED", flush=True))
    return real(*a, **k)

questions.ask = ask
from kodaira_desk.ui.app import run_app
sys.exit(run_app(Path(sys.argv[1]), create=False))
"""


def test_sigterm_while_the_offer_shows_leaves_the_journal_as_it_was(db_path: Path, tmp_path: Path) -> None:
    proc = _typed_in_a_process(db_path, tmp_path, "edit")
    folder = tmp_path / "config"
    while not any(b"g1.a1.k3" in p.read_bytes() for p in folder.rglob("recovery/*.journal")):
        assert proc.poll() is None  # (the journal is written by its thread a moment after the edit)
        select.select([], [], [], 0.05)
    proc.kill()  # kill -9 with three values unsaved
    proc.wait(timeout=60)
    kept = {p: p.read_bytes() for p in folder.rglob("recovery/*.journal")}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path / "home"))
    asking = subprocess.Popen([sys.executable, "-c", ASKED, str(db_path)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    assert asking.stdout is not None
    ready, _w, _x = select.select([asking.stdout], [], [], 90)
    if not ready:
        asking.kill()
        raise AssertionError(asking.communicate()[1])
    assert asking.stdout.readline().strip() == "ASKED"
    asking.send_signal(signal.SIGTERM)  # logout while the question shows
    assert asking.wait(timeout=60) == 0
    assert {p: p.read_bytes() for p in (tmp_path / "config").rglob("recovery/*.journal")} == kept
    assert not list((tmp_path / "config").rglob("recovery/*.aside"))
