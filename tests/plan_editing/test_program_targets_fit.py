"""The plan editor at 1366×768 (it opens at 1280×720, the room that screen leaves): the program's four
target years (令和3〜6年度) show whole, without scrolling, in Japanese and in English (reviewer: since
the 番号 row was added they scrolled by 24 px, 令和6年度 cut off under 令和5年度). The plan chosen as a
person does, with the arrow keys; then the target typed into the last year is saved and read back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QScrollArea

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.plans import load_plan
from plan_editing.editor_kit import open_editor


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_programs_four_target_years_fit_without_scrolling(qtbot, window, language: str) -> None:  # type: ignore[no-untyped-def]
    if language == "en":
        window.translations.apply("en")
    editor = open_editor(qtbot, window, size=(1280, 720))
    editor.plan_combo.setFocus()
    while editor.plan_id() != "program-2021":
        qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Down if editor.plan_combo.currentIndex()
                       < editor.plan_combo.findData("program-2021") else Qt.Key.Key_Up)
    QApplication.processEvents()
    tree = editor.tree
    assert tree is not None
    node = next(n for n in tree.nodes if tree.indicators_of(n.key))
    editor.select(node.key)
    qtbot.wait(50)
    area = editor.findChild(QScrollArea, "indicatorTargets")
    assert area is not None
    years = [FiscalYear(y) for y in (2021, 2022, 2023, 2024)]
    assert [y for y in editor.indicator_form.targets] == years
    assert area.verticalScrollBar().maximum() == 0, (area.height(), area.widget().sizeHint().height())
    viewport = area.viewport().rect()
    for y in years:
        box = editor.indicator_form.targets[y]
        top, bottom = box.mapTo(area.viewport(), QPoint(0, 0)), box.mapTo(area.viewport(), QPoint(0, box.height() - 1))
        assert viewport.contains(top) and viewport.contains(bottom), (y, viewport, top, bottom)

    last = editor.findChild(QLineEdit, "target_2024")
    assert last is not None
    last.setFocus()
    last.selectAll()
    qtbot.keyClicks(last, "42")
    save = editor.findChild(QPushButton, "indicator_save")
    assert save is not None
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30000)
    ind = tree.indicators_of(node.key)[0]
    saved = load_plan(window.db, "program-2021").indicator(ind.key)
    target = saved.value(ValueKind.TARGET, FiscalYear(2024), None)
    assert target is not None and str(target.value) == "42件"  # (the indicator's unit)
