"""Questions with two real answers offer two buttons (reviewer: 添付ファイルの削除 showed 外す / 外さない /
キャンセル, and the file-gone and read-only-place questions 名前を付けて保存… / あとで / キャンセル, the
third doing what the second does). Each button has its Alt+letter, in Japanese 「(&R)」 and in English
a letter of its word; Esc gives the safe answer. The real boxes, answered by keys; then the database
or the file read."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import R2, clerk_window, close_window, press, saved_value
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import FARM, idle
from test_notes_window import FARM_NAME, PDF, _annotations, _notes_dialog, _to_farm
from test_quit_after_save_as import _settings  # noqa: F401 (the test's own settings and recovery folder)
from test_read_only_folder import unwritable, unwritable_handouts  # noqa: F401 (fixtures)
from test_tester_file_gone import _type_in_a_kpi_cell

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL
ALT = Qt.KeyboardModifier.AltModifier


def _answer(seen: list[tuple[str, list[str]]], key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            ) -> None:
    """The next question box: its text and buttons kept, then `key` pressed on it as a person does."""
    from PySide6.QtTest import QTest

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(30, look)
            return
        if not box.isActiveWindow():  # (its keys reach it once it is the active window)
            box.activateWindow()
            QTimer.singleShot(30, look)
            return
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        QTest.keyClick(box, key, mods)

    QTimer.singleShot(30, look)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_removing_an_attachment_asks_remove_or_keep(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    language: str) -> None:
    w = window
    _to_farm(qtbot, w)
    pdf = tmp_path / "区画台帳.pdf"
    pdf.write_bytes(PDF)
    dialog = _notes_dialog(qtbot, w)
    dialog.choose_files = lambda: [pdf]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert [a.name for a in _annotations(w.db.path).attachments_on(FARM)] == ["区画台帳.pdf"]
    if language == "en":
        w.translations.apply("en")
    dialog.files.setCurrentRow(0)
    seen: list[tuple[str, list[str]]] = []
    _answer(seen, Qt.Key.Key_Escape)  # the safe answer
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    idle(qtbot, w)
    expected = ["外す(&R)", "外さない(&K)"] if language == "ja" else ["&Remove", "&Keep"]
    assert sorted(seen[0][1]) == sorted(expected), seen
    assert [a.name for a in _annotations(w.db.path).attachments_on(FARM)] == ["区画台帳.pdf"]  # kept
    _answer(seen, Qt.Key.Key_R, ALT)  # 外す, by its letter
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20000)
    idle(qtbot, w)
    assert not _annotations(w.db.path).attachments_on(FARM)  # removed
    dialog.reject()
    assert FARM_NAME


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_file_gone_question_offers_save_as_or_later(qtbot, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         language: str) -> None:
    w = clerk_window(db_path, tmp_path, "産業振興課")
    original = w.workspace.path
    try:
        _type_in_a_kpi_cell(qtbot, w, "330")  # (g1.a1.k3's 令和2年度, Enter)
        view = w.page.kpi.view
        if language == "en":
            w.translations.apply("en")
        original.parent.rename(tmp_path / "抜いたUSB")  # the stick is pulled out
        seen: list[tuple[str, list[str]]] = []
        _answer(seen, Qt.Key.Key_Escape)
        press(qtbot, view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(seen) and not w.tasks.busy, timeout=20000)
        expected = ["名前を付けて保存...(&S)", "あとで(&L)"] if language == "ja" else ["&Save As...", "&Later"]
        assert sorted(seen[0][1]) == sorted(expected), seen
        assert w.editor.unsaved() and w.workspace.path == original  # later: nothing lost, nowhere else
        (tmp_path / "抜いたUSB").rename(original.parent)  # the stick back in
        assert saved_value(original, "g1.a1.k3", A, R2) != "330区画"
    finally:
        if language == "en":
            w.translations.apply("ja")
        close_window(w)


def test_opening_a_file_in_a_read_only_place_offers_save_as_or_open_as_it_is(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, unwritable: Path) -> None:  # noqa: F811 (the fixture)
    seen: list[tuple[str, list[str]]] = []
    _answer(seen, Qt.Key.Key_Escape)
    w = clerk_window(db_path, tmp_path, "産業振興課")
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=20000)
        assert "このまま入力しても" in seen[0][0]
        assert sorted(seen[0][1]) == sorted(["名前を付けて保存...(&S)", "このまま開く(&O)"]), seen
        assert w.workspace.path.parent == unwritable  # opened as it is
    finally:
        close_window(w)
