"""Fields the handouts printed otherwise than the city's documents (shared/seeds), each read back from
the PDF with the document's own text: 004's 令和6年度 targets with their ※ (「58※」), its project notes
in the program year's pages, its notes under the 到達目標 as it spaces them, 004's and 000's
half-width brackets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pdf_reading import column_text, flat, line_with, texts
from report_helpers import handout

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database


def _program_year(report_db: Database, pdf_dir: Path, year: str) -> Path:
    options = replace(handout("program-2021", meeting=None), as_of=FiscalYear.parse(year))
    return make_report(report_db, "program-year", options, pdf_dir / f"program-year-{year}.pdf")


@pytest.fixture(scope="module")
def r6(report_db: Database, pdf_dir: Path) -> Path:
    return _program_year(report_db, pdf_dir, "R6")


@pytest.fixture(scope="module")
def program(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "program", ReportOptions("program-2021"), pdf_dir / "program.pdf")


@pytest.mark.parametrize(("indicator", "target"), [
    ("就労移行支援の実利用者数", "58※"),  # 004: 「58 [※]」, reset with the 第七期 plan
    ("居住系サービスの実利用者数", "386※"),
    ("週1回以上フレイル予防に取り組むグループ数", "53※2"),
    ("認知症高齢者グループホームの整備数", "11※"),
])
def test_the_program_years_reset_targets_keep_their_mark(r6: Path, indicator: str, target: str) -> None:
    """The program year's 目標値 of 令和6年度 is 004's 令和6年度 target with its mark, the mark its
    note under the table (printed there) explains."""
    row = texts(line_with(r6, indicator))
    assert target in row, row


def test_the_program_year_prints_a_projects_note_with_its_name(report_db: Database, pdf_dir: Path) -> None:
    """004 prints 「生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施」: in 令和3年度 the
    cost was the special account's."""
    pdf = _program_year(report_db, pdf_dir, "R3")
    cost_head = next(w for w in line_with(pdf, "計画の費用") if w.text == "計画の費用")
    names = column_text(pdf, 0, cost_head.x0)  # the 事業名 column
    assert flat("生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施【高齢者支援課】") in names


@pytest.mark.parametrize("note", [
    "※第七期小平市障害福祉計画の策定（令和6年3月予定）に伴い、目標値を再設定",  # 004 p2: no space
    "※小平市地域包括ケア推進計画の策定（令和6年3月予定）に伴い、目標値を再設定",  # p5
])
def test_notes_under_the_goals_are_spaced_as_004_prints_them(program: Path, note: str) -> None:
    line = line_with(program, note[:6])
    assert texts(line)[0] == note, texts(line)


def test_notes_004_prints_with_a_space_keep_it(program: Path) -> None:
    assert texts(line_with(program, "※2"))[:2] == ["※2", "事業拡充に伴い、文言を修正した。"]
    corona = texts(line_with(program, "新型コロナウイルス感染症の影響で"))  # p1 and p7: 「※ 新型コロナ…」
    assert corona[0] == "※" and corona[1].startswith("新型コロナウイルス感染症の影響で"), corona
