"""Tester's finding (tclerk, 2026-12-08): a clerk working in English chooses File > Save for
Submission. The dialog's second button reads 「キャンセル(C)」 — Japanese in the English window (and
on the accessibility bus, where a screen reader says it in Japanese): SubmitDialog's
self.tr("キャンセル") has no English in resources/translations/kodaira_desk_en.ts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from roundkit import close_window, hand_out, open_window

from kodaira_desk.ui.round.submit_dialog import SubmitDialog

DEPT = "産業振興課"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_save_for_submission_in_english_has_no_japanese_button(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    department_file = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        w.lang_actions["en"].trigger()  # 表示 > 言語 / Language > English
        w.act_submit.trigger()  # File > Save for Submission…
        qtbot.waitUntil(lambda: w.findChild(SubmitDialog) is not None, timeout=10000)
        dialog = w.findChild(SubmitDialog)
        assert dialog is not None
        texts = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        assert any("Save for submission" in t.replace("&", "") for t in texts), texts
        assert not [t for t in texts if JAPANESE.search(t)], texts
        dialog.reject()
    finally:
        w.translations.apply("ja")
        close_window(w)
