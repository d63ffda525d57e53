"""Enter in the search box goes to the first match in a plan in force in the entry year: in the year
the city is in (令和8年度), with the program copied for a period around it (令和7年度～令和10年度),
the measure of the running program, not the same measure of the program that ended in 令和6年度
(listed first before the plan in force came first in the list, and still first in another entry
year)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kodaira_desk.ui.window.main_window import MainWindow


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    from next_program import master_with_next_program

    return master_with_next_program(built_db_template, tmp_path)


def test_enter_goes_to_the_match_in_the_plan_in_force(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from next_program import this_year

    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText(this_year().era_label()))  # 令和8年度 in 2026
    w.activateWindow()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    from test_clerk import type_text

    type_text(qtbot, w.search, "男女共同参画推進事業")
    qtbot.waitUntil(lambda: w.proxy.text() == "男女共同参画推進事業", timeout=10000)  # the plans read
    shown = [str(w.model.item_at(w.proxy.mapToSource(w.proxy.index(r, 0)))[0]) for r in range(w.proxy.rowCount())]
    assert set(shown) == {"program-2021", "program-2025"}  # both have it (the one in force listed first)
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    current = w.tree_view.currentIndex()
    assert current.isValid() and "男女共同参画推進事業" in str(current.data())
    plan_id, _key = w.model.item_at(w.proxy.mapToSource(current))
    assert plan_id == "program-2025"
    assert w.current is not None and w.current[0] == "program-2025"  # its form is shown
