"""Page count and page breaks as the city's documents show them, and no half-empty page.

- 000 (進捗状況一覧表): 11 pages, each led by the column header row (and nowhere else), breaking
  between the rows listed in PROGRESS_PAGES;
- 003 (達成状況): three pages, one per 基本目標;
- 002 (取組項目シート): seven pages, one item each;
- 004 shows no page breaks of its own: only the rule that no page but the last is under 40% full,
  checked on every report, also for departments' handouts.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pdf_reading import flat, page_fill, page_texts, page_words

from kodaira_desk.services.reports import default_options, make_report
from kodaira_desk.store.database import Database

# 000's pages as printed: each page's rows, top to bottom (G: a 基本目標 heading, ①…④ an area, a
# number a measure). Read from the seed's text, where every page begins with the header row.
PROGRESS_PAGES = [
    "G1 ① 1 2 3 4", "② 1 2 3 4", "③ 1 2 3", "4 5 6", "7 G2 ① 1 ② 1 2 3", "4 5 ③ 1 2 3", "4 5 ④ 1 2 3",
    "G3 ① 1 2 3 4", "5 6 ② 1", "③ 1 2 3 4 5", "6 7",
]
HEADER = ("施策", "名称", "内容", "進捗状況", "平成29年度までの実施等状況")


def _rows_of(path: Path) -> list[str]:
    """Each page's row labels from the first column, as PROGRESS_PAGES writes them."""
    pages = []
    for words in page_words(path):
        first = sorted((w for w in words if w.x0 < 60 and 60 < w.top < 560), key=lambda w: w.top)
        labels = []
        for w in first:
            goal = re.match(r"基本目標(\d)", w.text)
            if goal:
                labels.append(f"G{goal.group(1)}")
            elif w.text[0] in "①②③④" or w.text.isdigit():
                labels.append(w.text[0] if w.text[0] in "①②③④" else w.text)
        pages.append(" ".join(labels))
    return pages


@pytest.fixture(scope="module")
def city(report_db: Database, pdf_dir: Path) -> dict[str, Path]:
    """The four reports as the city printed them (the documents' own options)."""
    plans = {"progress": "strategy-2015", "kpi": "strategy-2015", "sheets": "restructuring",
             "program": "program-2021"}
    return {kind: make_report(report_db, kind, default_options(report_db, kind, plan), pdf_dir / f"city-{kind}.pdf")
            for kind, plan in plans.items()}


def test_the_progress_list_breaks_its_11_pages_where_000_does(city: dict[str, Path]) -> None:
    assert _rows_of(city["progress"]) == PROGRESS_PAGES


def test_the_progress_lists_header_row_tops_every_page_and_nothing_else(city: dict[str, Path]) -> None:
    for n, words in enumerate(page_words(city["progress"]), start=1):
        top = min((w.top for w in words if w.text == "施策"), default=None)
        assert top is not None, n
        assert [w.top for w in words if w.text == "施策"] == [top]  # once, not before an area mid-page
        body = [w for w in words if w.top > top + 20 and w.x0 < 60]
        assert body and min(w.top for w in body) > top  # nothing above it but the title on page 1
        assert all(h in {w.text for w in words} for h in HEADER)
    first = flat(page_texts(city["progress"])[0])
    assert first.startswith("1小平市まち・ひと・しごと創生総合戦略進捗状況一覧表")  # 000's section number
    later = [flat(t) for t in page_texts(city["progress"])[1:]]
    assert all(t.startswith("施策") and t.index("名称") < t.index("平成29年度までの実施等状況") < 40 for t in later)
    # an area's heading is printed once, where the area begins, not again over its continuation
    assert flat("".join(page_texts(city["progress"]))).count("③“住んでみたい”まちづくりと魅力の情報発信") == 1


def test_the_kpi_table_has_003s_three_pages_one_per_goal(city: dict[str, Path]) -> None:
    pages = [flat(t) for t in page_texts(city["kpi"])]
    assert len(pages) == 3
    for n, (page, digit) in enumerate(zip(pages, "１２３", strict=True), start=1):
        assert f"基本目標{digit}「" in page
        if n > 1:
            assert page.startswith(f"基本目標{digit}「")  # 003's later pages begin with the goal


def test_the_plan_sheets_have_002s_seven_pages_one_item_each(city: dict[str, Path]) -> None:
    pages = page_words(city["sheets"])
    assert len(pages) == 7
    for n, words in enumerate(pages, start=1):
        texts = [w.text for w in words]
        assert texts[texts.index("No.") + 1] == str(n)


OPTIONS = [
    ("progress", "strategy-2015", {}), ("progress", "strategy-2015", {"department": "産業振興課"}),
    ("progress", "strategy-2015", {"department": "市民協働・男女参画推進課"}),
    ("kpi", "strategy-2015", {}), ("kpi", "strategy-2015", {"status_column": True, "chart_pages": True}),
    ("kpi", "strategy-2015", {"department": "産業振興課"}),
    ("sheets", "restructuring", {}), ("program", "program-2021", {}),
    ("program", "program-2021", {"department": "高齢者支援課"}),
    ("program", "program-2021", {"department": "障がい者支援課"}),
    ("program", "program-2021", {"department": "生活支援課"}),
]


@pytest.mark.parametrize(("kind", "plan", "changes"), OPTIONS)
def test_no_page_but_the_last_under_40_percent(report_db: Database, tmp_path: Path, kind: str, plan: str,
                                               changes: dict[str, object]) -> None:
    options = dataclasses.replace(default_options(report_db, kind, plan), **changes)
    out = make_report(report_db, kind, options, tmp_path / f"{kind}.pdf")
    fills = page_fill(out)
    assert all(f >= 0.4 for f in fills[:-1]), [f"{f:.0%}" for f in fills]
