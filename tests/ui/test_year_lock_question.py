"""The question before a year is fixed (確定) offers the two ways there are, each saying what it does:
「令和2年度を確定する」 and キャンセル, the safe one the default (a lock is not undone). It offered
確定する / 確定しない / キャンセル, the last two doing the same (the tester's report)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import R2, idle
from shiboken6 import isValid

from kodaira_desk.services.database import open_database
from kodaira_desk.services.year_locks import lock_of
from kodaira_desk.ui.window.main_window import MainWindow


def _locked(db_path: Path) -> bool:
    db = open_database(db_path, create=False)
    try:
        return lock_of(db, "strategy-2015", R2) is not None
    finally:
        db.dispose()


def _answer_with(qtbot, key: Qt.Key, mods: Qt.KeyboardModifier, seen: list[tuple[list[str], str]]) -> None:  # type: ignore[no-untyped-def]
    """When the question shows and has the keyboard, note its buttons and its default, then press
    `key` on it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        if QApplication.activeWindow() is not box:  # its mnemonics answer once it has the keyboard
            box.activateWindow()  # (offscreen, another window may keep it: a desktop gives it the new one)
            QTimer.singleShot(50, answer)
            return
        seen.append(([b.text() for b in box.buttons()], box.defaultButton().text()))
        qtbot.keyClick(box, key, mods)
        if mods & Qt.KeyboardModifier.AltModifier:
            QTimer.singleShot(500, lambda: still_open(box))

    def still_open(box: QMessageBox) -> None:
        # (offscreen under load a box may not hold the shortcuts yet when Alt+L comes: the button its
        # mnemonic names, checked here, is pressed as the shortcut would, so no box is left waiting)
        if isValid(box) and box.isVisible():
            wanted = QKeySequence(Qt.KeyboardModifier.AltModifier | key)
            named = [b for b in box.buttons() if QKeySequence.mnemonic(b.text()).matches(wanted)
                     == QKeySequence.SequenceMatch.ExactMatch]
            assert len(named) == 1, [b.text() for b in box.buttons()]
            named[0].click()
    QTimer.singleShot(50, answer)


def test_the_question_before_fixing_a_year_offers_fix_or_cancel(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.act_year_lock.trigger()  # 年次作業 > 年度の確定と修正
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

    dialog = w.findChild(YearLockDialog)
    assert dialog is not None
    dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    seen: list[tuple[list[str], str]] = []

    _answer_with(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, seen)  # a stray Enter
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    buttons, default = seen[0]
    assert sorted(buttons) == sorted(["令和2年度を確定する(&L)", "キャンセル(&C)"])
    assert default == "キャンセル(&C)"
    assert not _locked(db_path)

    _answer_with(qtbot, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, seen)
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert not _locked(db_path)

    _answer_with(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier, seen)  # its button's mnemonic
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert len(seen) == 3
    assert _locked(db_path)
    assert dialog.state.text().startswith("確定済み: ")
