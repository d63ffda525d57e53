"""Issue 31: the yearly round for the plans in force, tried as the policy division would — from a
fresh database (the city's data), through the command line, with the department's files filled in
as their clerks would (the .kdesk through the app's edit session, the workbook with openpyxl as
Excel stores what is typed), collected, and printed."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from program_kit import head_text, pdf, workbooks

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Role, ValueKind
from kodaira_desk.domain.yearly import plans_in_force
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import EditSession, ProgressField, ValueCell, content_of
from kodaira_desk.services.plans import load_all, load_plan
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import round_years
from kodaira_desk.store.database import Database

R3, R7, R8 = FiscalYear(2021), FiscalYear(2025), FiscalYear(2026)
P = "program-2021"
SHIMIN = "市民協働・男女参画推進課"
SHEET = "主要事業の実績"


def _cli(*args: str) -> int:
    return main([str(a) for a in args])


def _rows(ws: object) -> dict[str, int]:
    """Row number of each name in column B (主要事業 and 成果指標)."""
    return {str(c.value): c.row for c in ws["B"] if c.value}  # type: ignore[index]


def _heads(ws: object, row: int) -> dict[str, str]:
    """Column letter of each heading in the header row above `row`."""
    for r in range(row - 1, 0, -1):
        cells = ws[r]  # type: ignore[index]
        if cells[0].value == "番号":
            return {head_text(c.value): c.column_letter for c in cells if c.value}
    raise AssertionError(f"no header above row {row}")


def _type(path: Path, values: dict[object, str]) -> None:
    db = open_database(path, create=False)
    try:
        session = EditSession()
        for target, text in values.items():
            session.set(target, content_of(target, text), None)  # type: ignore[arg-type]
        session.save(db, actor="市民協働・男女参画推進課 佐藤")
    finally:
        db.dispose()


def test_a_fresh_database_hands_out_a_program_year(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "配布"
    assert _cli("--db", db_path, "handout", "--year", "R3", "--out", out, "--format", "both") == 0
    made = sorted(p.name for p in out.iterdir())
    assert "提出用_令和3年度_市民協働・男女参画推進課.kdesk" in made
    assert "提出用_令和3年度_市民協働・男女参画推進課.xlsx" in made
    assert not any("保育課" in n for n in made)  # nothing of 保育課's runs in 令和3年度: no file
    wb = openpyxl.load_workbook(out / "提出用_令和3年度_市民協働・男女参画推進課.xlsx")
    assert wb.sheetnames == ["記入のしかた", SHEET, "kd_identity"]
    ws = wb[SHEET]
    rows = _rows(ws)
    j1 = rows["男女共同参画推進事業"]
    heads = _heads(ws, j1)
    for head in ("令和3年度 進捗状況", "令和3年度 実施内容", "令和3年度 決算額（千円）"):
        assert not ws[f"{heads[head]}{j1}"].protection.locked, head
    assert ws[f"{heads['令和3年度 計画の費用（千円）']}{j1}"].value == 8345
    assert ws[f"{heads['令和3年度 計画の費用（千円）']}{j1}"].protection.locked
    k1 = rows["男女共同参画に関する啓発等の企画数"]
    kheads = _heads(ws, k1)
    assert not ws[f"{kheads['令和3年度 実績']}{k1}"].protection.locked
    assert ws[f"{kheads['令和3年度 目標値']}{k1}"].value == "17"  # the year's 目標値, read only
    # validated cells: the status list and the 決算額's number rule
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    status = next(dv for ref, dv in rules.items() if f"{heads['令和3年度 進捗状況']}{j1}" in ref)
    assert status.type == "list" and "実施中" in status.formula1
    settled = next(dv for ref, dv in rules.items() if f"{heads['令和3年度 決算額（千円）']}{j1}" in ref)
    assert settled.type == "custom" and ">=0" in settled.formula1
    # the other department's project on a shared page is there, locked (女性再就職サポート事業 is 産業振興課's)
    assert "女性再就職サポート事業" not in rows  # not this department's page at all
    assert "国際交流事業" in rows  # shared with 文化スポーツ課: in both files


def test_values_typed_in_the_file_and_the_workbook_arrive_and_print(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "配布"
    assert _cli("--db", db_path, "handout", "--year", "R3", "--out", out, "--format", "both",
                "--department", SHIMIN, "--department", "産業振興課") == 0
    kdesk = out / "提出用_令和3年度_市民協働・男女参画推進課.kdesk"
    _type(kdesk, {ProgressField(P, "p1.j1", 2021, "status"): "実施中",
                  ProgressField(P, "p1.j1", 2021, "narrative"): "・フォーラムを2回開催\n・広報誌『ひらく』を発行",
                  ProgressField(P, "p1.j1", 2021, "settled"): "8,120千円",
                  ValueCell(P, "p1.k1", ValueKind.ACTUAL, 2021): "16"})
    book = out / "提出用_令和3年度_産業振興課.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    row = _rows(ws)["女性再就職サポート事業"]
    heads = _heads(ws, row)
    ws[f"{heads['令和3年度 進捗状況']}{row}"] = "実施済"  # chosen from the drop-down
    ws[f"{heads['令和3年度 実施内容']}{row}"] = "再就職支援セミナーを6回開催\n企業とのマッチング 12件"
    ws[f"{heads['令和3年度 決算額（千円）']}{row}"] = 4500  # Excel stores a typed number as a number
    ws[f"{heads['差の理由（計画と2割以上違うとき）']}{row}"] = "オンライン開催で会場費が減ったため"
    wb.save(book)
    workbooks.like_excel_desktop(book, book.with_suffix(".excel.xlsx")).replace(book)  # Excel's shared strings
    assert _cli("--db", db_path, "collect", kdesk, book, "--by", "政策課 山田") in (0, 1)
    db = open_database(db_path, create=False)
    try:
        tree = load_plan(db, P)
        j1 = tree.progress_in("p1.j1", R3)
        assert j1 is not None and (j1.status, str(j1.settled)) == ("実施中", "8,120")
        assert str(j1.narrative) == "・フォーラムを2回開催\n・広報誌『ひらく』を発行"
        j4 = tree.progress_in("p1.j4", R3)
        assert j4 is not None and (j4.status, str(j4.settled), j4.settled_note) == (
            "実施済", "4,500", "オンライン開催で会場費が減ったため")
        assert str(tree.indicator("p1.k1").value(ValueKind.ACTUAL, R3).value) == "16"  # type: ignore[union-attr]
        audit = [a for a in audit_entries(db) if a["source"] == "import"]
        settled = next(a for a in audit if a["field"] == "progress:program-2021:p1.j4:2021:settled")
        assert (settled["item"], settled["new"]) == ("4 女性再就職サポート事業 令和3年度 決算額", "4,500")
    finally:
        db.dispose()
    printed = tmp_path / "year.pdf"
    assert _cli("--db", db_path, "report", "program-year", "--plan", P, "--as-of", "R3", "--out", printed) == 0
    row4 = pdf.texts(pdf.line_with(printed, "女性再就職サポート事業"))
    assert "6,100" in row4 and "4,500" in row4 and "実施済" in row4
    text = pdf.flat(" ".join(pdf.page_texts(printed)))
    assert "再就職支援セミナーを6回開催" in text and "オンライン開催で会場費が減ったため" in text
    assert "フォーラムを2回開催" in text and "8,120千円" in text


def test_a_year_no_plan_runs_in_is_refused_and_writes_nothing(db_path: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "配布"
    assert _cli("--db", db_path, "handout", "--year", "R99", "--out", out) == 2
    err = capsys.readouterr().err
    assert "令和99年度に実施中の計画はありません" in err and "令和3年度～令和6年度" in err
    assert "次期計画を作成…" in err and "plan copy" in err  # after every plan: how to make the next one
    assert not out.exists()
    assert _cli("--db", db_path, "handout", "--year", "H10", "--out", out) == 2  # before every plan
    err = capsys.readouterr().err
    assert "平成10年度に実施中の計画はありません" in err and "plan copy" not in err
    assert not out.exists()
    db = open_database(db_path, create=False)
    try:
        assert round_years(db) == []  # no phantom round for collect's board
    finally:
        db.dispose()


def test_the_copied_program_runs_its_round_alone(db: Database, tmp_path: Path) -> None:
    change = pe.copy_plan(db, P, "program-2025", R7, FiscalYear(2028))
    assert len(change.nodes) == 46 and len(change.indicators) == 20
    copied = load_plan(db, "program-2025")
    assert copied.plan.round == load_plan(db, P).plan.round
    projects = [n for n in copied.nodes if n.budget is not None]
    assert len(projects) == 39 and all(n.budget is not None and not n.budget.costs for n in projects)
    assert len(copied.footnotes) == 9 and {f.document_id for f in copied.footnotes} == {"program-2025-program"}
    assert copied.indicator("p1.k1").departments[0].department == SHIMIN
    assert any("目標値" in n for n in change.notices) and any("注記 9 件" in n for n in change.notices)
    trees = load_all(db)
    assert [t.plan.id for t in plans_in_force(trees, R8)] == ["program-2025"]
    made = handout(db, R8, tmp_path / "配布", file_format="both")
    assert SHIMIN in {f.department for f in made}
    book = next(f.path for f in made if f.department == SHIMIN and f.path.suffix == ".xlsx")
    ws = openpyxl.load_workbook(book)[SHEET]
    policies = [str(c.value) for c in ws["B"] if str(c.value).endswith("）") and "実行プログラム" in str(c.value)]
    assert len(policies) == 2 and all("令和7年度～令和10年度" in t for t in policies)  # not the ended program
    row = _rows(ws)["男女共同参画推進事業"]
    assert not ws[f"{_heads(ws, row)['令和8年度 決算額（千円）']}{row}"].protection.locked


def test_the_copied_program_prints_in_004s_layout_inside_the_page(db: Database, tmp_path: Path) -> None:
    from kodaira_desk.services.reports import default_options, make_report

    pe.copy_plan(db, P, "program-2025", R7, FiscalYear(2028))
    printed = make_report(db, "program", default_options(db, "program", "program-2025"), tmp_path / "p.pdf")
    words = [w for page in pdf.page_words(printed) for w in page]
    assert max(w.x1 for w in words) < 595.3 - 30  # A4 portrait less its margin: nothing past the edge
    assert "主要事業の年次計画" in pdf.flat(pdf.page_texts(printed)[0])
    heads = pdf.texts(pdf.line_with(printed, "令和7年度"))
    assert heads[:4] == ["令和7年度", "令和8年度", "令和9年度", "令和10年度"]
    project = " ".join(pdf.texts(pdf.line_with(printed, "国際交流事業")))
    assert "文化スポーツ課" in project and "市民協働・男女参画推進課" in project
    year = make_report(db, "program-year", replace(default_options(db, "program-year", "program-2025"), as_of=R8),
                       tmp_path / "y.pdf")
    first = pdf.flat(pdf.page_texts(year)[0])  # the plan's name once, then the year
    assert "中期的な施策の取組方針・実行プログラム（令和7年度～令和10年度）令和8年度の取組状況" in first


def test_a_department_file_of_the_previous_version_collects_with_nothing_lost(tmp_path: Path) -> None:
    """A master and a .kdesk made by schema 5 (tests/fixtures/schema5: a clerk saved 男女共同参画推進事業's
    令和3年度 進捗状況 and 実施等状況 before the program asked for them); the app is updated, the master
    upgraded on open, the old file collected."""
    fixtures = Path(__file__).parents[1] / "fixtures" / "schema5"
    master, kdesk = tmp_path / "master.sqlite", tmp_path / "提出用_令和3年度_市民協働・男女参画推進課.kdesk"
    for gz, target in ((fixtures / "master.sqlite.gz", master), (fixtures / f"{kdesk.name}.gz", kdesk)):
        with gzip.open(gz, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    before = kdesk.read_bytes()
    db = open_database(master, create=False)
    try:
        report = collect(db, [kdesk], actor="政策課")
        assert [o.code for o in report.outcomes] == ["merged"], report.outcomes[0].message
        entry = load_plan(db, P).progress_in("p1.j1", R3)
        assert entry is not None and entry.status == "実施中"
        assert str(entry.narrative) == "・フォーラムを2回開催\n・広報誌『ひらく』を発行"
        assert entry.settled is None
    finally:
        db.dispose()
    assert kdesk.read_bytes() == before  # upgraded on a private copy


def test_the_shipped_program_takes_the_proposed_departments(db: Database) -> None:
    tree = load_plan(db, P)
    leads = {i.key: [d.department for d in i.departments if d.role is Role.LEAD] for i in tree.indicators}
    assert leads["p1.k1"] == [SHIMIN] and leads["p2.k1"] == ["障がい者支援課"]
    assert leads["p7.k3"] == ["防災危機管理課"]  # the proposal (the 施策's first 主要事業): marked for review
    assert all(len(v) == 1 for v in leads.values())
    assert pe.proposal_for(db, P, "p3") == "生活支援課"


def test_the_strategys_round_asks_what_it_asked(db: Database) -> None:
    """Before the setting, a plan asked its measures when it had a progress list: the leaves of its
    current edition that have a 課. The strategy's setting asks exactly those 43; the restructuring
    plan's sheets, nothing."""
    from kodaira_desk.domain.entry import expects_progress

    trees = {t.plan.id: t for t in load_all(db)}
    strategy = trees["strategy-2015"]
    latest = strategy.documents[-1].edition_id
    before = {n.key for n in strategy.nodes if strategy.is_leaf(n.key) and n.appearance_in(latest) is not None
              and n.departments}
    assert {n.key for n in strategy.nodes if expects_progress(strategy, n)} == before and len(before) == 43
    assert not any(expects_progress(trees["restructuring"], n) for n in trees["restructuring"].nodes)
    program = trees[P]
    assert sum(expects_progress(program, n) for n in program.nodes) == 39


def test_the_program_sheet_heads_break_between_words(db_path: Path, tmp_path: Path) -> None:
    """Each line of a head is whole in its column: no 「進捗状／況」 or 「計画の費用（千／円）」."""
    from kodaira_desk.io.xlsx_sheet import text_width

    out = tmp_path / "配布"
    assert _cli("--db", db_path, "handout", "--year", "R3", "--out", out, "--format", "xlsx",
                "--department", "市民協働・男女参画推進課") == 0
    ws = openpyxl.load_workbook(next(out.glob("*.xlsx")))[SHEET]
    heads = [c for row in ws.iter_rows() if row[0].value == "番号" for c in row if c.value]
    assert {"令和3年度\n進捗状況", "令和3年度\n計画の費用\n（千円）", "令和3年度\n実績（見込）\nのメモ"} <= {c.value for c in heads}
    for c in heads:
        for line in str(c.value).split("\n"):
            assert text_width(line) <= ws.column_dimensions[c.column_letter].width, (c.coordinate, c.value)
