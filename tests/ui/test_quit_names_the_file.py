"""Ctrl+Q with unsaved work: the question names the file, as a desktop application does
(「“kodaira.sqlite”への変更を保存しますか？」, in English 'Do you want to save the changes to "…"?'); キャンセル
keeps the window and what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kodaira_desk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _quit_and_cancel(qtbot, w: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """Ctrl+Q as a person presses it; the question box read and キャンセル clicked."""
    seen: list[str] = []
    before = set(w.findChildren(QMessageBox))

    tries = [0]

    def answer() -> None:
        # the window's own question (a box another test left behind is not it)
        box = next((b for b in w.findChildren(QMessageBox, "question") if b.isVisible() and b not in before), None)
        if box is None:
            tries[0] += 1
            if tries[0] < 600:
                QTimer.singleShot(50, answer)
            elif (modal := QApplication.activeModalWidget()) is not None:
                modal.close()  # never a suite left hanging on a box not found: the test fails instead
            return
        seen.append(box.text())
        cancel = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        if box.isVisible():  # (a click the loaded machine lost: the same button once more)
            cancel.click()

    w.activateWindow()  # (the box closed before may have kept the activation)
    qtbot.waitUntil(w.isActiveWindow, timeout=20000)
    QTimer.singleShot(0, answer)
    status = w.page.measure.status.lineEdit()
    qtbot.keyClick(status, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert w.isVisible() and w.isWindowModified()  # cancelled: nothing closed, nothing lost
    return seen[0]


def test_the_quit_question_names_the_file(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.page.tabs.setCurrentWidget(w.page.measure)
    status = w.page.measure.status.lineEdit()
    status.setFocus()
    status.selectAll()
    qtbot.keyClicks(status, "Done")  # 進捗状況 typed, not saved
    assert w.isWindowModified()

    name = w.workspace.name
    assert name == "kodaira.sqlite"
    text = _quit_and_cancel(qtbot, w)
    assert text.startswith(f"“{name}”への変更を保存しますか？"), text
    assert "保存していない変更があります" in text

    w.translations.apply("en")
    try:
        text = _quit_and_cancel(qtbot, w)
        assert text.startswith(f'Do you want to save the changes to "{name}"?'), text  # plain quotes in English
    finally:
        w.translations.apply("ja")
    assert status.text() == "Done"
