"""A deadline and 課長確認 set in the 配布 dialog are audited with who handed out (review item 3): the
name is asked before the dialog opens and the round's settings rows carry it; declined, the
computer's login name (never an empty 担当者)."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from roundkit import close_window, open_handout, open_window, press_make, tick_only

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.mark.parametrize("typed", ["政策課 山田", None])
def test_a_deadline_set_in_the_handout_dialog_is_audited_with_who_handed_out(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path, typed: str | None) -> None:
    w = open_window(db_path, name=None)
    asked: list[str] = []

    def answered(title: str, _label: str, _text: str = "") -> str | None:
        asked.append(title)
        return typed  # None: キャンセル

    w.ask_text = answered  # type: ignore[method-assign]
    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w)
        tick_only(qtbot, dialog, "産業振興課")
        box = dialog.round_box
        if not box.has_deadline.isChecked():
            box.has_deadline.setFocus()
            qtbot.keyClick(box.has_deadline, Qt.Key.Key_Space)
        box.date.setDate(QDate(2026, 12, 25))
        if not box.head_check.isChecked():
            box.head_check.setFocus()
            qtbot.keyClick(box.head_check, Qt.Key.Key_Space)
        assert box.deadline() is not None and box.head_check_required()
        # a year that has passed (the city is in 令和8年度): handed out all the same
        press_make(qtbot, dialog, tmp_path / "配布", lambda *_a: True)
        assert dialog.made, dialog.result_label.text()
        dialog.close()
        db = open_database(db_path, create=False)
        try:
            rows = [(a["field"], a["new"], a["actor"]) for a in audit_entries(db, "round:2020:")]
        finally:
            db.dispose()
        fields = {f for f, _new, _actor in rows}
        assert {"round:2020:deadline", "round:2020:head_check"} <= fields, rows
        assert {actor for _f, _new, actor in rows} == {typed or getpass.getuser()}, rows
        assert asked == ["担当者名"]  # once, before the dialog opened
    finally:
        close_window(w)
