"""Fields the handouts printed otherwise than the city's documents (shared/seeds), each read back from
the PDF with the document's own text: 004's 令和6年度 targets with their ※ (「58※」), its project notes
in the program year's pages, its notes under the 到達目標 as it spaces them, 004's and 000's
half-width brackets."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_reading import all_lines, column_text, flat, line_on_page, line_with, page_texts, texts
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


def test_the_survey_month_under_a_baseline_in_004s_brackets(program: Path) -> None:
    """004 prints 「27.0* (令和3年5月)」 and 「68.9※ (令和3年5月)」: half-width brackets under the value."""
    for baseline in ("27.0*", "68.9※"):
        value = next(w for w in line_with(program, baseline) if w.text == baseline)
        month = next(w for w in line_on_page(program, value.page, "(令和3年5月)") if w.text == "(令和3年5月)")
        assert abs(month.x1 - value.x1) < 3 and 0 < month.top - value.top < 12


def test_a_mark_on_an_indicators_name_in_004s_brackets(program: Path) -> None:
    """004: 「2 女性相談等延べ人数(※2) 件 1,234 …」."""
    assert texts(line_with(program, "女性相談等延べ人数"))[1] == "女性相談等延べ人数(※2)"


@pytest.fixture(scope="module")
def progress(report_db: Database, pdf_dir: Path) -> Path:
    return make_report(report_db, "progress", ReportOptions("strategy-2015"), pdf_dir / "progress.pdf")


def test_related_departments_in_000s_brackets(progress: Path) -> None:
    """000: 「所管課 (関連課)」, 「産業振興課 (学務課)」, 「市民協働・男女参画推進課 (各課)」 — half-width,
    as 000 writes every bracket (「(仮称)」, 「(保育園含む)」); one department per line as before."""
    lead = next(w for w in line_with(progress, "地産地消の促進") if w.text == "産業振興課")
    related = line_on_page(progress, lead.page, "(学務課)")
    assert "(学務課)" in texts(related) and 0 < related[0].top - lead.top < 14
    assert "(各課)" in texts(line_with(progress, "(各課)"))
    assert texts(line_with(progress, "(関連課)")) == ["番号", "(関連課)"]
    assert "（" not in "".join(w.text for line in all_lines(progress) for w in line
                                if w.text.endswith("課）") or w.text.endswith("担当）"))


def _notes(pdf: Path) -> list[str]:
    """The lines of 【留意事項】, each with its mark: 「（※3）」, or 「・」 for the note with none."""
    lines = [texts(line) for line in all_lines(pdf)]
    at = next(i for i, line in enumerate(lines) if line[0] == "【留意事項】")
    out = []
    for line in lines[at + 1:]:
        if not (line[0].startswith("（※") or line[0].startswith("・複合的")):
            break
        out.append(line[0][:5] if line[0].startswith("（※") else "・")
    return out


def test_003_prints_every_note_its_marks_refer_to(report_db: Database, pdf_dir: Path) -> None:
    out = make_report(report_db, "kpi", handout("strategy-2015"), pdf_dir / "kpi.pdf")
    assert _notes(out) == ["・", "（※1）", "（※2）", "（※3）", "（※4）", "（※5）"]


@pytest.mark.parametrize(("changes", "notes"), [
    # 産業振興課's rows: the baseline's （※1）, 観光ガイドブック等の配布部数（※3）, 市内の創業比率's （※5）;
    # the surveys' rows (（※2）, （※4）) have no 所管課
    ({"department": "産業振興課"}, ["・", "（※1）", "（※3）", "（※5）"]),
    # 平成27〜29年度: the （※4）（※5） of 令和２年度末 are not in the table
    ({"years": (FiscalYear(2015), FiscalYear(2016), FiscalYear(2017))}, ["・", "（※1）", "（※2）", "（※3）"]),
])
def test_a_narrower_handout_prints_only_the_notes_of_the_marks_it_prints(
        report_db: Database, pdf_dir: Path, changes: dict[str, object], notes: list[str]) -> None:
    """A department's (or some years') copy of 003 leaves out the notes of marks that are in no row
    or column it prints, as the program's tables do: 「（※5） 現時点で調査結果等が公表されていません。」
    under a table with no （※5） reads as if one of its figures were missing."""
    out = make_report(report_db, "kpi", handout("strategy-2015", **changes), pdf_dir / "kpi-narrow.pdf")
    assert _notes(out) == notes


@pytest.mark.parametrize("changes", [{"as_of": FiscalYear(2019)}, {"years": (FiscalYear(2015), FiscalYear(2016))}])
def test_003s_note_on_its_forecasts_only_over_a_table_that_prints_one(
        report_db: Database, pdf_dir: Path, changes: dict[str, object]) -> None:
    """「※令和２年度末実績は、令和３年３月当初時点の見込値です。」 explains 003's 令和２年度末 実績（見込）
    column: a table up to 令和元年度 (or of 平成27・28年度) has no such column and no such note; the
    meeting, the date and 資料３ stay."""
    out = make_report(report_db, "kpi", handout("strategy-2015", **changes), pdf_dir / "kpi-earlier.pdf")
    first = flat(page_texts(out)[0])
    assert "実績（見込）" not in first and "見込値です" not in first
    assert "令和３年３月２９日（月）" in first and "資料３" in first  # 003 writes it full-width


def test_003s_note_on_its_forecasts_over_a_departments_table(report_db: Database, pdf_dir: Path) -> None:
    out = make_report(report_db, "kpi", handout("strategy-2015", department="保育課"), pdf_dir / "kpi-hoiku.pdf")
    assert flat("※令和２年度末実績は、令和３年３月当初時点の見込値です。") in flat(page_texts(out)[0])


@pytest.mark.parametrize(("years", "head"), [
    ((FiscalYear(2016), FiscalYear(2017)), "平成29年度までの実施等状況"),  # 000's own
    ((FiscalYear(2016),), "平成28年度までの実施等状況"),  # the first year: nothing before it left out
    ((FiscalYear(2017),), "平成29年度の実施等状況"),  # only 【平成29年度】 under it: 平成28年度 left out
])
def test_the_narratives_head_says_the_years_it_prints(
        report_db: Database, pdf_dir: Path, years: tuple[FiscalYear, ...], head: str) -> None:
    out = make_report(report_db, "progress", ReportOptions("strategy-2015", years=years), pdf_dir / "progress-y.pdf")
    assert head in texts(line_with(out, "名称"))  # the column head


def test_003s_notes_are_set_in_by_a_full_width_space(report_db: Database, pdf_dir: Path) -> None:
    """003 (seed lines 67–72) prints each note under 【留意事項】 after a full-width space: 「　・複合的…」,
    「　（※1） 市総合戦略…」; ours began at the heading's edge."""
    out = make_report(report_db, "kpi", handout("strategy-2015"), pdf_dir / "kpi.pdf")
    head = line_with(out, "【留意事項】")[0]
    notes = [line_with(out, start)[0] for start in ("・複合的", "（※1）", "（※5）")]
    em = head.x1 - head.x0  # 6 characters at the head's size; a note's type is 0.95 of it
    for note in notes:
        assert note.x0 - head.x0 > em / 6 * 0.8, (note.text, note.x0, head.x0)
    layout = subprocess.run(["pdftotext", "-layout", "-l", "1", str(out), "-"], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    at = next(i for i, line in enumerate(layout) if line.startswith("【留意事項】"))
    assert layout[at + 1].startswith(" ・複合的"), layout[at + 1]  # as pdftotext reads 003's 「　・」
