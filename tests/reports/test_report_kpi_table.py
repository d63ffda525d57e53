"""達成状況: each indicator's values on its row in column order, absences as stored, 累計 and 内数,
the reference periods of the station passengers, the notes and the narrative summaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_reading import all_lines, flat, line_with, page_texts, texts
from report_helpers import handout

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.reports.common import ReportOptions
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database

# as 003 writes them: a one-digit year in full width, two digits in half width
HEADS = ["平成26年度末", "平成27年度末", "平成28年度末", "平成29年度末", "平成30年度末", "令和元年度末",
         "令和２年度末", "令和２年度末"]


@pytest.fixture(scope="module")
def pdf(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "kpi", handout("strategy-2015"), pdf_dir / "kpi.pdf")


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    return flat("".join(page_texts(pdf)))


def test_a_kpi_row_reads_its_values_in_column_order(pdf: Path) -> None:
    assert texts(line_with(pdf, "児童館の利用者数")) == [
        "児童館の利用者数", "109,367人", "117,102人", "129,999人", "124,777人", "130,870人", "115,953人",
        "35,874人", "140,000人", "子育て支援課",
    ]


def test_values_sit_under_their_column_heads(pdf: Path) -> None:
    heads = line_with(pdf, "平成26年度末")
    assert texts(heads) == HEADS
    row = line_with(pdf, "新規就農者数")
    for head, value in zip(heads, row[1:9], strict=True):
        # values are right-aligned in the column whose head is centred over it
        assert head.x0 - 25 < value.x0 and value.x1 > head.center, (head.text, value.text)


def test_absences_are_printed_exactly_as_stored(pdf: Path) -> None:
    assert texts(line_with(pdf, "「定住意向のある人」の割合")) == [
        "「定住意向のある人」の割合", "（※2）", "80.9%", "-", "84.2%", "-", "76.7%", "-", "（※4）", "83.0%",
        "（世論調査・市民アンケート）",
    ]
    assert texts(line_with(pdf, "合計特殊出生率"))[-2:] == ["（※5）", "1.46"]
    assert texts(line_with(pdf, "人口の社会増減"))[1:] == [
        "+460人", "+1,170人", "+1,360人", "+1,269人", "+2,539人", "+1,430人", "+893人", "+1,300人",
    ]


def test_cumulative_and_breakdown_rows_are_marked_and_indented(pdf: Path) -> None:
    assert texts(line_with(pdf, "援農ボランティア講座修了者数"))[:2] == ["援農ボランティア講座修了者数", "（累計）"]
    total = line_with(pdf, "（３）③－４～６の事業におけるボランティア数等")
    assert texts(total)[-1] == "―"
    part = line_with(pdf, "(内数)③－５")
    assert "（累計）" in texts(part)
    assert part[0].x0 > total[0].x0 + 5
    assert texts(part)[-9:] == ["203人", "259人", "288人", "332人", "374人", "400人", "405人", "450人",
                                "地域包括ケア推進担当"]
    # the breakdowns follow their total, before the next indicator of the goal
    order = [line[0].text for line in all_lines(pdf) if line[0].text.startswith(("（３）", "(内数)", "市民活動支援"))]
    assert order[:5] == ["（３）③－４～６の事業におけるボランティア数等", "(内数)③－４", "(内数)③－５",
                         "(内数)③－６", "市民活動支援センターの登録団体数"]


def test_station_passengers_show_the_period_of_each_value(pdf: Path) -> None:
    values = line_with(pdf, "187,066人")
    assert texts(values) == ["187,066人", "185,872人", "189,803人", "192,416人", "195,071人", "196,955人",
                             "194,777人", "199,000人"]
    below = line_with(pdf, "（平成25年度）")
    assert below[0].page == values[0].page
    assert texts(below) == ["（平成25年度）", "（平成26年度）", "（平成27年度）", "（平成28年度）", "（平成29年度）",
                            "（平成30年度）", "（令和元年度）", "（令和元年度）"]
    for value, period in zip(values, below, strict=True):
        assert abs(value.x1 - period.x1) < 3  # right under its value
    assert 0 < below[0].top - values[0].top < 12
    name = line_with(pdf, "市内の駅の一日平均乗降客数")[0]
    assert values[0].top < name.top < below[0].top  # the name is centred on its two lines


def test_notes_under_the_table_and_the_summary_per_area(text: str) -> None:
    assert "【留意事項】" in text
    assert flat("（※4） 令和2年度に実施予定であった世論調査を令和3年度に延期したため、現時点で実績が把握できていません。") in text
    assert "・複合的な取組の結果として表れる指標については、所管課を空欄としている場合があります。" in text
    assert text.index("【留意事項】") < text.index("①農のあるまちづくりの推進・農業者")
    assert "達成状況の概要" not in text  # 003 prints no such heading
    assert "③子育て支援サービス・保育環境の充実・新たな認可保育園や学童クラブの開設" in text


def test_goals_in_order_and_the_documents_note_once_in_its_head(pdf: Path, text: str) -> None:
    goals = [text.index(f"基本目標{n}「") for n in ("１", "２", "３")]
    assert goals == sorted(goals)
    assert text.count("※令和２年度末実績は、令和３年３月当初時点の見込値です。") == 1
    first = flat(page_texts(pdf)[0])
    assert first.index("未定稿") < first.index("※令和２年度末実績は") < first.index("基本目標１")


def test_department_filter_keeps_that_departments_indicators(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "kpi", ReportOptions("strategy-2015", department="子育て支援課"),
                      tmp_path / "kosodate.pdf")
    words = {w.text for line in all_lines(out) for w in line}
    assert {"児童館の利用者数", "学童クラブの定員数", "子育てふれあい広場の利用者数"} <= words
    for other in ("新規就農者数", "市内保育施設等における保育定員", "自主防災組織の組織数"):
        assert other not in words
    # no department of its own: no department's handout has it
    assert "合計特殊出生率" not in words and "地域における子育ての環境や支援への満足度" not in words
    text = flat("".join(page_texts(out)))
    assert "基本目標１「" not in text and "基本目標３「" not in text


def test_years_option_chooses_the_columns(report_db: Database, tmp_path: Path) -> None:
    out = make_report(report_db, "kpi", ReportOptions("strategy-2015",
                                                      years=(FiscalYear(2019), FiscalYear(2020))),
                      tmp_path / "recent.pdf")
    assert texts(line_with(out, "平成26年度末")) == ["平成26年度末", "令和元年度末", "令和２年度末", "令和２年度末"]
    assert texts(line_with(out, "児童館の利用者数")) == ["児童館の利用者数", "109,367人", "115,953人", "35,874人",
                                                  "140,000人", "子育て支援課"]
