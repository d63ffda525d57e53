"""Fixing a year while 課 still owe their file: the confirmation names them (their late values would
be held, not applied), and answering 確定しない fixes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import R2, hand_out, idle

from kodaira_desk.services.database import open_database
from kodaira_desk.services.year_locks import lock_of
from kodaira_desk.ui.window.main_window import Answer, MainWindow


def test_the_confirmation_names_the_departments_still_owing_their_file(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hand_out(db_path, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    w = window
    asked: list[str] = []

    def ask(_title: str, text: str, *_a: object, careful: bool = False) -> Answer:
        asked.append(text)
        return Answer.CANCEL  # 確定しない

    w.ask = ask  # type: ignore[method-assign]
    w.act_year_lock.trigger()
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

    dialog = w.findChild(YearLockDialog)
    assert dialog is not None
    dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert len(asked) == 1
    assert "まだ提出用ファイルが返っていない課があります: 子育て支援課（未返却）、産業振興課（未返却）" in asked[0]
    assert "確定しますか" in asked[0]
    db = open_database(db_path, create=False)
    try:
        assert lock_of(db, "strategy-2015", R2) is None  # 確定しない: nothing fixed
    finally:
        db.dispose()
