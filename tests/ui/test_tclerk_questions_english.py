"""Tester's finding (tclerk, 2026-12-08): a clerk working in English with a screen reader clicks the
banner's "questions from the policy division" and tabs to the box where the answer is typed. The
screen reader says its name in Japanese, 「回答」: QuestionsDialog's self.tr("回答") (the answer box's
accessible name) has no English in resources/translations/kodaira_desk_en.ts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from roundkit import FARM, close_window, hand_out, open_window

from kodaira_desk.services import notes
from kodaira_desk.services.database import open_database

DEPT = "産業振興課"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_the_answer_box_is_named_in_english(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        notes.ask_question(db, FARM, "出典を教えてください。", "政策課 山田")
    finally:
        db.dispose()
    department_file = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        w.lang_actions["en"].trigger()  # 表示 > 言語 / Language > English
        banner = w.banner.questions
        assert banner.isVisible() and not JAPANESE.search(banner.text().replace(DEPT, "")), banner.text()
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
        dialogs = [d for d in w.findChildren(QDialog) if d.objectName() == "questionsDialog" and d.isVisible()]
        assert dialogs
        dialog = dialogs[-1]
        named = {"list": dialog.table.accessibleName(), "answer box": dialog.answer.accessibleName(),
                 "put button": dialog.put_button.text()}
        assert not {k: v for k, v in named.items() if JAPANESE.search(v)}, named
        dialog.reject()
    finally:
        w.translations.apply("ja")
        close_window(w)
