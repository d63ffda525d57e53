"""The hand-out dialog says on a left-out 課's own line why it gets no file, and gives the reason as
its tooltip and its accessible description (a greyed line alone said nothing to the keyboard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from kodaira_desk.ui.window.main_window import MainWindow


def _line(dialog, department: str) -> QListWidgetItem:  # type: ignore[no-untyped-def]
    items = [dialog.departments.item(i) for i in range(dialog.departments.count())]
    return next(it for it in items if it.data(Qt.ItemDataRole.UserRole) == department)


def test_a_left_out_department_says_why_on_its_line(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    dialog = w.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    dialog.year.setCurrentIndex(dialog.year.findText("令和3年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    left = _line(dialog, "保育課")  # no 主要事業 or 成果指標 of its own in 令和3年度
    assert not left.flags() & Qt.ItemFlag.ItemIsEnabled
    assert left.text() == "保育課　（配布しない: 令和3年度に担当する項目なし）"
    why = left.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert why == left.toolTip() and "令和3年度に実施中の計画" in why and "担当する項目がありません" in why
    enabled = [bool(dialog.departments.item(i).flags() & Qt.ItemFlag.ItemIsEnabled)
               for i in range(dialog.departments.count())]
    assert enabled == sorted(enabled, reverse=True) and True in enabled  # those handed out to first
    kept = _line(dialog, "障がい者支援課")
    assert kept.text() == "障がい者支援課" and not kept.toolTip() and not kept.data(Qt.ItemDataRole.AccessibleDescriptionRole)

    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))  # the strategy's year: 保育課 fills it in
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    left = _line(dialog, "保育課")
    assert left.text() == "保育課" and left.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not left.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "保育課" in dialog.chosen()  # the 課's name, never the line's words, is what is handed out

    w.lang_actions["en"].trigger()
    dialog.year.setCurrentIndex(dialog.year.findText("令和3年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert _line(dialog, "保育課").text() == "保育課  (not handed out: nothing to fill in 令和3年度)"
    w.lang_actions["ja"].trigger()
    dialog.close()
