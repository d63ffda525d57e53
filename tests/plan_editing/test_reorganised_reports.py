"""After a reorganisation from R7, a report of an earlier year prints the 課 of that year while an
R7 hand-out goes to the merged 課 (issue 13, Done when)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from kodaira_desk.domain.departments import ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.reports import default_options, make_report
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.database import Database

R7 = FiscalYear(2025)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _row(text: str, words: str) -> str:
    return next(line for line in text.splitlines() if words in line)


def test_an_earlier_report_prints_the_old_names_and_an_r7_handout_goes_to_the_merged_department(
        db: Database, tmp_path: Path) -> None:
    # the program's next period runs in R7 (its 主要事業 of 産業振興課 and 文化スポーツ課 are handed out)
    pe.copy_plan(db, "program-2021", "program-2025", R7, FiscalYear(2028))
    pe.reorganise(db, ReorganisationKind.MERGE, R7, ("産業振興課", "文化スポーツ課"), ("地域振興課",))
    # the city's KPI table of 令和2年度, as printed: 産業振興課 leads 観光まちづくり
    options = default_options(db, "kpi", "strategy-2015")
    assert options.as_of is None or options.as_of < R7
    kpi = _text(make_report(db, "kpi", options, tmp_path / "kpi.pdf"))
    assert "産業振興課" in kpi and "地域振興課" not in kpi
    # the same table as of R7 prints the merged 課 on the same rows
    later = _text(make_report(db, "kpi", replace(options, as_of=R7), tmp_path / "kpi-r7.pdf"))
    assert "地域振興課" in later and "産業振興課" not in later
    progress = _text(make_report(db, "progress", default_options(db, "progress", "strategy-2015"),
                                 tmp_path / "progress.pdf"))
    assert "文化スポーツ課" in progress and "地域振興課" not in progress
    made = handout(db, R7, tmp_path / "配布")
    departments = {f.department for f in made}
    assert "地域振興課" in departments and not {"産業振興課", "文化スポーツ課"} & departments
