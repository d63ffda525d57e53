"""A 確定済み year's measure form (tester, lk2.png vs gm15.png): its boxes were white, typing did
nothing and no reason was given, where the KPI grid greys the cells and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from roundkit import R2

from kodaira_desk.services.database import open_database
from kodaira_desk.services.year_locks import lock_year
from kodaira_desk.ui.window.main_window import MainWindow


@pytest.fixture
def locked(db_path: Path) -> Path:
    db = open_database(db_path, create=False)
    try:
        lock_year(db, "strategy-2015", R2, "政策課 試験")
    finally:
        db.dispose()
    return db_path


def test_a_locked_years_measure_form_says_why_and_takes_nothing(qtbot, locked: Path,  # type: ignore[no-untyped-def]
                                                                 window: MainWindow) -> None:
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    form = w.page.measure
    before = form.narrative.toPlainText()
    assert form.locked_note.isVisibleTo(w) and "確定済み" in form.locked_note.text()  # today: no reason shown
    assert form.narrative.isReadOnly() and not form.status.isEnabled()
    assert form.narrative.toolTip() == form.locked_note.text()
    form.narrative.setFocus()
    qtbot.keyClicks(form.narrative, "abc")
    assert form.narrative.toPlainText() == before
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和元年度"))  # a year not locked: as before
    assert w.select_node("strategy-2015", "g1.a1.m1")
    assert not form.locked_note.isVisibleTo(w)
    assert not form.narrative.isReadOnly() and form.status.isEnabled()
