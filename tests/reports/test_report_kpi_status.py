"""The achievement table's options (issue 17): a 達成状況 column graded by the database's settings,
and a page of trend charts after each goal's table, read back from the PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_reading import Word, flat, line_with, lines, page_texts, page_words, texts
from report_helpers import handout

from kodaira_desk.cli import main
from kodaira_desk.domain.achievement import Direction
from kodaira_desk.services.achievement import set_direction
from kodaira_desk.services.database import open_database
from kodaira_desk.services.reports import make_report
from kodaira_desk.store.database import Database

GOALS = ("基本目標１「住み続けたいまちの空間をつくる」", "基本目標２「若い世代の結婚・出産・子育ての希望をかなえる」",
         "基本目標３「地域力・民活力の高いまちをつくる」")


@pytest.fixture(scope="module")
def pdf(report_db: Database, pdf_dir: Path) -> Path:
    options = handout("strategy-2015", status_column=True, chart_pages=True)
    return make_report(report_db, "kpi", options, pdf_dir / "kpi-status.pdf")


def status_of(pdf: Path, name: str) -> str:
    """What the 達成状況 column prints on the indicator's row (both of its lines)."""
    row = line_with(pdf, name)
    words = page_words(pdf)[row[0].page - 1]
    head = next(w for w in words if w.text == "達成状況" and w.top < row[0].top)
    cell = [w for w in words if abs(w.center - head.center) < 30 and abs(w.top - row[0].top) < 10]
    return "".join(w.text for w in sorted(cell, key=lambda w: (round(w.top), w.x0)))


def test_the_status_column_heads_the_latest_year_before_the_departments(pdf: Path) -> None:
    heads = line_with(pdf, "平成26年度末")
    assert texts(heads)[-1] == "令和２年度末"  # the status of the latest year shown: R2 (見込)
    below = next(line for line in lines(page_words(pdf)[0]) if line[0].top > heads[0].top
                 and any(w.text == "達成状況" for w in line))
    assert texts(below)[-2:] == ["目標", "達成状況"]
    department = next(w for w in page_words(pdf)[0] if w.text == "所管課")
    assert department.x0 > below[-1].x1


def test_statuses_of_the_citys_rows(pdf: Path) -> None:
    # 新規就農者数: 4人 at baseline, target 3人 already passed: graded on the ratio, 1人 (見込) / 3人
    assert status_of(pdf, "新規就農者数") == "▲遅れ33.3%（見込）"
    assert texts(line_with(pdf, "新規就農者数"))[-1] == "産業振興課"
    # 合計特殊出生率: R2 is （※5）, no value to grade
    assert texts(line_with(pdf, "合計特殊出生率"))[-3:] == ["（※5）", "1.46", "－判定不能"]
    # 「緑の豊かさ」の満足度: （※4） in R2
    assert status_of(pdf, "「緑の豊かさ」の満足度") == "－判定不能"
    # 援農ボランティア講座修了者数（累計）: 208人 → 264人 (見込) against 255人: met
    assert status_of(pdf, "援農ボランティア講座修了者数") == "◎達成119.1%（見込）"
    assert status_of(pdf, "市内体験農園の区画数") == "◎達成180.0%（見込）"


def test_a_chart_page_follows_each_goals_table(pdf: Path) -> None:
    pages = [flat(t) for t in page_texts(pdf)]

    def what(page: str) -> str:
        goal = next(n for n, g in enumerate(GOALS, start=1) if g in page)
        return f"charts {goal}" if f"{GOALS[goal - 1]}指標の推移" in page else f"table {goal}"

    # each goal's table (one page), then its charts, six a page: 基本目標1 has 11 indicators
    assert [what(p) for p in pages] == ["table 1", "charts 1", "charts 1", "table 2", "charts 2", "charts 2",
                                        "table 3", "charts 3", "charts 3"]
    assert "新規就農者数" in pages[1] and "令和2年度:▲遅れ33.3%（見込）" in pages[1]  # as in the table
    # the legend: 003 prints the revised targets only, so 001's 当初目標 is not charted
    assert "実績（見込）" in pages[1] and "目標" in pages[1]
    assert "当初目標" not in "".join(pages) and "改訂後の目標" not in "".join(pages)
    assert "未定稿" in pages[0] and not any("未定稿" in t for t in pages[1:])  # the head on page 1 only


def test_without_the_options_the_table_is_as_printed(report_db: Database, pdf_dir: Path) -> None:
    plain = make_report(report_db, "kpi", handout("strategy-2015"), pdf_dir / "kpi-plain.pdf")
    assert not any("指標の推移" in t for t in page_texts(plain))
    assert texts(line_with(plain, "新規就農者数"))[-2:] == ["3人", "産業振興課"]
    assert "達成状況" not in [w.text for w in page_words(plain)[0]]


def test_charts_alone_and_a_departments_table(report_db: Database, pdf_dir: Path) -> None:
    options = handout("strategy-2015", chart_pages=True, department="産業振興課")
    out = make_report(report_db, "kpi", options, pdf_dir / "kpi-sangyo.pdf")
    pages = [flat(t) for t in page_texts(out)]
    charted = "".join(t for t in pages if "指標の推移" in t)
    assert "新規就農者数" in charted and "小平グリーンロード等のイベント来場者数" in charted
    assert "合計特殊出生率" not in charted and "児童館の利用者数" not in charted  # others' indicators
    assert texts(line_with(out, "新規就農者数"))[-1] == "産業振興課"  # no status column asked for


def test_lower_is_better_set_in_the_database_grades_the_table(built_db_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    try:
        name = "小平グリーンロード等のイベント来場者数"  # 0人 (見込) against 75,000人
        before = make_report(db, "kpi", handout("strategy-2015", status_column=True), tmp_path / "a.pdf")
        assert status_of(before, name).startswith("▲遅れ")
        set_direction(db, "strategy-2015", "g1.a2.k2", Direction.LOWER)
        after = make_report(db, "kpi", handout("strategy-2015", status_column=True), tmp_path / "b.pdf")
        assert status_of(after, name).startswith("◎達成")
    finally:
        db.dispose()


def _words(path: Path) -> list[Word]:
    return [w for page in page_words(path) for w in page]


def test_cli_status_and_charts(built_db_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite"
    shutil.copyfile(built_db_template, db)
    out = tmp_path / "kpi.pdf"
    assert main(["--db", str(db), "report", "kpi", "--plan", "strategy-2015", "--status", "--charts",
                 "--out", str(out)]) == 0
    assert status_of(out, "新規就農者数") == "▲遅れ33.3%（見込）"
    assert any(w.text.startswith("指標の推移") for w in _words(out))
    # the options belong to the achievement table only: a clear message, no file, no traceback
    wrong = tmp_path / "progress.pdf"
    run = subprocess.run([sys.executable, "-m", "kodaira_desk", "--db", str(db), "report", "progress",
                          "--plan", "strategy-2015", "--charts", "--out", str(wrong)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "kpi" in run.stderr and "--charts" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout and not wrong.exists()
