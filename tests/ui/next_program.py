"""A master with the program's next period made by `plan copy`: a period around the year the city is
in (令和7–10年度 in 令和8年度), computed from today as tests/test_cli.py does, so the copy stays the
plan in force whatever year the tests run in."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear


def this_year() -> FiscalYear:
    """The year the city is in (令和8年度 on 2026-12-07)."""
    return FiscalYear.of(date.today())


def next_period() -> tuple[FiscalYear, FiscalYear]:
    """The copy's period: from the year before this one to two years after (令和7–10年度 in 令和8年度)."""
    year = this_year().year
    return FiscalYear(year - 1), FiscalYear(year + 2)


def master_with_next_program(template: Path, tmp_path: Path) -> Path:
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plan_editing.next_period import copy_plan

    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(template, path)
    db = open_database(path, create=False)
    try:
        copy_plan(db, "program-2021", "program-2025", *next_period())
    finally:
        db.dispose()
    return path
