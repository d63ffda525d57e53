"""A department's workbook on screen and on paper: read back with openpyxl (and printed through
LibreOffice), checked as a clerk sees it. The cells stay where the round reads them
(tests/round); these are about how they read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.cli import main
from kodaira_desk.io.dept_workbook.write import INSTRUCTIONS_WIDTH
from kodaira_desk.io.xlsx_sheet import BODY, LINE_PT, lines_needed, text_width

DEPARTMENTS = ("産業振興課", "市民協働・男女参画推進課")


@pytest.fixture(scope="module")
def books(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("dept-paper")
    db = folder / "city.sqlite"
    shutil.copyfile(built_db_template, db)
    args = ["--db", str(db), "handout", "--year", "R2", "--out", str(folder / "out"), "--format", "xlsx"]
    for d in DEPARTMENTS:
        args += ["--department", d]
    assert main(args) == 0
    return {p.stem.split("_")[2]: p for p in (folder / "out").glob("*.xlsx")}


def _book(books: dict[str, Path], department: str) -> Workbook:
    return load_workbook(books[department])


def _heads(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[3] if c.value}


def test_the_instructions_print_whole_on_one_a4_page(books: dict[str, Path]) -> None:
    ws = _book(books, "産業振興課")["記入のしかた"]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_area
    width = ws.column_dimensions["A"].width
    lines = [line for row in ws.iter_rows() for c in row if isinstance(c.value, str) for line in c.value.split("\n")]
    assert len(lines) > 15
    assert max(text_width(line) for line in lines) <= width <= INSTRUCTIONS_WIDTH
    for row in ws.iter_rows(min_row=2):
        text = row[0].value
        if isinstance(text, str) and "\n" in text:
            assert ws.row_dimensions[row[0].row].height >= len(text.split("\n")) * LINE_PT


@pytest.mark.parametrize("sheet", ["成果指標", "実施状況"])
def test_wrapped_cells_get_the_height_they_need(books: dict[str, Path], sheet: str) -> None:
    """The plan's name, the measure's title and the narratives wrap inside their row: none is cut
    (「小平市まち・ひと・し」) or printed over the next row."""
    ws = _book(books, "産業振興課")[sheet]
    checked = 0
    for row in ws.iter_rows(min_row=4):
        for c in row:
            if isinstance(c.value, str) and c.value and c.alignment.wrap_text:
                need = lines_needed(c.value, ws.column_dimensions[c.column_letter].width, BODY)
                height = ws.row_dimensions[c.row].height or LINE_PT
                assert height >= need * LINE_PT, (c.coordinate, c.value[:20])
                checked += 1
    assert checked > 20
    plan = ws.cell(4, 1)
    assert plan.value == "小平市まち・ひと・しごと創生総合戦略" and plan.alignment.wrap_text


@pytest.mark.parametrize("sheet", ["成果指標", "実施状況"])
def test_heads_break_where_they_read(books: dict[str, Path], sheet: str) -> None:
    ws = _book(books, "産業振興課")[sheet]
    heads = [c for c in ws[3] if c.value]
    assert any(c.value == "令和2年度\n実績" for c in heads) or any(c.value == "令和2年度\n実施等状況" for c in heads)
    for c in heads:
        for line in str(c.value).split("\n"):  # each line whole in its column: no 「実／績」
            assert text_width(line) <= ws.column_dimensions[c.column_letter].width, c.value


def test_numbers_read_on_their_own(books: dict[str, Path]) -> None:
    book = _book(books, "産業振興課")
    measures = book["実施状況"]
    numbers = [measures.cell(r, 2).value for r in range(4, measures.max_row + 1) if measures.cell(r, 3).value]
    assert len(numbers) == len(set(numbers)) > 10  # no four rows reading 「2」
    assert numbers[0] == "基本目標１ ①－１" and "基本目標１ ②－２" in numbers
    indicators = book["成果指標"]
    assert indicators.cell(4, 2).value == "基本目標１ ①"


def test_the_latest_years_narrative_beside_the_entry_year(books: dict[str, Path]) -> None:
    ws = _book(books, "産業振興課")["実施状況"]
    heads = _heads(ws)
    assert "平成29年度\n実施等状況" in heads  # the city's list stops there: not an empty 令和元年度
    column = heads["平成29年度\n実施等状況"]
    filled = [ws.cell(r, column).value for r in range(4, ws.max_row + 1) if ws.cell(r, 3).value]
    assert all(filled) and filled[0].startswith("・認定農業者の更新や新規認定の呼びかけを行い、25経営体")


def test_a_related_departments_rows_say_why_they_are_locked(books: dict[str, Path]) -> None:
    ws = _book(books, "産業振興課")["実施状況"]
    heads = _heads(ws)
    note, entry = heads["備考"], heads["令和2年度\n実施等状況"]
    rows = {ws.cell(r, 3).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 3).value}
    related = rows["地域における子育て活動への支援"]  # 市民協働・男女参画推進課 leads, (各課) related
    assert ws.cell(related, note).value == "関連課として参考に表示しています。入力は所管課（市民協働・男女参画推進課）が行います。"
    assert ws.cell(related, entry).protection.locked
    own = rows["市内農家の収入増に向けた取組の支援"]
    assert ws.cell(own, note).value is None and not ws.cell(own, entry).protection.locked


def test_context_values_carry_no_mark_of_another_document(books: dict[str, Path]) -> None:
    ws = _book(books, "産業振興課")["成果指標"]
    rows = {ws.cell(r, 3).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 3).value}
    baseline = _heads(ws)["基準値"]
    assert ws.cell(rows["小平グリーンロード等のイベント来場者数"], baseline).value == "62,600人"  # 001's ※2 left out
    assert ws.cell(rows["市内の創業比率"], baseline).value == "1.78%"


def test_libreoffice_prints_every_line_of_the_instructions(books: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (installer/system-deps.sh installs it)")
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(books["産業振興課"])], capture_output=True, check=True, timeout=300)
    pdf = next(tmp_path.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    printed = [" ".join(line.split()) for line in text.splitlines()]
    ws = _book(books, "産業振興課")["記入のしかた"]
    for row in ws.iter_rows():
        for line in str(row[0].value or "").split("\n"):
            if line.strip():
                assert " ".join(line.split()) in printed, line
