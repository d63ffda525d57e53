"""Plan sheets: one sheet per item, its boxes, and the schedule with 実施 and an arrow (a drawn shaft, the → as
002 prints it for its head)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdf_reading import column_text, flat, line_on_page, line_with, page_count, page_texts, page_words, texts
from pdf_reading import lines as lines_of
from report_helpers import handout

from kodaira_desk.reports.common import MARGIN, ReportOptions
from kodaira_desk.services.reports import default_options, make_report
from kodaira_desk.store.database import Database


@pytest.fixture(scope="module")
def pdf(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "sheets", handout("restructuring", meeting="行財政再構築推進委員会"),
                       pdf_dir / "sheets.pdf")


def test_one_sheet_per_item_in_order(pdf: Path) -> None:
    assert page_count(pdf) == 7
    for n, words in enumerate(page_words(pdf), start=1):
        row = [w.text for w in words if w.top < 200]
        assert row[row.index("No.") + 1] == str(n)


def test_sheet_of_item_6(pdf: Path) -> None:
    page = flat(page_texts(pdf)[5])
    assert "1地域協働の推進協働事業の更なる推進" in page
    head = line_with(pdf, "No.")
    assert head[0].page == 1
    row6 = line_with(pdf, "地域と学校の連携・協働の推進")
    assert row6[0].page == 6
    assert texts(row6) == ["No.", "6", "項目", "地域と学校の連携・協働の推進", "担当課", "指導課、地域学習支援課"]
    for label in ("実施目的", "取組概要", "見込まれる効果", "成果指標", "実施内容"):
        assert label in page
    assert "地域と学校がともに子どもたちを育む体制の維持・推進を図る" in page
    assert flat("協議会開催回数目標 94 回／年") in page


def test_item_6_shows_both_schedule_rows_with_an_arrow_each(pdf: Path) -> None:
    years = line_with(pdf, "実施内容")
    assert texts(years) == ["実施内容", "平成29年度", "平成30年度", "令和元年度", "令和2年度"]
    words = page_words(pdf)[5]
    rows = [line_on_page(pdf, 6, label) for label in ("・学校経営協議会", "・学校支援ボランティア養成講座")]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[5]
        strokes = [ln for ln in page.lines if ln["linewidth"] > 1 and abs(ln["top"] - ln["bottom"]) < 0.5]
    last_year = next(w for w in words if w.text == "令和2年度")
    first_year = next(w for w in words if w.text == "平成29年度")
    for row in rows:
        assert texts(row)[1] == "実施"
        jisshi = row[1]
        assert first_year.x0 - 20 < jisshi.x0 < first_year.x1  # 実施 in the first year
        mid = jisshi.top + 5  # the middle of the 9.5 pt text
        arrow = [ln for ln in strokes if abs(ln["top"] - mid) < 4 and ln["x0"] >= jisshi.x1]
        assert len(arrow) == 1, row
        assert arrow[0]["x0"] - jisshi.x1 < 8  # drawn from the 実施 cell
        assert arrow[0]["x1"] > last_year.center  # on to the year of →
        # its head is 002's → of the last year, printed where the shaft ends (the text reads 「実施 … →」)
        assert texts(row)[-1] == "→", texts(row)
        head = row[-1]
        assert last_year.x0 < head.x0 and head.x1 < last_year.x1 + 25
        assert head.x0 < arrow[0]["x1"] < head.x1  # the shaft runs into it


def test_item_2_has_three_rows_under_one_merged_label(pdf: Path) -> None:
    words = page_words(pdf)[1]
    assert sum(1 for w in words if w.text == "実施") == 3
    first_year = line_on_page(pdf, 2, "実施内容")[1]
    label = column_text(pdf, MARGIN, first_year.x0 - 15)
    assert flat("・防災訓練・振り込め詐欺被害防止キャンペーン・地域防犯講座") in label
    first = line_on_page(pdf, 2, "・スポーツボランティア")
    last = line_on_page(pdf, 2, "地域防犯講座")
    jisshi = [w for w in words if w.text == "実施"]
    assert first[0].top <= jisshi[0].top and jisshi[-1].top <= last[0].top + 12  # one label beside all three


def test_handout_block_of_the_committee_as_002_prints_it(report_db: Database, tmp_path: Path) -> None:
    """002: no title line; 「行財政再構築推進委員会」 and 「資料3 平成28年8月25日」 (half-width digits, no
    weekday) on the first page only."""
    out = make_report(report_db, "sheets", default_options(report_db, "sheets", "restructuring"),
                      tmp_path / "002.pdf")
    pages = page_words(out)
    top = [[w.text for w in words if w.top < 60] for words in pages]
    assert top[0] == ["行財政再構築推進委員会", "資料3", "平成28年8月25日"]
    assert all(t == ["1", "地域協働の推進"] for t in top[1:]), top  # each sheet begins with its headings
    assert "取組項目シート" not in flat("".join(page_texts(out)))
    assert flat(page_texts(out)[1]).startswith("1地域協働の推進協働事業の更なる推進")


def test_department_filter(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "sheets", ReportOptions("restructuring", department="市民協働・男女参画推進課"),
                      tmp_path / "kyodo.pdf")
    assert page_count(out) == 2
    text = flat("".join(page_texts(out)))
    assert "協働推進体制の充実" in text and "地域コミュニティの推進" in text
    assert "アダプト制度の推進" not in text


def test_every_schedule_row_reads_as_002s_text_does(pdf: Path) -> None:
    """002 (seed lines 24–160): each row 「・label 実施 … →」, the → under 平成32年度 (令和2年度 here)."""
    rows = [line for words in page_words(pdf) for line in lines_of(words) if "実施" in texts(line)]
    assert len(rows) == 15
    assert all(texts(row)[-2:] == ["実施", "→"] for row in rows), [texts(r) for r in rows]
