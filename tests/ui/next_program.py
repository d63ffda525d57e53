"""A master with the program's next period (令和7–10年度) made by `plan copy`: the year the city is in."""

from __future__ import annotations

import shutil
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear


def master_with_next_program(template: Path, tmp_path: Path) -> Path:
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plan_editing.next_period import copy_plan

    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(template, path)
    db = open_database(path, create=False)
    try:
        copy_plan(db, "program-2021", "program-2025", FiscalYear(2025), FiscalYear(2028))
    finally:
        db.dispose()
    return path
