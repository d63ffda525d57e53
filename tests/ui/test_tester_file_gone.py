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
        qtbot.waitExposed(w)
        view = open_kpi(w, "strategy-2015", "g1.a1")
        view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
        type_keys(qtbot, view, "330")
        press(qtbot, view, Qt.Key.Key_Return)
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
