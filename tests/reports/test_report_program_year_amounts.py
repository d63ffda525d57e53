"""The program year's 費用 and 決算額 print each amount on one line with its 千円, as 004 prints
「5,823,258 千円」 (生活保護事業), and every table of the handout has the same columns."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pdf_reading import all_lines, line_with, texts
from report_helpers import handout

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database


@pytest.fixture(scope="module", params=["R3", "R6"])
def year_pdf(request, report_db: Database, pdf_dir: Path) -> Path:  # type: ignore[no-untyped-def]
    options = replace(handout("program-2021", meeting=None), as_of=FiscalYear.parse(request.param))
    return make_report(report_db, "program-year", options, pdf_dir / f"program-year-{request.param}.pdf")


def test_a_seven_digit_cost_keeps_its_unit(year_pdf: Path) -> None:
    amount = "5,823,258" if "R3" in year_pdf.name else "6,225,723"  # 004's 生活保護事業
    row = line_with(year_pdf, amount)
    words = texts(row)
    assert words[words.index(amount) + 1] == "千円", words
    assert all(texts(line)[0] not in ("円", "千円") for line in all_lines(year_pdf))  # no unit on a line of its own


def test_every_project_table_has_the_same_money_columns(year_pdf: Path) -> None:
    heads = [line for line in all_lines(year_pdf) if texts(line)[:3] == ["事業名", "計画の費用", "決算額"]]
    assert len(heads) >= 7  # one per 施策
    assert len({round(line[1].x0, 1) for line in heads}) == 1
    assert len({round(line[2].x0, 1) for line in heads}) == 1
