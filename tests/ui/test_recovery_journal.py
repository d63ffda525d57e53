"""The recovery journal: values a clerk typed survive a crash before their save commits (kill -9
0.1 s after Ctrl+S, the tester's s10.sh) and a SIGTERM with unsaved edits; opening the file again
offers them back, restored as unsaved edits that Save writes. A damaged journal never stops the
file from opening."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from grid_helpers import R2, cell, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from recovery_helpers import crashed, journal_files, own_journal

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import Answer, MainWindow
from kodaira_desk.ui.window.recovery import WindowJournal

A = ValueKind.ACTUAL


def _window_on(path: Path, answer: Answer, asked: list[str], told: list[str]) -> MainWindow:
    """The window a person opens on the file again, its questions answered by `answer`."""
    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings

    tr = Translations(QApplication.instance())  # type: ignore[arg-type]
    tr.apply("ja")
    settings = Settings()
    settings.user_name = "政策課 試験"
    w = MainWindow(open_database(path, create=False), settings, tr)

    def ask(_title: str, text: str, *_a: object, **_k: object) -> Answer:
        asked.append(text)
        return answer

    w.ask = ask  # type: ignore[method-assign]  (before the offer: it comes 300 ms after opening)
    w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
    w.resize(1366, 768)
    w.show()
    return w


def test_values_typed_then_lost_before_the_save_are_offered_back_and_saved(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    for text in ("7", "8"):
        type_keys(qtbot, view, text)
        press(qtbot, view, Qt.Key.Key_Return)
    type_keys(qtbot, view, "9")  # still in the open cell editor, as when Ctrl+S is pressed
    w.editor.take_open_input()  # what Ctrl+S takes first; the process then dies before its save
    assert saved_value(db_path, "g1.a1.k1", A, R2) != "7人"
    assert own_journal(w).flush() and own_journal(w).exists()
    crashed(w)

    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)  # 復元する
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "「kodaira.sqlite」" in asked[0] and "3 件" in asked[0], asked
        assert again.editor.unsaved() and again.isWindowModified()  # unsaved edits, not yet in the file
        assert saved_value(db_path, "g1.a1.k1", A, R2) != "7人"
        assert again.save_and_wait()
        assert saved_value(db_path, "g1.a1.k1", A, R2) == "7人"
        assert saved_value(db_path, "g1.a1.k2", A, R2) == "8%"
        assert saved_value(db_path, "g1.a1.k3", A, R2) == "9区画"
        assert journal_files(again) == []  # the save committed: nothing left to recover
    finally:
        close_window(again)
    assert told == []


def test_a_restore_can_be_undone_and_a_discard_forgets(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, "7")
    press(qtbot, view, Qt.Key.Key_Return)
    crashed(w)
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert again.editor.unsaved()
        again.editor.undo_stack.undo()  # Ctrl+Z takes the restored values back out
        assert not again.editor.unsaved()
    finally:
        close_window(again)
    assert journal_files(w) == []  # closed with 保存しない: the person chose

    w.editor.journal = WindowJournal(w, w.settings.recovery_folder())  # the window opened again
    type_keys(qtbot, view, "8")
    press(qtbot, view, Qt.Key.Key_Return)
    crashed(w)
    asked.clear()
    again = _window_on(db_path, Answer.DISCARD, asked, [])  # 破棄する
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert not again.editor.unsaved() and journal_files(again) == []
    finally:
        close_window(again)


def test_a_saved_value_is_not_offered_and_a_damaged_journal_is_kept_aside(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, "7")
    press(qtbot, view, Qt.Key.Key_Return)
    journal = own_journal(w)
    assert journal.flush()
    kept = journal.path.read_bytes()
    assert w.save_and_wait()
    assert journal.flush() and not journal.exists()
    crashed(w)
    journal.path.write_bytes(kept)  # killed after the commit, before the journal was cleared
    asked: list[str] = []
    told: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, told)
    try:
        qtbot.waitUntil(lambda: not journal.exists(), timeout=20000)
        assert asked == [] and told == []  # everything it held is in the file: nothing to ask
    finally:
        close_window(again)

    journal.path.write_bytes(b'{"kodaira_desk_journal": 1, "location": [\x00\xff' + b"x" * 100 + b"\n")
    os.utime(journal.path, (1, 1))  # (its lock file went with the first: not a window's that is starting)
    again = _window_on(db_path, Answer.SAVE, asked, told)
    try:
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        assert "「kodaira.sqlite」の復旧用の記録が読めなかった" in told[0]
        assert again.isVisible() and asked == []
        assert journal_files(again) == [] and list(journal.path.parent.glob("*.aside"))  # kept, not deleted
    finally:
        close_window(again)


PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.window import recovery

Settings().user_name = "試験"
attach, mode = recovery.attach, sys.argv[2]

def typed(w):
    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services.editing import ValueCell, content_of
    for key, text in (("g1.a1.k1", "7"), ("g1.a1.k2", "8"), ("g1.a1.k3", "9")):
        target = ValueCell("strategy-2015", key, ValueKind.ACTUAL, 2020)
        w.editor.set(target, content_of(target, text), "入力")
    if mode == "kill":
        w.save()  # Ctrl+S: the save runs on the worker
    print("TYPED", flush=True)
    if mode == "save":  # saved, then the program ends as a person quits it
        w.save_and_wait()
        w.close()

def attached(w):
    attach(w)
    QTimer.singleShot(500, lambda: typed(w))

recovery.attach = attached
from kodaira_desk.ui.app import run_app
sys.exit(run_app(Path(sys.argv[1]), create=False))
"""


def _typed_in_a_process(db_path: Path, tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path / "home"))
    proc = subprocess.Popen([sys.executable, "-c", PROBE, str(db_path), mode], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    ready, _w, _x = select.select([proc.stdout], [], [], 90)
    if not ready:  # never a suite left hanging on a window that did not start
        proc.kill()
        raise AssertionError(proc.communicate()[1])
    line = proc.stdout.readline()
    assert line.strip() == "TYPED", proc.stderr.read()
    return proc


def _reopened_and_restored(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The person opens the file again (same user settings as the killed process) and restores."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "「kodaira.sqlite」" in asked[0] and "3 件" in asked[0], asked
        assert again.save_and_wait()
    finally:
        close_window(again)
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "7"  # (put without the grid's unit)
    assert saved_value(db_path, "g1.a1.k3", A, R2) == "9"


def test_sigterm_with_unsaved_edits_keeps_them_and_quits(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = _typed_in_a_process(db_path, tmp_path, "term")
    proc.send_signal(signal.SIGTERM)  # `kill <pid>`, a logout: no one to answer a question
    assert proc.wait(timeout=60) == 0  # the window's closing ran, no question held it open
    assert saved_value(db_path, "g1.a1.k1", A, R2) != "7"
    _reopened_and_restored(qtbot, db_path, tmp_path)


def test_kill_9_right_after_ctrl_s_loses_nothing(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = _typed_in_a_process(db_path, tmp_path, "kill")
    time.sleep(0.1)
    proc.kill()  # kill -9 0.1 s after Ctrl+S (the tester's s10.sh)
    proc.wait(timeout=60)
    if saved_value(db_path, "g1.a1.k1", A, R2) == "7":  # the save won the race: nothing is asked
        return
    _reopened_and_restored(qtbot, db_path, tmp_path)


def test_typing_before_the_look_is_never_offered_back_to_the_same_window(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    w = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        view = open_kpi(w, "strategy-2015", "g1.a1")  # typed at once, before the 300 ms look
        view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
        type_keys(qtbot, view, "7")
        press(qtbot, view, Qt.Key.Key_Return)
        assert own_journal(w).flush() and own_journal(w).exists()
        qtbot.wait(800)  # the look has come and gone
        assert asked == [] and w.editor.unsaved()  # its own edits are not a crash's
    finally:
        close_window(w)


def test_saved_then_quit_leaves_nothing_in_the_recovery_folder(db_path: Path, tmp_path: Path) -> None:
    proc = _typed_in_a_process(db_path, tmp_path, "save")
    assert proc.wait(timeout=60) == 0
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "7"
    left = [p.name for p in (tmp_path / "config").rglob("recovery/*")]
    assert left == []  # no journal, and no lock file of the window that ended
