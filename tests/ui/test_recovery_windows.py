"""The recovery journal with more than one window and more than valid values: each edit is written
by the journal's own thread (the GUI thread never waits for the disk), a paste is one sync; two
windows on one file never offer or delete each other's edits; a red cell's typed text survives a
crash as red text."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from grid_helpers import CTRL, R1, R2, cell, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from recovery_helpers import crashed, journal_files, own_journal
from test_recovery_journal import _window_on

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A = ValueKind.ACTUAL


def _typed(qtbot, w: MainWindow, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, key, A, R2))
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def test_edits_are_synced_off_the_gui_thread_and_a_paste_is_one_sync(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(threading.current_thread().name)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    _typed(qtbot, w, "g1.a1.k1", "7")
    assert own_journal(w).flush()
    assert synced and threading.main_thread().name not in synced  # typing never waits for the disk
    synced.clear()
    view = w.page.kpi.view
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R1))
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n5\t6\r\n")  # six cells
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert own_journal(w).flush()
    assert len(synced) == 1 and synced[0] != threading.main_thread().name, synced
    lines = own_journal(w).path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and len(json.loads(lines[2])["edits"]) == 6  # header, the typed value, the paste whole


def test_two_windows_on_one_file_never_offer_or_delete_each_others_edits(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed(qtbot, w, "g1.a1.k1", "7")  # not saved: the first window is still open
    asked: list[str] = []
    other = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.wait(800)  # the look has come and gone
        assert asked == [] and not other.editor.unsaved()  # not this window's edits, and not a crash's
        _typed(qtbot, other, "g1.a1.k2", "8")
        assert other.save_and_wait()
        assert own_journal(other).flush()
        assert saved_value(db_path, "g1.a1.k2", A, R2) == "8%"
    finally:
        close_window(other)
    kept = own_journal(w)
    assert kept.flush() and kept.exists()  # the other window's save left this window's journal alone
    assert "g1.a1.k1" in kept.path.read_text(encoding="utf-8")

    crashed(w)  # the first window's process dies; the file is opened again
    asked.clear()
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "1 件" in asked[0], asked  # its own edit, not the other window's saved one
        assert again.save_and_wait()
        assert saved_value(db_path, "g1.a1.k1", A, R2) == "7人"
        assert own_journal(again).flush()
    finally:
        close_window(again)
    assert journal_files(w) == []


def test_a_red_cells_typed_text_survives_a_crash_as_red_text(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _typed(qtbot, w, "g1.a1.k3", "1,2345区画x")  # cannot be read: a red cell
    assert w.editor.drafts
    crashed(w)
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "1 件" in asked[0], asked
        restored = [(c.target, c.text) for c in again.editor.invalid_cells()]
        assert [t for _c, t in restored] == ["1,2345区画x"]  # red again, as typed
        assert again.isWindowModified()
    finally:
        close_window(again)


def test_unsaved_grading_settings_survive_a_crash(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from kodaira_desk.domain.achievement import Direction, Thresholds
    from kodaira_desk.services.grading_edits import DirectionSetting, ThresholdsSetting

    w = window
    thresholds, lower = ThresholdsSetting(), DirectionSetting("strategy-2015", "g1.a1.k1")
    assert w.editor.set_setting(thresholds, Thresholds(Decimal(90), Decimal(70)), "達成の基準")
    assert w.editor.set_setting(lower, Direction.LOWER, "低いほど良い")
    crashed(w)
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert "2 件" in asked[0], asked
        assert again.editor.setting(thresholds) == Thresholds(Decimal(90), Decimal(70))
        assert again.editor.setting(lower) is Direction.LOWER and again.editor.unsaved()
        assert again.save_and_wait()
        stored = again.workspace.stored_grading("strategy-2015")
        assert stored.thresholds == Thresholds(Decimal(90), Decimal(70))
        assert stored.direction("g1.a1.k1") is Direction.LOWER
    finally:
        close_window(again)
    assert journal_files(w) == []


def test_edits_restored_onto_a_full_disk_stay_in_the_old_journal_and_the_failure_is_said(
        qtbot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The offer's 復元する on a disk that has just filled up: the restored edits are in the window
    only, as the new journal's write failed. The flush counted the write as done and the old
    journal was removed: a kill -9 then lost them. The old journal stays (offered again), and the
    person is told at once, naming the file."""
    import errno

    from kodaira_desk.services import recovery_journal

    w = window
    _typed(qtbot, w, "g1.a1.k1", "7")
    crashed(w)
    folder = w.settings.recovery_folder()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery_journal.Journal, "write_append", full)
    monkeypatch.setattr(recovery_journal.Journal, "write_rewrite", full)
    asked: list[str] = []
    again = _window_on(db_path, Answer.SAVE, asked, [])
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        qtbot.waitUntil(lambda: "復旧用の記録を書けませんでした" in again.statusBar().currentMessage(), timeout=5000)
        assert "「kodaira.sqlite」" in again.statusBar().currentMessage()
        assert again.editor.unsaved()  # restored into the window
        assert [p for p in folder.glob("*.journal") if "g1.a1.k1" in p.read_text("utf-8")]
    finally:
        again.editor.discard()
        close_window(again)


def test_a_logout_cancelled_leaves_the_window_asking_before_edits_go(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Logout's commitDataRequest kept the edits and told the window the session ends; another
    program cancelled the logout and the window went on believing it: opening another file then
    asked nothing and emptied the journal, the edits nowhere. It only makes them durable."""
    import shutil

    from PySide6.QtWidgets import QApplication

    from kodaira_desk.ui.window import recovery

    w = window
    _typed(qtbot, w, "g1.a1.k1", "7")
    recovery.commit_data(QApplication.instance())  # type: ignore[arg-type]
    assert any("g1.a1.k1" in p.read_text("utf-8") for p in journal_files(w))
    other = tmp_path / "other.sqlite"
    shutil.copyfile(db_path, other)  # the logout is cancelled; the person opens another file
    asked: list[str] = []
    w.ask = lambda _t, text, *_a, **_k: asked.append(text) or Answer.CANCEL  # type: ignore[method-assign]
    assert not w.open_path(other) and asked
    assert w.editor.unsaved() and any("g1.a1.k1" in p.read_text("utf-8") for p in journal_files(w))
