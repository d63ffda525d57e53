"""Enter in 回収状況と取り込み (the tester at Xvfb, 2026-12-07): with the board's row chosen, Enter
opened 提出期限・課長確認 — the first of the window's buttons took Enter, not the one a person expects.
Enter closes the window (閉じる is its default button), and opens no other dialog; Alt+D still opens
提出期限・課長確認."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from kodaira_desk.ui.round.year_dialogs import RoundSettingsDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _settings_dialogs() -> list[RoundSettingsDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, RoundSettingsDialog) and w.isVisible()]


def test_enter_in_the_collection_window_closes_it_and_opens_nothing_else(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board and not window.tasks.busy, timeout=30000)
    collect.table.setFocus()
    qtbot.keyClick(collect.table, Qt.Key.Key_Down)
    qtbot.keyClick(collect.table, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert not _settings_dialogs(), "Enter opened 提出期限・課長確認"
    assert not isValid(collect) or not collect.isVisible()  # closed (and freed)


def test_alt_d_still_opens_the_deadline_settings(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board and not window.tasks.busy, timeout=30000)
    seen: list[str] = []

    def answer() -> None:
        dialogs = _settings_dialogs()
        if not dialogs:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialogs[0].windowTitle())
        dialogs[0].reject()

    QTimer.singleShot(20, answer)
    collect.table.setFocus()
    qtbot.keyClick(collect.table, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert collect.isVisible()
    collect.close()
