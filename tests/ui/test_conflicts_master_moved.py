"""競合の確認 when the master is saved again after the conflict was recorded (the tester's s29: 親 6 /
課 5 recorded, the master then typed 7): the dialog shows the master's value now, a choice made
against what is shown is applied (親の値を残す keeps the value now), and a save made while the
dialog is open is refused once, nothing written, the row read again with the value now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import CHILDREN, NAME, R2, actual, write
from test_conflicts import _conflicts, _number_conflict

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.status import round_status
from kodaira_desk.ui.window.main_window import MainWindow


def _audit(db_path: Path) -> list[tuple[str | None, str | None, str | None]]:
    db = open_database(db_path, create=False)
    try:
        return [(a["old"], a["new"], a["actor"]) for a in audit_entries(db)
                if a["field"] == CHILDREN and a["source"] == "resolution"]
    finally:
        db.dispose()


def _state(db_path: Path) -> str:
    db = open_database(db_path, create=False)
    try:
        return next(s.label for s in round_status(db, R2) if s.department == "子育て支援課")
    finally:
        db.dispose()


def test_a_master_saved_after_the_conflict_is_shown_and_kept(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)  # 親 37,000人 / 課 36,000人 recorded
    write(db_path, CHILDREN, "38,000人")  # the division types another value in the master and saves
    assert _state(db_path) == "要確認"
    dialog = _conflicts(w)
    assert dialog.model.index(0, 3).data() == "38,000人"  # 親データベース: the value now
    assert "38,000人" in dialog.master_view.toPlainText()
    assert "記録時: 37,000人 → 今: 38,000人" in dialog.base_label.text()
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)  # 親の値を残す: the value now stays
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert len(dialog.undoable) == 1
    assert dialog.model.rowCount() == 0
    assert actual(db_path, "g2.a3.k4") == "38,000人"
    assert _audit(db_path) == [("38,000人", "38,000人", NAME)]
    assert _state(db_path) != "要確認"
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)  # undone: open again against 38,000人
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 3).data() == "38,000人"
    assert actual(db_path, "g2.a3.k4") == "38,000人"


def test_a_save_while_the_dialog_is_open_is_refused_once_then_decided(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                      db_path: Path, tmp_path: Path) -> None:
    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)
    dialog = _conflicts(w)
    assert dialog.model.index(0, 3).data() == "37,000人"
    write(db_path, CHILDREN, "38,000人")  # saved while the person looks at 37,000人
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)  # 課の値を採用: refused, nothing written
    qtbot.waitUntil(lambda: not w.tasks.busy and not dialog.reading, timeout=30000)
    said = dialog.message.text()
    assert "今の値: 38,000人" in said and "読み直しました" in said, said
    assert actual(db_path, "g2.a3.k4") == "38,000人" and _audit(db_path) == []
    assert dialog.model.index(0, 3).data() == "38,000人"  # the row read again: 親 38,000人, said plainly
    assert "記録時: 37,000人 → 今: 38,000人" in dialog.base_label.text()
    assert dialog.take.isEnabled()
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)  # decided against what is shown now
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert dialog.model.rowCount() == 0
    assert actual(db_path, "g2.a3.k4") == "36,000人"
    assert _audit(db_path) == [("38,000人", "36,000人", NAME)]
    assert _state(db_path) != "要確認"
