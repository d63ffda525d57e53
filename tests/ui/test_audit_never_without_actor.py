"""The audit's 担当者 is never empty (tester): the name is asked before the first action that records
it, the hand-out and the plan editor (次期計画を作成) included; declined (Enter on an empty field, or
キャンセル), the audit records the computer's login name."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from roundkit import CHILDREN, close_window, hand_out, open_window, write

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_a_declined_name_records_the_login_name(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_round_window import _wait

    files = hand_out(db_path, tmp_path / "handout", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    w = open_window(db_path, name=None)
    asked: list[str] = []

    def declined(title: str, _label: str, _text: str = "") -> None:
        asked.append(title)
        return None  # キャンセル (or Enter on an empty field: the same to the window)

    w.ask_text = declined  # type: ignore[method-assign]
    try:
        qtbot.waitExposed(w)
        collect = w.show_collect()
        assert collect is not None
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        collect.add_files([files["子育て支援課"]])
        _wait(qtbot, w)
        collect.close()
        assert asked == ["担当者名"]
        db = open_database(db_path, create=False)
        try:
            actors = {a["actor"] for a in audit_entries(db) if a["field"] == CHILDREN}
        finally:
            db.dispose()
        assert actors == {getpass.getuser()}
    finally:
        close_window(w)


@pytest.mark.parametrize("action", ["act_handout", "act_plan_editor"])
def test_the_name_is_asked_before_a_hand_out_and_the_plan_editor(qtbot, db_path: Path, action: str) -> None:  # type: ignore[no-untyped-def]
    w = open_window(db_path, name=None)
    asked: list[str] = []

    def answered(title: str, _label: str, _text: str = "") -> str:
        asked.append(title)
        return "政策課 山田"

    w.ask_text = answered  # type: ignore[method-assign]
    try:
        qtbot.waitExposed(w)
        getattr(w, action).trigger()
        qtbot.waitUntil(lambda: bool(asked), timeout=30000)  # (after the plans are read on the runner)
        assert asked == ["担当者名"]
        assert w.workspace.actor == "政策課 山田"
        if action == "act_plan_editor":
            from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog

            editor = w.findChild(PlanEditorDialog)
            assert editor is not None and editor.actor == "政策課 山田"  # what 次期計画を作成 records
        for dialog in w.findChildren(QDialog):
            dialog.close()
    finally:
        close_window(w)
