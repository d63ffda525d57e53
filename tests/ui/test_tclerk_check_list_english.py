"""Tester's finding (tclerk, 2026-12-08): a clerk who works in English (表示 > 言語 > English) opens
ファイル > Check Before Submitting. Each blank line lists what is missing joined with the Japanese
comma: "Blank: 2 生活支援体制整備事業 (…): progress、activities、settled amount" (a program's main
project), "Blank: ①－１ 市内農家の… (…): progress、progress text" (the strategy). The separator is
written into the code ('、'.join in ui/window/clerk_mode.py) instead of going through tr()."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from roundkit import close_window, hand_out, open_window

DEPT = "産業振興課"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_the_pre_submission_check_in_english_has_no_japanese_comma(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    department_file = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        w.lang_actions["en"].trigger()  # 表示 > 言語 / Language > English
        qtbot.waitUntil(lambda: w.act_check.text().replace("&", "").startswith("Check"), timeout=10000)
        check = w.show_submission_check()
        lines = [check.list.item(i).text() for i in range(check.list.count())]
        blank = [t for t in lines if t.startswith("Blank:")]
        assert blank, lines
        several = [t for t in blank if "progress" in t.rsplit("):", 1)[-1]]
        assert several, blank
        assert not any("、" in t.rsplit("):", 1)[-1] for t in several), several[:3]
        check.close()
    finally:
        w.translations.apply("ja")
        close_window(w)
