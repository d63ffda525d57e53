"""年度の確定 in English (tester 2026-12-07, on a real X server): the question's buttons read
「Fix(S)」 and 「Do not fix」 — the Japanese way of writing a mnemonic, 「(S)」 after the word, is left on
an English button (a11y.with_mnemonic adds 「(&S)」 when the English word has no S). The same in the
'changed elsewhere' question: 「Take theirs(N)」. English buttons underline a letter of the word."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from roundkit import R2, idle

from kodaira_desk.services.database import open_database
from kodaira_desk.services.year_locks import lock_of
from kodaira_desk.ui.window.main_window import MainWindow


def read_then_escape(buttons: list[str], texts: list[str] | None = None) -> None:
    """The next question box: its buttons' (and text's) words kept, then Esc (nothing done)."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        if texts is not None:
            texts.append(box.text())
        buttons.extend(b.text() for b in box.buttons())
        box.reject()

    QTimer.singleShot(20, answer)


def is_japanese_style(button: str) -> bool:
    return re.search(r"\(&?[A-Z]\)$", button) is not None


def test_the_fix_question_buttons_have_english_mnemonics(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.translations.apply("en")
    seen: list[str] = []
    w.act_year_lock.trigger()
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

    dialog = w.findChild(YearLockDialog)
    assert dialog is not None
    dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
    dialog.year.setCurrentIndex(max(0, dialog.year.findText("令和2年度")))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    read_then_escape(seen)
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    idle(qtbot, w)
    japanese_style = [t for t in seen if is_japanese_style(t)]
    assert not japanese_style, f"English buttons written the Japanese way: {seen}"
    db = open_database(db_path, create=False)
    try:
        assert lock_of(db, "strategy-2015", R2) is None
    finally:
        db.dispose()
    dialog.close()

