"""What a secretary would otherwise fix by hand: eras as the document's date wrote them, fields as the
reproduced document prints them, one department per line, 禁則 at every line of every report, no
sliver pages, 未定稿 that can be turned off, KPI columns in fiscal order."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pdf_reading import flat, line_with, page_fill, page_texts, page_words, texts

from kodaira_desk.cli import main
from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import Measured
from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.reports.typeset import CLOSING, OPENING
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ValueCell, save_edits
from kodaira_desk.services.reports import default_options, make_report
from kodaira_desk.store.database import Database

KINDS = {"progress": "strategy-2015", "kpi": "strategy-2015", "sheets": "restructuring",
         "program": "program-2021"}


@pytest.fixture(scope="module")
def pdfs(report_db: Database, pdf_dir: Path) -> dict[str, Path]:
    """Each report as the window's dialog would print it by default."""
    return {kind: make_report(report_db, kind, default_options(report_db, kind, plan),
                              pdf_dir / f"default-{kind}.pdf") for kind, plan in KINDS.items()}


def test_plan_sheets_print_fiscal_years_in_the_era_of_their_date(report_db: Database, pdfs: dict[str, Path],
                                                                 tmp_path: Path) -> None:
    heads = texts(line_with(pdfs["sheets"], "実施内容"))
    assert heads == ["実施内容", "平成29年度", "平成30年度", "平成31年度", "平成32年度"]
    # asked otherwise: the era in use today
    options = ReportOptions("restructuring", date=datetime.date(2016, 8, 25), era_of_date=False)
    out = make_report(report_db, "sheets", options, tmp_path / "today.pdf")
    assert texts(line_with(out, "実施内容")) == ["実施内容", "平成29年度", "平成30年度", "令和元年度", "令和2年度"]


def test_station_baseline_period_and_marks_as_003_prints_them(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["kpi"]
    assert texts(line_with(pdf, "（平成25年度）"))[:2] == ["（平成25年度）", "（平成26年度）"]
    assert "（平成25年11月）" not in flat("".join(page_texts(pdf)))
    # 001 marks 満足度 with ※ and explains it there; 003 prints neither
    row = line_with(pdf, "地域における子育ての環境や支援への満足度")
    assert not any("※" in w for w in texts(row))
    assert texts(row)[1:3] == ["63.5%", "-"]
    # 003's own marks stay, each explained under its table
    assert "（※2）" in texts(line_with(pdf, "「定住意向のある人」の割合"))


def test_title_as_003_prints_it_and_no_added_heading(report_db: Database, pdfs: dict[str, Path],
                                                     tmp_path: Path) -> None:
    first = flat(page_texts(pdfs["kpi"])[0])
    assert first.startswith(flat("２　小平市まち・ひと・しごと創生総合戦略の達成状況（数値目標・ＫＰＩ一覧）"))
    assert "達成状況の概要" not in flat("".join(page_texts(pdfs["kpi"])))
    out = make_report(report_db, "kpi", ReportOptions("strategy-2015", added_headings=True), tmp_path / "h.pdf")
    assert "達成状況の概要" in flat("".join(page_texts(out)))


def test_one_department_per_line(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["progress"]
    words = [w for page in page_words(pdf) for w in page]
    columns = [
        [w.text for w in sorted((w for w in words if w.page == m.page and abs(w.x0 - m.x0) < 1
                                 and abs(w.top - m.top) < 20), key=lambda w: w.top)]
        for m in words if m.text == "文化スポーツ課"
    ]
    assert ["産業振興課", "文化スポーツ課", "健康推進課"] in columns  # ③－４: three lead departments
    assert "産業振興課・文化スポーツ課" not in flat("".join(page_texts(pdf)))


def _cell_lines(path: Path) -> list[str]:
    """Every printed line of text inside one cell or paragraph: characters on one baseline that
    follow each other without a gap wider than two characters."""
    out: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["top"]), c["x0"]))
            run: list[dict[str, object]] = []
            for c in chars:
                if run:
                    last = run[-1]
                    gap = float(c["x0"]) - float(last["x1"])  # type: ignore[arg-type]
                    if round(c["top"]) != round(last["top"]) or gap > 2 * float(c["size"]) or gap < -1:  # type: ignore[arg-type]
                        out.append("".join(str(x["text"]) for x in run))
                        run = []
                run.append(c)
            if run:
                out.append("".join(str(x["text"]) for x in run))
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_line_ends_with_an_opening_bracket_or_starts_with_a_closing_one(pdfs: dict[str, Path],
                                                                            kind: str) -> None:
    lines = _cell_lines(pdfs[kind])
    assert len(lines) > 100
    bad = [line for line in lines if line[-1] in OPENING or (line[0] in CLOSING and len(line) > 1)]
    assert bad == []


def test_words_and_numbers_with_units_are_not_split(pdfs: dict[str, Path]) -> None:
    lines = _cell_lines(pdfs["program"]) + _cell_lines(pdfs["progress"])
    assert not [line for line in lines if line.endswith("グルー") or line.endswith("実績（見")]
    text = "".join(page_texts(pdfs["program"]))
    assert "週1回以上フレイル予防に取り組むグループ数" in flat(text)


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_page_under_40_percent_but_the_last(pdfs: dict[str, Path], kind: str) -> None:
    fills = page_fill(pdfs[kind])
    assert all(f >= 0.4 for f in fills[:-1]), [f"{f:.0%}" for f in fills]


def test_kpi_table_on_three_pages_as_003(pdfs: dict[str, Path]) -> None:
    texts_ = page_texts(pdfs["kpi"])
    assert len(texts_) == 3
    assert [f"基本目標{n}「" in flat(t) for n, t in zip("１２３", texts_, strict=True)] == [True] * 3


def test_cli_draft_can_be_turned_off(built_db_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite"
    shutil.copyfile(built_db_template, db)
    base = ["--db", str(db), "report", "kpi", "--plan", "strategy-2015"]
    assert main([*base, "--out", str(tmp_path / "default.pdf")]) == 0
    assert main([*base, "--out", str(tmp_path / "final.pdf"), "--no-draft"]) == 0
    assert "未定稿" in "".join(page_texts(tmp_path / "default.pdf"))  # 003 was a draft: the dialog's default
    assert "未定稿" not in "".join(page_texts(tmp_path / "final.pdf"))
    assert main(["--db", str(db), "report", "sheets", "--plan", "restructuring", "--draft",
                 "--out", str(tmp_path / "sheets.pdf")]) == 0
    assert "未定稿" in page_texts(tmp_path / "sheets.pdf")[0]


def test_a_later_actual_comes_after_r2_and_the_as_of_year_chooses(built_db_template: Path,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    try:
        cell = ValueCell("strategy-2015", "g2.a3.k4", ValueKind.ACTUAL, 2021)
        save_edits(db, {cell: TypedValue(Measured(Decimal("120000"), "人"), ())})
        out = make_report(db, "kpi", ReportOptions("strategy-2015"), tmp_path / "r3.pdf")
        heads = texts(line_with(out, "平成26年度末"))
        assert heads[-3:] == ["令和２年度末", "令和２年度末", "令和３年度末"]  # 003's digits
        row = texts(line_with(out, "児童館の利用者数"))
        assert row[-4:] == ["35,874人", "140,000人", "120,000人", "子育て支援課"]
        earlier = make_report(db, "kpi", ReportOptions("strategy-2015", as_of=FiscalYear(2020)),
                              tmp_path / "r2.pdf")
        assert "令和３年度末" not in texts(line_with(earlier, "平成26年度末"))
    finally:
        db.dispose()

