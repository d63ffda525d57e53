"""A department file opened from a folder it cannot be saved in (a CD's copy, a share without write
permission): the clerk is told as it opens, in Japanese naming the folder, and 名前を付けて保存
puts the file where they can write; what they then type is saved there.

The folder's answer is the service's (services/file_place.py) made to say EACCES: the tests run as
root, whom a folder's mode does not stop; the try itself is tested as an ordinary user in
tests/io/test_writable.py."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from grid_helpers import R2, cell, clerk_window, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services import file_place
from kodaira_desk.ui.window import saving
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A = ValueKind.ACTUAL


@pytest.fixture
def unwritable_handouts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The hand-out folder answers as a share without write permission does."""
    folder = tmp_path / "配布"

    def cannot(path: Path) -> OSError | None:
        return PermissionError(errno.EACCES, "Permission denied") if path.parent == folder else None

    monkeypatch.setattr(file_place, "cannot_save_in_place", cannot)
    return folder


@pytest.fixture
def unwritable(unwritable_handouts: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-out folder answers as a share without write permission does: its look, and the save."""
    from kodaira_desk.services.workspace import Workspace

    real_save = Workspace.save

    def save(self: Workspace, *args: object, **kwargs: object) -> object:
        if self.path.parent == unwritable_handouts:  # what SQLite meets there
            raise OSError(errno.EACCES, "書き込みの権限がないため保存できませんでした")
        return real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "save", save)
    return unwritable_handouts


def _opened(db_path: Path, tmp_path: Path, answer: Answer, asked: list[str]) -> MainWindow:
    w = clerk_window(db_path, tmp_path, "産業振興課")
    w.settings.user_name = "産業振興課 試験"

    def ask(_title: str, text: str, *_a: object, **_k: object) -> Answer:
        asked.append(text)
        return answer

    w.ask = ask  # type: ignore[method-assign]  (before the look: it comes 300 ms after opening)
    return w


def test_told_at_opening_and_saved_as_where_one_can_write(
        qtbot, db_path: Path, tmp_path: Path, unwritable_handouts: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "手元"
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    asked: list[str] = []
    w = _opened(db_path, tmp_path, Answer.SAVE, asked)  # 名前を付けて保存...
    original = w.workspace.path
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert f"「{unwritable_handouts}」には書き込めないため（書き込みの権限がありません）" in asked[0]
        assert f"「{original.name}」に保存できません" in asked[0]
        qtbot.waitUntil(lambda: w.workspace.path == mine / original.name, timeout=20000)
        assert w.clerk is not None and w.clerk.department == "産業振興課"  # the same department file
        view = open_kpi(w, "strategy-2015", "g1.a1")
        view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
        type_keys(qtbot, view, "330")
        press(qtbot, view, Qt.Key.Key_Return)
        assert w.save_and_wait()
        qtbot.wait(500)  # the copy's own look: nothing to say, it can be written
        assert len(asked) == 1
    finally:
        close_window(w)
    assert saved_value(mine / original.name, "g1.a1.k3", A, R2) == "330区画"
    assert saved_value(original, "g1.a1.k3", A, R2) != "330区画"  # the CD's copy as it was


def test_opened_as_it_is_the_status_line_says_it_cannot_be_saved(
        qtbot, db_path: Path, tmp_path: Path, unwritable_handouts: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    w = _opened(db_path, tmp_path, Answer.CANCEL, asked)  # このまま開く (Esc)
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        assert str(unwritable_handouts) in w.statusBar().currentMessage()
        assert w.workspace.path.parent == unwritable_handouts
    finally:
        close_window(w)


def test_a_writable_folder_is_not_mentioned(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    w = _opened(db_path, tmp_path, Answer.SAVE, asked)
    try:
        qtbot.wait(1000)
        assert asked == []
    finally:
        close_window(w)


def test_a_save_that_fails_there_offers_save_as_and_takes_the_edits_along(
        qtbot, db_path: Path, tmp_path: Path, unwritable: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    failed: list[str] = []
    monkeypatch.setattr(saving, "on_op_failed", lambda _w, _name, exc: failed.append(str(exc)))
    mine = tmp_path / "手元"
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    asked: list[str] = []
    answers = iter([Answer.CANCEL, Answer.SAVE])  # このまま開く; then, after the failed save, 名前を付けて保存
    w = _opened(db_path, tmp_path, Answer.SAVE, asked)

    def ask(_title: str, text: str, *_a: object, **_k: object) -> Answer:
        asked.append(text)
        return next(answers)

    w.ask = ask  # type: ignore[method-assign]
    original = w.workspace.path
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=20000)
        view = open_kpi(w, "strategy-2015", "g1.a1")
        view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
        type_keys(qtbot, view, "330")
        press(qtbot, view, Qt.Key.Key_Return)
        assert not w.save_and_wait()
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=20000)
        assert failed and "入力はそのまま残っています" in asked[1] and str(unwritable) in asked[1]
        qtbot.waitUntil(lambda: w.workspace.path == mine / original.name and w.tasks.idle, timeout=20000)
        qtbot.waitUntil(lambda: not w.editor.unsaved(), timeout=20000)  # the edits went along, saved there
    finally:
        close_window(w)
    assert saved_value(mine / original.name, "g1.a1.k3", A, R2) == "330区画"


def test_save_as_takes_unsaved_grading_settings_along(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """名前を付けて保存 carried the typed cells and red cells but not a threshold changed and not
    saved (editor.set_setting): it was in neither window nor journal. It is saved there too."""
    from decimal import Decimal

    from kodaira_desk.domain.achievement import Thresholds
    from kodaira_desk.services.grading_edits import ThresholdsSetting

    w = window
    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    new = Thresholds(Decimal(90), Decimal(70))
    assert w.editor.set_setting(ThresholdsSetting(), new, "達成の基準")
    original = w.workspace.path
    saving.save_as(w)
    qtbot.waitUntil(lambda: w.workspace.path == mine / original.name and w.tasks.idle, timeout=20000)
    qtbot.waitUntil(lambda: not w.editor.unsaved(), timeout=20000)  # saved there
    assert w.editor.setting(ThresholdsSetting()) == new
    assert w.workspace.stored_grading("").thresholds == new  # (as the copy now holds it)


@pytest.mark.parametrize("copy_journal_written", [True, False])
def test_save_as_leaves_the_originals_journal_until_the_copys_holds_the_edits(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        copy_journal_written: bool) -> None:
    """名前を付けて保存 emptied the original's journal as the copy opened, before the edits were
    written to the copy's: a kill -9 in between (or a copy's journal that cannot be written) lost
    them. The original's journal goes only once the copy's holds them durably."""
    import json

    from recovery_helpers import journal_files

    from kodaira_desk.services.recovery_journal import Journal

    w = window
    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    monkeypatch.setattr(saving, "save", lambda _w, overwrite=False: None)  # killed before the copy's save
    real_append = Journal.write_append

    def append(self: Journal, edits: dict[str, str | None]) -> None:
        if not copy_journal_written and self.location != str(original.absolute()):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_append(self, edits)

    monkeypatch.setattr(Journal, "write_append", append)
    original = w.workspace.path
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
    type_keys(qtbot, view, "330")
    press(qtbot, view, Qt.Key.Key_Return)
    saving.save_as(w)
    qtbot.waitUntil(lambda: w.workspace.path == mine / original.name and w.tasks.idle, timeout=20000)
    holding = {json.loads(p.read_text("utf-8").splitlines()[0])["location"]
               for p in journal_files(w) if "g1.a1.k3" in p.read_text("utf-8")}
    copy = str((mine / original.name).absolute())
    assert holding == ({copy} if copy_journal_written else {str(original.absolute())})
