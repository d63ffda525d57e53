"""The PDF dialog's 担当課 list is that of the report's year: after 産業振興課 and 文化スポーツ課
merged into 地域振興課 from R7, the city's R2 KPI table is limited by the 課 it prints (choosing the
merged 課 was refused: 担当課「地域振興課」は…にありません)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from kodaira_desk.domain.departments import ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import default_options, report_departments
from kodaira_desk.ui.window.main_window import MainWindow

R7 = FiscalYear(2025)


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    pe.reorganise(db, ReorganisationKind.MERGE, R7, ("産業振興課", "文化スポーツ課"), ("地域振興課",))
    db.dispose()
    return path


def _items(combo) -> list[object]:  # type: ignore[no-untyped-def]
    return [combo.itemData(i) for i in range(combo.count())]


def test_an_earlier_years_report_is_limited_by_the_departments_it_prints(
        window: MainWindow, tmp_path: Path) -> None:
    window.select_node("strategy-2015", "g1")
    window.dept_combo.setCurrentIndex(window.dept_combo.findData("地域振興課"))  # today's name
    dialog = window.show_report_dialog()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("kpi"))
    names = _items(dialog.department)
    assert names[0] is None  # （すべての課）
    assert "産業振興課" in names and "文化スポーツ課" in names and "地域振興課" not in names
    # the window's 地域振興課 was 産業振興課 (the first merged) in the table's year
    assert dialog.department.currentData() == "産業振興課"
    op = dialog.save_to(tmp_path / "kpi.pdf")
    assert op is not None
    op.wait()
    assert "担当課" not in dialog.message.text(), dialog.message.text()
    with pdfplumber.open(tmp_path / "kpi.pdf") as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    assert "（産業振興課）" in text  # the title names the 課 the table is limited to
    assert "地域振興課" not in text
    dialog.close()


def test_a_report_of_the_merged_year_offers_the_merged_department(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        tree = load_plan(db, "strategy-2015")
        options = default_options(db, "kpi", "strategy-2015")
        earlier, then = report_departments(db, tree, options, "地域振興課")
        assert {"産業振興課", "文化スポーツ課"} <= set(earlier) and "地域振興課" not in earlier
        assert then == "産業振興課"
        later, now = report_departments(db, tree, replace(options, as_of=R7), "地域振興課")
        assert "地域振興課" in later and not {"産業振興課", "文化スポーツ課"} & set(later)
        assert now == "地域振興課"
    finally:
        db.dispose()
