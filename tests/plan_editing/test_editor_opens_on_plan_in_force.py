"""計画の編集 opens on the plan in force today (the window's rule for its year), not on the first plan
of the data files (the strategy that ended in 令和元年度): with the next program copied for 令和7〜10年度
it opens on that one; with only the ended plans, on the one that ended last (the program)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing.next_period import copy_plan
from plan_editing.editor_kit import open_editor


def test_opens_on_the_plan_that_ended_last(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window)
    assert editor.plan_id() == "program-2021"


@pytest.fixture
def next_program(db_path: Path) -> str:
    """The next program, copied before the window opens (as `kodaira-desk plan copy` does)."""
    today = FiscalYear.of(date.today())
    db = open_database(db_path, create=False)
    try:
        copy_plan(db, "program-2021", "program-next", FiscalYear(today.year - 1), FiscalYear(today.year + 2))
    finally:
        db.dispose()
    return "program-next"


def test_opens_on_the_plan_in_force_today(qtbot, next_program: str, window) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window)
    assert editor.plan_id() == next_program
    assert editor.tree is not None and editor.tree.plan.id == next_program
