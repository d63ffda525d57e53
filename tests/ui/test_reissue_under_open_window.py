"""A re-issue (`handout --again`, 配布 again) into the folder where a clerk has the department's
file open in a window. It used to replace the file: the window then saved the clerk's typing into
the new hand-out (whose base it never read, reporting rows that were gone) while it believed it had
the old one. Now:

- the hand-out refuses to replace a file a window has open (services/open_files.py), naming it,
  exit 2, nothing written (the file, the master's records);
- a window that did not say it had the file open (another computer, a window opened as the
  hand-out ran) finds another hand-out there as it saves: nothing is written into the new file;
  the typing is saved into a copy of the hand-out it opened, beside it, the window goes on there,
  and the clerk is told in Japanese, naming both files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from roundkit import R2, actual, close_window, hand_out, idle, open_window
from test_clerk import click_node, kpi_cell, save, type_in_cell

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.clerk_file import file_info
from kodaira_desk.services.database import open_database
from kodaira_desk.ui.window.main_window import MainWindow

DEPT = "産業振興課"
FARM_NAME = "市内体験農園の区画数"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def _handout_id(path: Path) -> str:
    db = open_database(path, create=False)
    try:
        info = file_info(db)
        assert info is not None
        return info.handout_id
    finally:
        db.dispose()


def _reissue(master: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """`kodaira-desk --db master handout --year R2 --out folder --department 産業振興課 --again`, as typed."""
    return subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(master), "handout", "--year", "R2",
                           "--out", str(folder), "--department", DEPT, "--again", "--yes"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "LANG": "C"})


def _type_farm(qtbot, w, text: str) -> None:  # type: ignore[no-untyped-def]
    click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    type_in_cell(qtbot, w, kpi_cell(w, FARM_NAME, ValueKind.ACTUAL, R2), text)
    assert w.isWindowModified()


@contextmanager
def _clerk_typing(qtbot, db_path: Path, tmp_path: Path) -> Iterator[tuple[Path, Path, MainWindow]]:  # type: ignore[no-untyped-def]
    """The 課's file handed out into 配布/, open in a window with 365 typed (not saved): (folder, file, window)."""
    folder = tmp_path / "配布"
    clerk = hand_out(db_path, folder, [DEPT])[DEPT]
    w = open_window(clerk)
    try:
        qtbot.waitExposed(w)
        _type_farm(qtbot, w, "365")
        yield folder, clerk, w
    finally:
        close_window(w)


def test_a_reissue_never_replaces_a_file_open_in_a_window(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        before = hashlib.sha256(clerk.read_bytes()).digest()
        ran = _reissue(db_path, folder)
        assert ran.returncode == 2, (ran.stdout, ran.stderr)
        assert clerk.name in ran.stderr and "開いている画面" in ran.stderr and "Traceback" not in ran.stderr, ran.stderr
        assert hashlib.sha256(clerk.read_bytes()).digest() == before  # not replaced
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [clerk.name]
        save(qtbot, w)  # the clerk's typing goes where it belongs
        assert actual(clerk, "g1.a1.k3") == "365区画"
    ran = _reissue(db_path, folder)  # the window closed: the hand-out goes ahead
    assert ran.returncode == 0, (ran.stdout, ran.stderr)


@pytest.mark.parametrize("how", ["save", "submit"])
def test_a_window_whose_file_was_replaced_keeps_the_typing_in_a_copy(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, how: str) -> None:
    """Ctrl+S, or ファイル > 提出用に保存 (its dialog's 保存), into a file re-issued meanwhile."""
    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        opened = _handout_id(clerk)
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        held = getattr(w.workspace, "held", None)
        if held is not None:
            held.release()  # as a window on another computer: it said nothing beside the file
        ran = _reissue(db_path, folder)
        assert ran.returncode == 0, (ran.stdout, ran.stderr)
        reissued = _handout_id(clerk)
        assert reissued != opened
        if how == "save":
            save(qtbot, w)  # Ctrl+S
        else:
            from kodaira_desk.ui.round.submit_dialog import SubmitDialog

            w.act_submit.trigger()
            dialog = w.findChild(SubmitDialog)
            assert dialog is not None
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        idle(qtbot, w)
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        copy = w.workspace.path
        assert copy != clerk and copy.parent == folder and copy.exists(), copy
        # the new hand-out is untouched; the typing is in the copy of the one the window opened
        assert actual(clerk, "g1.a1.k3") is None and _handout_id(clerk) == reissued
        assert actual(copy, "g1.a1.k3") == "365区画" and _handout_id(copy) == opened
        assert clerk.name in told[0] and copy.name in told[0] and "配布し直した" in told[0], told
        assert not w.isWindowModified() and w.clerk is not None and w.clerk.handout_id == opened
        _type_farm(qtbot, w, "366")  # the window goes on in the copy
        save(qtbot, w)
        assert actual(copy, "g1.a1.k3") == "366区画" and actual(clerk, "g1.a1.k3") is None


def test_typing_a_killed_window_left_is_offered_into_the_reissued_file(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """kill -9 of the clerk's window with 365 typed, then a re-issue into the folder: opening the
    new file offers the typing back, saying it was typed into the earlier hand-out (it was set aside
    as 'could not be read' before); restored and saved, it is in the new file."""
    from recovery_helpers import crashed
    from test_recovery_journal import _window_on

    from kodaira_desk.ui.window.main_window import Answer

    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        crashed(w)
        ran = _reissue(db_path, folder)
        assert ran.returncode == 0, (ran.stdout, ran.stderr)
        asked: list[str] = []
        told: list[str] = []
        again = _window_on(clerk, Answer.SAVE, asked, told)  # 復元する
        try:
            qtbot.waitUntil(lambda: bool(asked), timeout=20000)
            assert "配布し直した" in asked[0] and "1 件" in asked[0] and not told, (asked, told)
            assert again.save_and_wait()
            assert actual(clerk, "g1.a1.k3") == "365区画"
        finally:
            close_window(again)


def test_where_no_copy_can_be_made_the_typing_stays_in_the_window_and_is_said(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    """Windows keeps no connection open on the file (Workspace.kept): the replaced hand-out cannot be
    copied. Nothing is written into the new file, the typing stays (unsaved, in the journal), and
    the clerk is told why, without an internal identity in the words."""
    with _clerk_typing(qtbot, db_path, tmp_path) as (folder, clerk, w):
        told: list[str] = []
        w.tell = lambda _title, text: told.append(text)  # type: ignore[method-assign]
        w.workspace.held.release()
        w.workspace.kept.close()
        w.workspace.kept = None  # as on Windows
        assert _reissue(db_path, folder).returncode == 0
        save(qtbot, w)
        idle(qtbot, w)
        qtbot.waitUntil(lambda: bool(told), timeout=20000)
        assert "写しも作れませんでした（開いていた配布のファイルはもう読めません）" in told[0], told
        assert clerk.name in told[0] and "入力はこの画面に残っています" in told[0], told
        assert w.isWindowModified() and w.workspace.path == clerk and actual(clerk, "g1.a1.k3") is None
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [clerk.name]
        # every later save fails so, and 保存しない (then the only way to close) empties the journal:
        # the typing is written down in words beside the journals, and said where
        from kodaira_desk.ui.window.main_window import Answer

        written = sorted(w.settings.recovery_folder().glob("*.保存できなかった入力.*.txt"))
        assert written and "365" in written[-1].read_text(encoding="utf-8") and written[-1].name in told[0], told
        w.ask = lambda *_a, **_k: Answer.DISCARD  # type: ignore[method-assign]
        w.close()
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
        assert "365" in written[-1].read_text(encoding="utf-8")


def test_the_handout_dialog_says_the_file_open_in_another_window_in_english(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    """The policy division's 配布 dialog, 再配布 answered yes, while a clerk's window in another
    process has the file open: nothing handed out, the refusal said in the window's language."""
    from roundkit import open_handout, press_make, tick_only

    folder = tmp_path / "配布"
    clerk = hand_out(db_path, folder, [DEPT])[DEPT]
    before = hashlib.sha256(clerk.read_bytes()).digest()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path\n"
                               "from kodaira_desk.services.open_files import hold\n"
                               "h = hold(Path(sys.argv[1])); print('held' if h else 'no', flush=True); time.sleep(120)",
                               str(clerk)], stdout=subprocess.PIPE, text=True)
    w = open_window(db_path)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w)
        tick_only(qtbot, dialog, DEPT)
        w.translations.apply("en")
        press_make(qtbot, dialog, folder, lambda _title, _text: True)  # yes to every question (再配布)
        said = dialog.result_label.text()
        assert not dialog.made and clerk.name in said and "a window has the department file open" in said, said
        dialog.close()
    finally:
        holder.kill()
        holder.wait()
        w.translations.apply("ja")
        close_window(w)
    assert hashlib.sha256(clerk.read_bytes()).digest() == before
