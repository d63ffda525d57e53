"""Tester's finding (tclerk, 2026-12-08): a clerk types the year's 実施等状況 as bullets and, out of
habit, presses Enter after the last line. The form starts the next bullet by itself (「・」), the
clerk sees nothing more to write and presses Ctrl+S: the file holds 「・体制を整備\\n・」, an empty
bullet that goes back to the policy division and prints as a lone 「・」 in the committee's list. The
pre-submission check says nothing about it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from roundkit import close_window, hand_out, narrative, open_window
from test_clerk import click_node, save, type_text

DEPT = "産業振興課"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_enter_after_the_last_bullet_does_not_save_an_empty_bullet(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    department_file = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        w.tree_view.expandAll()
        click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
        box = w.page.measure.narrative
        box.setFocus()
        box.selectAll()
        type_text(qtbot, box, "・認定農業者の経営を支援しました。")
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter after the last line, as one does
        shown = box.toPlainText()
        save(qtbot, w)
        assert narrative(department_file, "g1.a1.m1") == "・認定農業者の経営を支援しました。", f"the form showed {shown!r}"
    finally:
        close_window(w)
