"""年度の確定: a plan or year chosen while 確定 runs is the one shown when it ends (review 2, item 2).
The lock's own read (of the year it locked) was shown over the newer choice: the box said 令和3年度
while the state, the buttons and the correction's fields were 令和6年度's."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from roundkit import idle

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.window_api import Answer

WAIT = 30000


def test_a_year_chosen_while_the_lock_runs_shows_its_own_state_and_fields(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    dialog = w.show_year_lock()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    monkeypatch.setattr(w, "ask", lambda *a, **k: Answer.SAVE)  # 確定する
    monkeypatch.setattr(w, "ask_name", lambda *a, **k: None)
    chosen = threading.Event()
    lock_year = w.workspace.lock_year

    def held_lock_year(*args: Any) -> Any:  # the lock runs until the person has chosen another year
        chosen.wait(WAIT / 1000)
        return lock_year(*args)

    monkeypatch.setattr(w.workspace, "lock_year", held_lock_year)
    locked = dialog.fiscal_year
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    assert w.tasks.busy
    dialog.year.setCurrentIndex(0)  # another year while the lock runs
    shown = dialog.fiscal_year
    assert shown != locked
    chosen.set()
    qtbot.waitUntil(lambda: not w.tasks.busy and not dialog.reading, timeout=WAIT)
    idle(qtbot, w)
    assert dialog.year.currentText() == shown.era_label()
    assert dialog.state.text().startswith("未確定")  # 令和3年度 is not locked: its own state
    assert dialog.lock_button.isEnabled() and not dialog.correct_button.isEnabled()
    years = {FieldKey.parse(dialog.field.itemData(i)).year for i in range(dialog.field.count())}
    assert years == {shown.year}
    assert dialog.message.text() == f"{locked.era_label()}を確定しました。"
    dialog.year.setCurrentIndex(dialog.year.findData(locked.year))  # the locked year: locked indeed
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert dialog.state.text().startswith("確定済み") and dialog.correct_button.isEnabled()

