"""Tester's finding (2026-12-07): the clerk's file disappears while it is open (the USB stick is
pulled out, the folder is moved or renamed in Explorer, a share drops). Ctrl+S then says
「書き込みの権限がないため保存できませんでした（読み取り専用のファイルかフォルダです）」 (in Japanese even
with the window in English), and offers 名前を付けて保存; but 名前を付けて保存 copies the file that is no
longer there: it fails with 「…saved_as.kdesk: フォルダが見つかりません。」 (the folder chosen exists;
the source is what is missing). What the clerk typed cannot be saved anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import R2, cell, clerk_window, close_window, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window import saving
from kodaira_desk.ui.window.main_window import Answer, MainWindow

A = ValueKind.ACTUAL



def _type_in_a_kpi_cell(qtbot, w: MainWindow, value: str) -> None:  # type: ignore[no-untyped-def]
    """The clerk types `value` into indicator g1.a1.k3's 令和2年度 cell (counted in 区画) and presses Enter."""
    qtbot.waitExposed(w)
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
    type_keys(qtbot, view, value)
    press(qtbot, view, Qt.Key.Key_Return)

def test_what_was_typed_is_saved_as_elsewhere_when_the_file_has_gone(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    w: MainWindow = clerk_window(db_path, tmp_path, "産業振興課")
    asked: list[str] = []

    def ask(_title: str, text: str, *_a: object, **_k: object) -> Answer:
        asked.append(text)
        return Answer.SAVE  # 名前を付けて保存…

    w.ask = ask  # type: ignore[method-assign]
    original = w.workspace.path
    try:
        _type_in_a_kpi_cell(qtbot, w, "330")
        original.parent.rename(tmp_path / "抜いたUSB")  # the stick is pulled out
        w.save_and_wait()
        qtbot.waitUntil(lambda: w.workspace.path == mine / original.name or not w.tasks.busy, timeout=20000)
        w.tasks.wait_idle()
        copy = mine / original.name
        assert copy.exists() and copy.stat().st_size > 0  # today: the copy refused, nothing written
        assert w.workspace.path == copy
        assert saved_value(copy, "g1.a1.k3", A, R2) == "330区画"
    finally:
        close_window(w)


def _english() -> object:
    from PySide6.QtWidgets import QApplication

    from kodaira_desk.ui.i18n import Translations

    tr = Translations(QApplication.instance())  # type: ignore[arg-type]
    tr.apply("en")
    return tr


def test_the_window_in_english_says_the_file_is_gone_naming_it_and_saves_it_elsewhere(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from test_clerk import save as ctrl_s

    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    w: MainWindow = clerk_window(db_path, tmp_path, "産業振興課")
    tr = _english()
    asked: list[str] = []

    def ask(_title: str, text: str, *_a: object, **_k: object) -> Answer:
        asked.append(text)
        return Answer.SAVE

    w.ask = ask  # type: ignore[method-assign]
    original = w.workspace.path
    try:
        _type_in_a_kpi_cell(qtbot, w, "31")
        original.parent.rename(tmp_path / "moved")  # the folder moved in Explorer
        ctrl_s(qtbot, w)
        qtbot.waitUntil(lambda: w.workspace.path == mine / original.name, timeout=20000)
        w.tasks.wait_idle()
        assert len(asked) == 1, asked  # one question, not a wrong "read-only" one before it
        assert original.name in asked[0] and "no longer there" in asked[0], asked[0]
        assert "書き込みの権限" not in asked[0]
        copy = mine / original.name
        with sqlite3.connect(copy) as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert saved_value(copy, "g1.a1.k3", A, R2) == "31区画"
        assert not w.editor.unsaved()
    finally:
        tr.apply("ja")  # type: ignore[attr-defined]
        close_window(w)


def test_when_even_the_open_file_cannot_be_read_the_window_says_where_the_input_is_kept(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a, **_k: shown.append(text))
    w: MainWindow = clerk_window(db_path, tmp_path, "産業振興課")
    tr = _english()
    w.ask = lambda *_a, **_k: Answer.SAVE  # type: ignore[method-assign]
    original = w.workspace.path
    try:
        _type_in_a_kpi_cell(qtbot, w, "31")
        assert w.workspace.kept is not None
        w.workspace.kept.close()  # the stick pulled out: nothing of the file can be read any more
        w.workspace.kept = None
        original.parent.rename(tmp_path / "moved")
        w.save_and_wait()
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        w.tasks.wait_idle()
        assert "recovery journal" in shown[-1] and original.name in shown[-1], shown
        assert not (mine / original.name).exists()
        assert w.editor.unsaved()  # still typed, and in the journal
    finally:
        tr.apply("ja")  # type: ignore[attr-defined]
        close_window(w)


def test_a_write_error_of_the_store_and_of_a_file_is_said_in_english(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import errno
    import sqlite3

    from kodaira_desk.io.atomic import _failed
    from kodaira_desk.store.errors import write_error
    from kodaira_desk.ui.domain_words import message_of

    gone = _failed(Path("/x/out.kdesk"), FileNotFoundError(errno.ENOENT, "No such file"))
    readonly = write_error(tmp_path, sqlite3.OperationalError("attempt to write a readonly database"))
    assert readonly is not None
    assert "フォルダが見つかりません" in message_of(gone)
    tr = _english()
    try:
        assert message_of(gone) == "/x/out.kdesk: the folder was not found."
        assert "no permission to write" in message_of(readonly)
    finally:
        tr.apply("ja")  # type: ignore[attr-defined]
