"""名前を付けて保存 (Ctrl+Shift+S) from a department file damaged while it was open (reviewer: the copy
carried its bad pages, and what was typed was saved into that copy — a damaged file handed on,
refused later at collection with the clerk's work in it). The copy is refused: nothing is written
where the person chose, the window says so naming the file, and every typed value is kept — in the
window, in the recovery journal, and written down in words beside the journals. A sound file is
still copied and the typed value saved there (the copy read whole first)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from grid_helpers import R2, clerk_window, close_window, saved_value
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from test_open_damaged_file import damage_pages
from test_quit_after_save_as import _settings  # noqa: F401 (the test's own settings and recovery folder)
from test_tester_file_gone import _type_in_a_kpi_cell

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window import saving

A = ValueKind.ACTUAL
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _read_then_enter(seen: list[str]) -> None:
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(30, look)
            return
        seen.append(box.text())
        box.accept()  # (OK)

    QTimer.singleShot(30, look)


@pytest.mark.parametrize(("damaged", "language"), [(True, "ja"), (True, "en"), (False, "ja")])
def test_save_as_of_a_file_damaged_while_open_copies_nothing_and_keeps_the_typed_value(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool, language: str) -> None:
    mine = tmp_path / "手元"
    mine.mkdir()
    monkeypatch.setattr(saving, "choose_place", lambda _w, suggested: mine / suggested.name)
    w = clerk_window(db_path, tmp_path, "産業振興課")
    original = w.workspace.path
    copy = mine / original.name
    try:
        _type_in_a_kpi_cell(qtbot, w, "330")  # (g1.a1.k3's 令和2年度, Enter)
        view = w.page.kpi.view
        if damaged:
            damage_pages(original)  # a bad sector, a tool writing into it, while it is open
        if language == "en":
            w.translations.apply("en")
        seen: list[str] = []
        if damaged:
            _read_then_enter(seen)
        qtbot.keyClick(view, Qt.Key.Key_S, CTRL_SHIFT)
        qtbot.waitUntil(lambda: (bool(seen) if damaged else w.workspace.path == copy) and not w.tasks.busy,
                        timeout=30000)
        w.tasks.wait_idle()
        if not damaged:
            assert saved_value(copy, "g1.a1.k3", A, R2) == "330区画"
            con = sqlite3.connect(copy)
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
            return
        assert not copy.exists() and not [p for p in mine.iterdir()]  # nothing handed on, no temporary left
        damaged_said, not_saved = (("壊れた", "名前を付けて保存しませんでした") if language == "ja"
                                   else ("was damaged while it was open", "was not saved under another name"))
        assert original.name in seen[0] and damaged_said in seen[0], seen
        assert (f"「{mine}」には何も書き込んでいません" if language == "ja" else f"Nothing was written to \"{mine}\"") in seen[0]
        assert "330" in seen[0]  # what was typed, said
        if language == "en":
            assert "The 1 value you entered is not lost" in seen[0], seen
        assert w.workspace.path == original and w.editor.unsaved()  # still there to be typed elsewhere
        assert not_saved in w.statusBar().currentMessage()
        folder = w.settings.recovery_folder()
        written = [p for p in folder.glob("*.txt")]
        assert len(written) == 1 and written[0].name in seen[0], (written, seen)
        assert "330" in written[0].read_text(encoding="utf-8") and "市内体験農園の区画数" in written[0].read_text(encoding="utf-8")
        journals = [p for p in folder.glob("*.journal")]
        assert any("330" in p.read_text(encoding="utf-8") for p in journals)  # the journal holds it too
    finally:
        if language == "en":
            w.translations.apply("ja")
        close_window(w)
