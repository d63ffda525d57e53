"""The Excel export: the committee tables read back with openpyxl, checked on the city's values."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Measured, parse_value
from kodaira_desk.io.workbook import export_workbook
from kodaira_desk.io.xlsx_sheet import cell_number, clean_text, number_format
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.workbooks import export_xlsx
from kodaira_desk.store.database import Database

PLANS = ("strategy-2015", "program-2021", "restructuring")


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.fixture(scope="module")
def city_db(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("workbook-db") / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def trees(city_db: Database) -> dict[str, PlanTree]:
    return {pid: load_plan(city_db, pid) for pid in PLANS}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workbooks")


@pytest.fixture(scope="module")
def books(city_db: Database, out_dir: Path) -> dict[str, Workbook]:
    """Each plan exported once through the service, read back."""
    return {pid: load_workbook(export_xlsx(city_db, pid, out_dir / f"{pid}.xlsx")) for pid in PLANS}


# ----------------------------------------------------------------------------------- helpers
def row_of(ws: Worksheet, text: str, *, column: int | None = None) -> int:
    """The first row with a cell that equals `text` (or starts with it when it ends with …)."""
    for row in ws.iter_rows():
        for cell in row:
            if column is not None and cell.column != column:
                continue
            value = cell.value
            if isinstance(value, str) and (value == text or (
                    text.endswith("…") and value.startswith(text.rstrip("…")))):
                return cell.row
    raise AssertionError(f"{text!r} not found on {ws.title}")


def heads(ws: Worksheet) -> list[tuple[str, str]]:
    """(group head, year) per column from the two header rows (merged group heads spread)."""
    first = next(r for r in range(1, 8) if ws.cell(r, 1).value in ("施策番号", "No.", "指標"))
    out: list[tuple[str, str]] = []
    group = ""
    for c in range(1, ws.max_column + 1):
        top = ws.cell(first, c).value
        if top is not None:
            group = str(top)
        sub = ws.cell(first + 1, c).value
        out.append((group, str(sub) if sub is not None else ""))
    return out


def col(ws: Worksheet, group: str, year: str = "") -> int:
    return heads(ws).index((group, year)) + 1


def cells(ws: Worksheet, r: int) -> list[Cell]:
    return [ws.cell(r, c) for c in range(1, ws.max_column + 1)]


def shown(value: float | int, fmt: str) -> str:
    """What Excel shows for a number in the formats the export writes ('+#,##0"人";-#,##0"人"')."""
    sections = re.findall(r'(?:"[^"]*"|\\.|[^;])+', fmt)
    negative = value < 0
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    m = re.search(r"#,##0(?:\.(0+))?", section)
    assert m, fmt
    places = len(m.group(1) or "")
    digits = f"{abs(Decimal(str(value))):,.{places}f}"

    def literal(s: str) -> str:  # "quoted text" and \x escapes, as Excel reads them
        return re.sub(r'"([^"]*)"|\\(.)', lambda m: m.group(1) or m.group(2) or "", s)

    sign = "-" if negative and len(sections) == 1 else ""
    return literal(section[: m.start()]) + sign + digits + literal(section[m.end():])


# ------------------------------------------------------------------------------ the sheets
def test_each_plan_gets_its_tables(books: dict[str, Workbook]) -> None:
    assert books["strategy-2015"].sheetnames == ["進捗状況一覧", "達成状況", "概要・方針"]
    # and a program's year (issue 31): the same table as the program-year report
    assert books["program-2021"].sheetnames == ["到達目標", "年次計画", "年度の取組状況", "概要・方針"]
    assert books["restructuring"].sheetnames == ["年次計画", "取組内容"]


def test_kpi_row_reads_numbers_formatted_as_printed(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["達成状況"]
    r = row_of(ws, "児童館の利用者数")
    years = ["平成26年度末", "平成27年度末", "平成28年度末", "平成29年度末", "平成30年度末", "令和元年度末"]
    columns = [col(ws, "基準値", years[0])] + [col(ws, "実績", y) for y in years[1:]]
    columns += [col(ws, "実績（見込）", "令和２年度末"), col(ws, "目標", "令和２年度末")]  # 003's heads
    got = [ws.cell(r, c) for c in columns]
    assert [c.value for c in got] == [109367, 117102, 129999, 124777, 130870, 115953, 35874, 140000]
    assert all(c.data_type == "n" for c in got)
    assert {c.number_format for c in got} == {'#,##0"人"'}
    assert [shown(c.value, c.number_format) for c in got[:2]] == ["109,367人", "117,102人"]
    assert shown(got[-1].value, got[-1].number_format) == "140,000人"
    # 003 prints the revised target only: 001's first target (平成31年度末 115,000人) has no column
    assert not [h for h in heads(ws) if "策定時" in h[0] or (h[1] in ("平成31年度末", "令和元年度末") and h[0] == "目標")]
    assert ws.cell(r, col(ws, "所管課")).value == "子育て支援課"
    assert ws.cell(r, col(ws, "単位")).value == "人"


def test_absences_are_their_marks_as_text(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["達成状況"]
    r = row_of(ws, "市内の創業比率")
    h27 = ws.cell(r, col(ws, "実績", "平成27年度末"))
    forecast = ws.cell(r, col(ws, "実績（見込）", "令和２年度末"))
    assert (h27.value, h27.data_type) == ("-", "s")
    assert (forecast.value, forecast.data_type) == ("（※5）", "s")
    baseline = ws.cell(r, col(ws, "基準値", "平成26年度末"))
    assert (baseline.value, baseline.number_format) == (1.78, '#,##0.00"%"')
    assert shown(baseline.value, baseline.number_format) == "1.78%"
    # the baseline's ※ and its 平成24年度 belong to the strategy text (001): 003 prints neither
    assert not ws.cell(r, col(ws, "注記")).value and baseline.comment is None
    assert "経済センサス" not in "".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_printed_precision_sign_and_percent(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["達成状況"]
    r = row_of(ws, "合計特殊出生率")
    h26 = ws.cell(r, col(ws, "基準値", "平成26年度末"))
    assert (h26.value, h26.number_format) == (1.4, "#,##0.00")
    assert shown(h26.value, h26.number_format) == "1.40"
    r = row_of(ws, "人口の社会増減（転入数－転出数）")
    h27 = ws.cell(r, col(ws, "実績", "平成27年度末"))
    assert (h27.value, h27.number_format) == (1170, '+#,##0"人";-#,##0"人"')
    assert shown(h27.value, h27.number_format) == "+1,170人"
    r = row_of(ws, "「定住意向のある人」の割合（※2）")
    cell = ws.cell(r, col(ws, "基準値", "平成26年度末"))
    assert (cell.value, cell.number_format) == (80.9, '#,##0.0"%"')  # the printed figure, not 0.809


def test_every_printed_value_is_reproduced_by_its_format(trees: dict[str, PlanTree]) -> None:
    seen = 0
    for tree in trees.values():
        values = [v.value for i in tree.indicators for v in i.values]
        values += [c for n in tree.nodes if n.budget for c in n.budget.costs.values()]
        for v in values:
            if isinstance(v, Measured):
                assert shown(cell_number(v), number_format(v)) == str(v), str(v)
                seen += 1
    assert seen > 300
    for text in ("約5,000部", "4以上", "▲1,234人", "-12.5%", '3"号"'):
        v = parse_value(text) if '"' not in text else Measured(Decimal(3), '"号"')
        assert isinstance(v, Measured)
        assert shown(cell_number(v), number_format(v)) == str(v)


def test_cumulative_breakdown_footnotes_and_as_of(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["達成状況"]
    total = row_of(ws, "（３）③－４～６の事業におけるボランティア数等")
    assert ws.cell(total + 1, 1).value == "(内数)③－４　公園等管理におけるアダプト制度"
    assert ws.cell(total + 2, 1).value == "(内数)③－５　介護予防見守りボランティア　（累計）"
    row_of(ws, "援農ボランティア講座修了者数　（累計）")
    notes = row_of(ws, "（※4）令和2年度に実施予定であった世論調査を令和3年度に延期した…")
    # goal 1's notes are printed under goal 1's table, before goal 2 begins
    assert row_of(ws, "観光ガイドブック等の配布部数（※3）") < row_of(ws, "【留意事項】") < notes
    assert notes < row_of(ws, "基本目標２「若い世代の結婚・出産・子育ての希望をかなえる」")
    station = row_of(ws, "市内の駅の一日平均乗降客数")
    h27 = ws.cell(station, col(ws, "実績", "平成27年度末"))
    assert h27.value == 185872 and h27.comment is not None and "平成26年度" in h27.comment.text
    assert "平成25年度" in ws.cell(station, col(ws, "注記")).value


def test_progress_list_groups_measures_under_goal_and_area(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["進捗状況一覧"]
    r = row_of(ws, "若い世代の定住の促進")
    row = cells(ws, r)
    assert row[0].value == "5"  # as 000 numbers it, under its area's heading
    assert row[3].value == "都市計画課（地域整備支援課）（水と緑と公園課）"
    assert row[4].value == "実施中"
    # headings: bold rows merged across the table, nearest first
    merged = {rng.min_row for rng in ws.merged_cells.ranges if rng.max_col == ws.max_column}
    headings = [ws.cell(x, 1).value for x in range(r - 1, 4, -1) if x in merged and ws.cell(x, 1).font.b]
    assert headings[0] == "③ “住んでみたい”まちづくりと魅力の情報発信"
    assert headings[-1] == "基本目標1「住み続けたいまちの空間をつくる」"
    assert headings.index("③ “住んでみたい”まちづくりと魅力の情報発信") == 0 and len(headings) == 4
    h28 = ws.cell(r, col(ws, "実施等状況", "平成28年度"))
    assert h28.value.startswith("・魅力ある都市づくりに向けて、都市計画マスタープランを策定しました。\n・")
    assert h28.alignment.wrap_text
    assert ws.cell(r, col(ws, "実施等状況", "平成29年度")).value.startswith("・平成29年11月、鎌倉公園")
    assert ws.row_dimensions[r].height and ws.row_dimensions[r].height > 100
    assert ws.max_row >= 43 + 3 + 10


def test_program_targets_and_yearly_costs(books: dict[str, Workbook]) -> None:
    ws = books["program-2021"]["年次計画"]
    r = row_of(ws, "児童発達支援センターの整備")
    r3 = ws.cell(r, col(ws, "年次計画", "令和3年度"))
    assert (r3.value, r3.number_format, r3.data_type) == (218014, "#,##0", "n")
    assert ws.cell(r, col(ws, "区分")).value == "費用（千円）"
    assert ws.cell(r + 1, col(ws, "年次計画", "令和3年度")).value.startswith("たいよう福祉センターの改修")
    assert ws.cell(r + 1, col(ws, "年次計画", "令和4年度")).value == "開設 指定管理者による管理・運営"
    assert f"{get_range(ws, r + 1, col(ws, '年次計画', '令和4年度'))}" == "令和4年度-令和6年度"
    r = row_of(ws, "生活保護事業")
    assert ws.cell(r, col(ws, "年次計画", "令和6年度")).value == 6225723
    r = row_of(ws, "手話によるコミュニケーション支援の拡充と普及啓発")
    assert ws.cell(r, col(ws, "年次計画", "令和3年度")).value == "—"
    goals = books["program-2021"]["到達目標"]
    r = row_of(goals, "男女共同参画に関する啓発等の企画数")
    assert goals.cell(r, col(goals, "基準値", "令和2年度")).value == 15
    assert goals.cell(r, col(goals, "目標値", "令和6年度")).value == 20
    r = row_of(goals, "男女共同参画社会が実現されていると思う市民の割合(世論調査)")
    baseline = goals.cell(r, col(goals, "基準値", "令和2年度"))
    assert (baseline.value, shown(baseline.value, baseline.number_format)) == (27.0, "27.0*")
    assert "令和3年5月" in baseline.comment.text
    assert goals.cell(r, col(goals, "目標値", "令和3年度")).value == "—"


def get_range(ws: Worksheet, r: int, c: int) -> str:
    """The years a merged 概略 cell spans, by their header."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == r and rng.min_col == c:
            return f"{heads(ws)[rng.min_col - 1][1]}-{heads(ws)[rng.max_col - 1][1]}"
    return heads(ws)[c - 1][1]


def test_restructuring_schedule(books: dict[str, Workbook]) -> None:
    ws = books["restructuring"]["年次計画"]
    r = row_of(ws, "・市民活動支援センターの活性化")
    assert ws.cell(r, col(ws, "年次計画", "平成29年度")).value == "実施"
    assert ws.cell(r, col(ws, "年次計画", "平成30年度")).value is None
    # the years as the sheets, dated 平成28年8月25日, print them
    assert [h[1] for h in heads(ws) if h[0] == "年次計画"] == ["平成29年度", "平成30年度", "平成31年度", "平成32年度"]
    assert ws.cell(r, col(ws, "年次計画", "平成32年度")).value == "→"
    assert ws.cell(r, 2).value == "協働推進体制の充実"
    r = row_of(ws, "協働事業の推進", column=2)
    assert ws.cell(r, 3).value.startswith("文化スポーツ課、防災危機管理課、地域安全課")  # 002's 、
    texts = books["restructuring"]["取組内容"]
    r = row_of(texts, "アダプト制度の推進")
    assert texts.cell(r, col(texts, "成果指標")).value == "参加団体数 10団体"


def test_every_sheet_is_frozen_and_set_up_for_a4_landscape(books: dict[str, Workbook]) -> None:
    for book in books.values():
        for ws in book.worksheets:
            assert ws.freeze_panes is not None and ws.freeze_panes != "A1", ws.title
            assert ws.print_title_rows, ws.title
            setup = ws.page_setup
            assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9"), ws.title
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            first = int(ws.print_title_rows.split(":")[0].lstrip("$"))
            head = ws.cell(first, 1)
            assert head.font.b and head.fill.fgColor.rgb.endswith("DDEBF7"), ws.title
            assert int(ws.freeze_panes.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == int(
                ws.print_title_rows.split(":")[1].lstrip("$")) + 1
            widths = [ws.column_dimensions[c].width for c in "ABC"]
            assert all(w and 3 < w < 60 for w in widths), (ws.title, widths)


# --------------------------------------------------------------------------- safety, filter
def _inject(tree: PlanTree) -> PlanTree:
    node = tree.node("g1.a1.m1")
    app = dataclasses.replace(node.appearances[-1], title='=HYPERLINK("http://example.invalid","x")')
    nodes = tuple(dataclasses.replace(n, appearances=(*n.appearances[:-1], app)) if n is node else n
                  for n in tree.nodes)
    ind = tree.indicator("g2.a3.k4")
    indicators = tuple(dataclasses.replace(i, name="+SUM(1,2)") if i is ind else i
                       for i in tree.indicators)
    entry = tree.progress_in("g1.a1.m2", tree.progress_of("g1.a1.m2")[-1].year)
    assert entry is not None
    progress = tuple(dataclasses.replace(p, status="@実施中", narrative=RichText.parse("-1+2\n=2*3"))
                     if p is entry else p for p in tree.progress)
    return dataclasses.replace(tree, nodes=nodes, indicators=indicators, progress=progress)


def test_text_that_looks_like_a_formula_stays_text(trees: dict[str, PlanTree], tmp_path: Path) -> None:
    out = export_workbook(_inject(trees["strategy-2015"]), tmp_path / "inject.xlsx")
    book = load_workbook(out)
    ws = book["進捗状況一覧"]
    title = ws.cell(row_of(ws, "1", column=1), 2)
    assert title.value == '=HYPERLINK("http://example.invalid","x")'
    assert title.data_type == "s" and title.quotePrefix
    r = row_of(ws, "2", column=1)
    assert ws.cell(r, col(ws, "進捗状況")).value == "@実施中"
    assert ws.cell(r, col(ws, "実施等状況", "平成29年度")).value == "-1+2\n=2*3"
    kpi = book["達成状況"]
    assert kpi.cell(row_of(kpi, "+SUM(1,2)"), 1).data_type == "s"
    for sheet in book.worksheets:
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode("utf-8")


def test_cell_text_is_cleaned_of_what_a_cell_cannot_hold() -> None:
    assert clean_text("a\r\nb\rc\x00d\x1be") == "a\nb\ncde"
    assert len(clean_text("x" * 40000)) == 32767


def test_department_filter(city_db: Database, out_dir: Path) -> None:
    book = load_workbook(export_xlsx(city_db, "strategy-2015", out_dir / "hoiku.xlsx", department="保育課"))
    ws = book["進捗状況一覧"]
    numbers = {ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    assert {"保育環境の充実", "子育てふれあい広場事業の充実", "一時預かり事業の充実",  # lead, related
            "子育てに関する情報発信の推進",  # related
            "地域における子育て活動への支援"} <= numbers  # (各課): every department
    assert "市内農家の収入増に向けた取組の支援" not in numbers
    assert "学童クラブ事業の充実" not in numbers
    assert "担当課: 保育課" in ws.cell(2, 1).value
    kpi = book["達成状況"]
    names = {kpi.cell(r, 1).value for r in range(4, kpi.max_row + 1)}
    assert "市内保育施設等における保育定員" in names
    assert "児童館の利用者数" not in names and "新規就農者数" not in names
    program = load_workbook(export_xlsx(city_db, "program-2021", out_dir / "shogai.xlsx",
                                        department="障がい者支援課"))
    plan = program["年次計画"]
    names = {plan.cell(r, 2).value for r in range(4, plan.max_row + 1)}
    assert "児童発達支援センターの整備" in names and "生活保護事業" not in names
    goals = program["到達目標"]
    names = {goals.cell(r, 2).value for r in range(4, goals.max_row + 1)}
    assert "就労移行支援の実利用者数" in names
    assert "男女共同参画に関する啓発等の企画数" not in names


def test_export_is_atomic_and_reports_progress(city_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")
    calls: list[tuple[int, int]] = []
    assert export_xlsx(city_db, "program-2021", out, progress=lambda d, t: calls.append((d, t))) == out
    assert load_workbook(out).sheetnames == ["到達目標", "年次計画", "年度の取組状況", "概要・方針"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()  # the person's normal file mode, not 0600
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    out.write_bytes(b"old")
    with pytest.raises(Exception):  # noqa: B017 - whatever the store raises for an unknown plan
        export_xlsx(city_db, "no-such-plan", out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_values_as_the_city_does(out_dir: Path, books: dict[str, Workbook],
                                                        tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out_dir / "strategy-2015.xlsx")],
                   check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "strategy-2015.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert all(p.width > p.height for p in pdf.pages)  # landscape
    line = next(x for x in text.splitlines() if x.startswith("児童館の利用者数"))
    assert "109,367人" in line and "35,874人" in line and "140,000人" in line
    line = next(x for x in text.splitlines() if x.startswith("人口の社会増減"))
    assert "+460人" in line and "+1,170人" in line
    line = next(x for x in text.splitlines() if x.startswith("合計特殊出生率"))
    assert "1.40" in line and "（※5）" in line


def test_narratives_on_their_own_sheet(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["概要・方針"]
    r = row_of(ws, "① 農のあるまちづくりの推進", column=1)
    assert ws.cell(r, 2).value == "達成状況の概要"
    assert ws.cell(r, 3).value.startswith("・農業者の経営基盤強化のための支援")
    program = books["program-2021"]["概要・方針"]
    r = row_of(program, "現状と課題", column=2)
    assert program.cell(r + 1, 2).value == "取組の方針・内容"
    assert program.cell(r, 3).value.startswith("・")


def test_departments_with_the_documents_separators(books: dict[str, Workbook]) -> None:
    ws = books["program-2021"]["年次計画"]
    r = row_of(ws, "国際交流事業", column=2)
    assert ws.cell(r, 3).value == "文化スポーツ課／市民協働・男女参画推進課"
    progress = books["strategy-2015"]["進捗状況一覧"]
    r = row_of(progress, "いつまでも住み続けられる健康まちづくりの推進", column=2)
    assert progress.cell(r, 4).value == "産業振興課\n文化スポーツ課\n健康推進課"


def test_no_mark_of_another_document(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["達成状況"]
    # printed as 003 prints it: 001's ※ is not carried over (row_of matches the whole cell)
    assert row_of(ws, "地域における子育ての環境や支援への満足度")
    assert row_of(ws, "「定住意向のある人」の割合（※2）")
