"""進捗状況一覧表: measures on their rows under their goal and area, every bullet printed, long cells
continued on the next page, the department filter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest
from pdf_reading import (
    all_lines,
    column_text,
    flat,
    layout_problems,
    line_with,
    page_texts,
    page_words,
    texts,
)
from report_helpers import DATE_PRINTED, MEETING, handout

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.text import RichText
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import progress_list
from kodaira_desk.reports.common import MARGIN, ReportOptions, frame_width, register_fonts, spread
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database

WIDTHS = spread(frame_width(progress_list.PAGESIZE), [progress_list.NUMBER, progress_list.NAME,
                                                     progress_list.CONTENT, progress_list.DEPARTMENTS,
                                                     progress_list.STATUS, None])


def column(i: int) -> tuple[float, float]:
    left = MARGIN + sum(WIDTHS[:i])
    return left, left + WIDTHS[i]


@pytest.fixture(scope="module")
def tree(report_db: Database) -> PlanTree:
    return load_plan(report_db, "strategy-2015")


@pytest.fixture(scope="module")
def pdf(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "progress", handout("strategy-2015"), pdf_dir / "progress.pdf")


def test_measure_5_of_goal_1_area_3_on_its_row(pdf: Path) -> None:
    row = line_with(pdf, "若い世代の定住の促進")
    assert texts(row)[0] == "5"
    assert "実施中" in texts(row)
    assert "【平成28年度】" in texts(row)
    page = row[0].page
    x0, x1 = column(3)
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        cell = flat(p.crop((x0, row[0].top - 1, x1, row[0].top + 40)).extract_text())
    assert cell.startswith("都市計画課(地域整備支援課)(水と緑と公園課)")  # 000's half-width brackets
    text = flat("".join(page_texts(pdf)))
    goal1, area3 = text.index("基本目標1「住み続けたい"), text.index("③“住んでみたい”まちづくり")
    assert goal1 < area3 < text.index("若い世代の定住の促進") < text.index("基本目標2「")


def test_rows_are_grouped_under_goal_and_area_headings(pdf: Path) -> None:
    text = flat("".join(page_texts(pdf)))
    for heading in ("基本目標1「住み続けたいまちの空間をつくる」", "①農のあるまちづくりの推進",
                    "基本目標3「地域力・民活力の高いまちをつくる」", "③地域における“担い手”をつくる"):
        assert heading in text
    row = line_with(pdf, "子育て中の女性の就労")  # only the revised list has it: measure 4 of ①
    assert texts(row)[0] == "4"


def test_the_header_row_is_on_every_page(pdf: Path) -> None:
    pages = page_words(pdf)
    assert len(pages) > 3
    for words in pages:
        assert "平成29年度までの実施等状況" in [w.text for w in words]
        assert "進捗状況" in [w.text for w in words]


def test_every_bullet_of_every_year_is_printed(pdf: Path, tree: PlanTree) -> None:
    printed = column_text(pdf, *column(5))
    # a bullet may run on to the next page: what every page repeats above it is taken out
    for repeated in ("平成29年度までの実施等状況", "未定稿", "資料３", MEETING, DATE_PRINTED):
        printed = printed.replace(flat(repeated), "")
    assert tree.progress
    for entry in tree.progress:
        assert flat(f"【{entry.year.era_label()}】") in printed
        for block in entry.narrative.blocks:
            assert flat(block.printed()) in printed, (entry.node_key, block.text)


def test_statuses_and_departments(pdf: Path) -> None:
    # one department per line, lead first, related ones in brackets under it
    row = line_with(pdf, "地産地消の促進")
    assert "産業振興課" in texts(row)
    lead = next(w for w in row if w.text == "産業振興課")
    related = next(w for w in line_with(pdf, "(学務課)") if w.text == "(学務課)")
    assert abs(related.x0 - lead.x0) < 1 and 0 < related.top - lead.top < 14
    row = line_with(pdf, "地域における子育て活")
    assert any(w.startswith("市民協働・男女参画") for w in texts(row))


def test_a_long_cell_continues_on_the_next_page_without_losing_text(tree: PlanTree, tmp_path: Path) -> None:
    register_fonts(resources_dir() / "fonts")
    bullets = [f"・第{i}項目として、地域農業担い手支援事業の申請{i}件を審査し、交付を決定しました。"
               for i in range(1, 121)]
    entry = tree.progress_in("g1.a1.m1", FiscalYear(2017))
    assert entry is not None
    long = dataclasses.replace(entry, narrative=RichText.parse("\n".join(bullets)))
    progress = tuple(long if p is entry else p for p in tree.progress)
    out = progress_list.build(dataclasses.replace(tree, progress=progress), ReportOptions("strategy-2015"),
                              tmp_path / "long.pdf")
    printed = column_text(out, *column(5))
    for bullet in bullets:
        assert flat(bullet) in printed
    pages_of_bullets = {line[0].page for line in all_lines(out) if any("第" in w.text and "項目として" in w.text
                                                                        for w in line)}
    assert len(pages_of_bullets) >= 2
    assert layout_problems(out) == []


def test_department_filter_keeps_only_that_departments_measures(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "progress", ReportOptions("strategy-2015", department="都市計画課"),
                      tmp_path / "toshi.pdf")
    text = flat("".join(page_texts(out)))
    names = column_text(out, *column(1))
    assert "若い世代の定住の促進" in names
    assert "地域における子育て活動への支援" in names  # related: 各課
    for other in ("市内農家の収入増に向けた取組の支援", "児童館運営事業の充実", "創業に対する支援"):
        assert other not in names
    assert "①農のあるまちづくりの推進" not in text
    assert "（都市計画課）" in text  # the title says whose list it is


def test_years_option_chooses_the_yearly_narratives(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "progress", ReportOptions("strategy-2015", years=(FiscalYear(2016),)),
                      tmp_path / "h28.pdf")
    text = flat("".join(page_texts(out)))
    assert "平成28年度までの実施等状況" in text
    assert "【平成28年度】" in text and "【平成29年度】" not in text


def test_a_split_table_goes_on_at_the_top_of_the_next_page(pdf: Path, tree: PlanTree) -> None:
    """The rest of an area's table, led by its repeated header, never starts on the page where the
    table was split (it once did: ② printed twice on page 1 over a one-line sliver of its 2nd row),
    and no measure's name is cut between two pages."""
    areas = [n for n in tree.nodes if n.depth == 2]
    for page, text in enumerate(page_texts(pdf), start=1):
        for area in areas:
            heading = flat(f"{area.number} {area.title}")
            assert flat(text).count(heading) <= 1, (page, area.title)
    left, right = column(1)
    names: list[str] = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            names.append(flat(page.crop((left, 0, right, page.height)).extract_text() or ""))
    for node in tree.nodes:
        if tree.is_leaf(node.key) and node.depth > 2:
            title = flat(node.title)
            assert any(title in n for n in names), node.title
