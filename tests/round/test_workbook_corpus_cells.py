"""The generated hostile corpus, part 1: what a cell of a returned workbook may hold, and formulas.

Each case writes one kind of cell into the handed-out workbook's XML (the way Excel, LibreOffice,
openpyxl or another program stores it), in each of three writers' dialects (openpyxl's inline
strings, Excel's shared strings, a prefixed namespace without a dimension), and reads it as the
collection does (the container checks, the cells, the formulas, the domain's parser). The
expectation is written beside each case: the field value the master would receive, None for a
cleared cell, or a refusal (its code and words of its message, naming the cell).

Part 2 (test_workbook_corpus_files.py) collects whole files: zip damage, identity, versions.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbook_helpers import HEADER_ROW, INDICATORS, MEASURES, hand_out
from workbook_xml import DIALECTS, Book

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.io.dept_workbook import Layout, WorkbookRefused
from kodaira_desk.io.dept_workbook.guard import check_container
from kodaira_desk.io.dept_workbook.read import read_workbook
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.workbook import META_PREFIX, fields_of
from kodaira_desk.store.department_file import FileRefused
from kodaira_desk.store.reader import read_fields

# The cases name cells by what they hold: the columns below are checked against the handed-out
# workbook's heads and its layout by the harness, so a column added to the workbook (the notes'
# …のメモ beside each value, issue 25) fails there, by name, not as a case passing for another reason.
ACTUAL = "K"  # 成果指標: 令和2年度 実績 (the 実績 typed this year, column K: 3 years of past 実績 before it)
FORECAST = "N"  # 成果指標: 令和2年度 実績（見込）, after 実績, its unit and its note
STATUS_COLUMN = "E"  # 実施状況: 令和2年度 進捗状況
NARRATIVE = "G"  # 実施状況: 令和2年度 実施等状況, after 進捗状況 and its note
HEADS = {(INDICATORS, ACTUAL): "令和2年度\n実績", (INDICATORS, FORECAST): "令和2年度\n実績（見込）",
         (MEASURES, STATUS_COLUMN): "令和2年度\n進捗状況", (MEASURES, NARRATIVE): "令和2年度\n実施等状況"}
FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"  # 市内体験農園の区画数 (区画), row 5: K5
FARM_FORECAST = "value:strategy-2015:g1.a1.k3:forecast:2020:"  # N5, holds 360 formatted #,##0
FARMERS = "value:strategy-2015:g1.a1.k1:actual:2020:"  # 新規就農者数 (人), row 4: K4 (its 見込 N4 holds 1)
STATUS = "progress:strategy-2015:g1.a1.m1:2020:status"  # 実施状況!E4
TEXT = "progress:strategy-2015:g1.a1.m1:2020:narrative"  # 実施状況!G4
RATE = "value:strategy-2015:g3.a1.k2:actual:2020:"  # 市内の創業比率 (%), row 12: K12
FORECAST_AT = f"{FORECAST}5"  # the forecast the references read (360)


@dataclass(frozen=True)
class Refused:
    code: str
    message: str  # expected: words the message holds; read: the whole message


Expect = str | None | Refused | dict[str, object]
Setup = Callable[[Book], None]


@dataclass(frozen=True)
class Harness:
    book: Path
    layout: Layout
    trees: dict[str, PlanTree]
    base: dict[str, str | None]
    where: dict[str, str]  # field key → its cell ("成果指標!K5")

    def read(self, path: Path) -> tuple[dict[str, str | None], str] | Refused:
        def cells_for(_identity: dict[str, str], _sheets: set[str]) -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for c in self.layout.cells:
                out.setdefault(c.sheet, []).append(c.coord)
            return out

        try:
            check_container(path, path.name)
            cells = read_workbook(path, path.name, cells_for).cells
            return fields_of(self.trees, path.name, self.layout, cells, self.base)
        except (FileRefused, WorkbookRefused) as exc:
            assert exc.message.startswith(path.name), exc.message
            return Refused(exc.code, exc.message)


@pytest.fixture(scope="module")
def harness(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Harness:
    work = tmp_path_factory.mktemp("corpus-cells")
    master = work / "master.sqlite"
    shutil.copyfile(built_db_template, master)
    book = hand_out(master, work / "配布", ["産業振興課"])["産業振興課"]
    db = open_database(master, create=False)
    try:
        trees = {t.plan.id: t for t in load_all(db)}
    finally:
        db.dispose()
    con = sqlite3.connect(master)
    try:
        ((text,),) = con.execute("SELECT value FROM meta WHERE key LIKE ?", (META_PREFIX + "%",)).fetchall()
        layout = Layout.from_json(text)
        base = read_fields(con)
    finally:
        con.close()
    where = {c.key: f"{c.sheet}!{c.coord}" for c in layout.cells if c.key}
    assert where[FARM] == f"{INDICATORS}!{ACTUAL}5" and where[FARMERS] == f"{INDICATORS}!{ACTUAL}4"
    assert where[RATE] == f"{INDICATORS}!{ACTUAL}12" and where[FARM_FORECAST] == f"{INDICATORS}!{FORECAST_AT}"
    assert where[STATUS] == f"{MEASURES}!{STATUS_COLUMN}4" and where[TEXT] == f"{MEASURES}!{NARRATIVE}4"
    heads = load_workbook(book, read_only=True)
    try:
        assert {(s, c): heads[s][f"{c}{HEADER_ROW}"].value for s, c in HEADS} == HEADS
    finally:
        heads.close()
    assert base[FARM_FORECAST] == "360区画" and base[FARMERS.replace("actual", "forecast")] == "1人"
    return Harness(book, layout, trees, base, where)


# ---------------------------------------------------------------- the cases
def cell(coord: str = "K5", sheet: str = INDICATORS, **kw: object) -> Setup:
    def setup(b: Book) -> None:
        b.set_cell(sheet, coord, **kw)  # type: ignore[arg-type]
    return setup


def number(v: str, fmt: str | int | None = None, coord: str = "K5") -> Setup:
    def setup(b: Book) -> None:
        style = b.number_style(INDICATORS, coord, fmt) if fmt is not None else "keep"
        b.set_cell(INDICATORS, coord, v=v, t="n", style=style)
    return setup


def both(*setups: Setup) -> Setup:
    def setup(b: Book) -> None:
        for s in setups:
            s(b)
    return setup


def text(value: str, coord: str = "K5", sheet: str = INDICATORS) -> Setup:
    return cell(coord, sheet, inline=value)


def formula(f: str, v: str | None = None, t: str | None = None, coord: str = "K5", f_attrs: str = "") -> Setup:
    return cell(coord, f=f, v=v, t=t, f_attrs=f_attrs)


INVALID = "invalid_values"
CASES: list[tuple[str, Setup, Expect]] = [
    # ---- numbers as Excel stores them, in the cell's own format
    ("an integer", number("365"), "365区画"),
    ("a float with .0", number("365.0"), "365区画"),
    ("decimals typed", number("365.5"), "365.5区画"),
    ("a float's noise", number("0.30000000000000004"), "0.3区画"),
    ("a small number in exponent form", number("1.5E-3"), "0.0015区画"),
    ("too many decimals", number("1E-7"), Refused(INVALID, "小数の桁数が多すぎます")),
    ("a negative number", number("-5"), "-5区画"),
    ("negative zero", number("-0.0"), "0区画"),
    ("zero", number("0"), "0区画"),
    ("a huge number", number("1E+20"), Refused(INVALID, "桁数が多すぎます")),
    ("17 digits, kept to Excel's 15", number("12345678901234567"), "12,345,678,901,234,600区画"),
    ("NaN (no program writes it)", number("NaN"), Refused("not_workbook", "ブックの中身が読めません")),
    ("infinity (no program writes it)", number("INF"), Refused("not_workbook", "ブックの中身が読めません")),
    ("a format with one decimal", number("365", "0.0"), "365.0区画"),
    ("a format with two decimals and commas", number("365", "#,##0.00"), "365.00区画"),
    ("a format that rounds the display", number("365.5", "0"), "365.5区画"),
    ("a built-in format (#,##0.00)", number("365", 4), "365.00区画"),
    ("a scientific format", number("365", "0.00E+00"), "365区画"),
    ("a format with a literal unit", number("365", '0"区画"'), "365区画"),
    ("a format with a literal dot", number("365", '0"."0'), "365区画"),
    ("an accounting format", number("365", "#,##0.0_);[Red](#,##0.0)"), "365.0区画"),
    ("a percentage format on a count", number("0.81", "0%"), Refused(INVALID, "単位が違います")),
    ("a date format (numFmt 14)", number("45000", 14), Refused(INVALID, "日付として保存されています")),
    ("a custom date format", number("45000", "yyyy/m/d"), Refused(INVALID, "日付として保存されています")),
    ("an ISO date cell (t=d)", cell(v="2026-03-03T00:00:00", t="d"), Refused(INVALID, "日付として保存されています")),
    ("a boolean", cell(v="1", t="b"), Refused(INVALID, "TRUE/FALSE")),
    ("an error value", cell(v="#N/A", t="e"), Refused(INVALID, "数値として読めません")),
    ("an empty number", cell(v="", t="n"), None),
    ("no value at all", cell(), None),
    ("a number that is no number", cell(v="abc", t="n"), Refused("not_workbook", "ブックの中身が読めません")),
    # ---- text, as a clerk types it
    ("a number typed as text", text("365"), "365区画"),
    ("full-width digits", text("３６５"), "365区画"),
    ("the unit typed", text("365区画"), "365区画"),
    ("the unit after a space", text("365 区画"), "365区画"),
    ("an approximate value", text("約365"), "約365区画"),
    ("another unit", text("365人"), Refused(INVALID, "単位が違います")),
    ("not surveyed", text("-"), "-"),
    ("none", text("—"), "—"),
    ("a full-width minus as the mark", text("－"), "-"),
    ("a footnote mark", text("※4"), "（※4）"),
    ("a footnote in brackets", text("（※4）"), "（※4）"),
    ("a value with its footnote", text("365※4"), "365区画※4"),
    ("thousands separators", text("1,234"), "1,234区画"),
    ("an empty string", text(""), None),
    ("only spaces", text("   "), None),
    ("a word", text("abc"), Refused(INVALID, "数値として読めません")),
    ("exponent text", text("1e3"), Refused(INVALID, "数値として読めません")),
    ("nan as text", text("nan"), Refused(INVALID, "数値として読めません")),
    ("a very long number", text("1" * 30), Refused(INVALID, "桁数が多すぎます")),
    ("a very long text", text("あ" * 300), Refused(INVALID, "")),
    ("a right-to-left override", text("365\u202e"), Refused(INVALID, "U+202E")),
    ("a trailing newline", text("365\n"), "365区画"),
    ("a formula's string result without its formula", cell(v="365", t="str"), "365区画"),
    ("a shared string out of range", cell(v="9999", t="s"), Refused("not_workbook", "")),
    # ---- the measures sheet: a status and a narrative
    ("a status from the list", text("実施中", "E4", MEASURES), {STATUS: "実施中"}),
    ("a status cleared", text("", "E4", MEASURES), {STATUS: None}),
    ("a narrative with lines", text("体験農園を\n1か所増設した。", f"{NARRATIVE}4", MEASURES), {TEXT: "体験農園を\n1か所増設した。"}),
    ("a number as narrative", cell(f"{NARRATIVE}4", MEASURES, v="2020", t="n"), {TEXT: "2020"}),
    ("a date as narrative", cell(f"{NARRATIVE}4", MEASURES, v="2026-03-03T00:00:00", t="d"),
     Refused(INVALID, f"実施状況!{NARRATIVE}4（日付として保存されています")),
    ("a boolean as status", cell("E4", MEASURES, v="0", t="b"), Refused(INVALID, "実施状況!E4（TRUE/FALSE")),
    # ---- the percentage indicator (row 12), as Excel keeps 80.9%
    ("a percentage as Excel stores it", number("0.809", "0.0%", "K12"), {RATE: "80.9%"}),
    ("a percentage with a built-in format", number("0.809", 10, "K12"), {RATE: "80.90%"}),
    ("a percentage typed as a number", number("80.9", None, "K12"), {RATE: "80.9%"}),
    ("a percentage typed as text", text("80.9%", "K12"), {RATE: "80.9%"}),
    ("full-width percentage text", text("８０．９％", "K12"), {RATE: "80.9%"}),
    ("a percentage on a count of people", number("0.5", "0%", "K6"), Refused(INVALID, "成果指標!K6（単位が違います")),
    # ---- formulas: only a plain reference within the sheet, read as Excel shows it
    ("a reference with its result", formula(FORECAST_AT, "360"), "360区画"),
    ("a reference without a result", formula(FORECAST_AT), "360区画"),
    ("a reference with an empty result (openpyxl)", formula(FORECAST_AT, ""), "360区画"),
    ("an absolute reference", formula(f"${FORECAST}$5", "360"), "360区画"),
    ("a lower-case reference", formula(FORECAST_AT.lower(), "360"), "360区画"),
    ("a reference with spaces", formula(f" {FORECAST_AT} ", "360"), "360区画"),
    ("a reference naming its own sheet", formula(f"成果指標!{FORECAST_AT}", "360"), "360区画"),
    ("a quoted own sheet", formula(f"'成果指標'!{FORECAST_AT}", "360"), "360区画"),
    ("a forged result", formula(FORECAST_AT, "0"), Refused(INVALID, "保存された計算結果（0）")),
    ("a result slightly off", formula(FORECAST_AT, "361"), Refused(INVALID, "参照先の値（360）と違います")),
    ("a result of another type", formula(FORECAST_AT, "360", "str"), Refused(INVALID, "と違います")),
    ("a reference to itself (Excel)", formula("K5", "0"), Refused(INVALID, "循環参照です（K5 → K5）")),
    ("a reference to itself (LibreOffice)", formula("K5", "#VALUE!", "e"), Refused(INVALID, "循環参照")),
    ("a chain", both(formula("Z5", "360"), formula(FORECAST_AT, "360", coord="Z5")), "360区画"),
    ("a long chain", both(formula("Z1", "360"), *[formula(f"Z{i + 1}", "360", coord=f"Z{i}") for i in range(1, 40)],
                          formula(FORECAST_AT, "360", coord="Z40")), "360区画"),
    ("a cycle through another cell", both(formula("Z5", "0"), formula("K5", "0", coord="Z5")),
     Refused(INVALID, "循環参照です（K5 → Z5 → K5）")),
    ("a cycle further on", both(formula("Z5", "0"), formula("Z6", "0", coord="Z5"), formula("Z5", "0", coord="Z6")),
     Refused(INVALID, "循環参照")),
    ("a reference to an empty cell", formula("Z99", "0"), "0区画"),
    ("a reference to an empty cell without a result", formula("Z99"), "0区画"),
    ("a reference to the title (text)", formula("A1", "令和2年度 成果指標の実績（産業振興課）", "str"),
     Refused(INVALID, "数値として読めません")),
    ("a reference to a number typed as text", both(text("365", "Z5"), formula("Z5", "365", "str")), "365区画"),
    ("a reference to an error", both(cell("Z5", v="#N/A", t="e"), formula("Z5", "#N/A", "e")),
     Refused(INVALID, "参照先 Z5 がエラー（#N/A）")),
    ("a reference to a boolean", both(cell("Z5", v="1", t="b"), formula("Z5", "1", "b")), Refused(INVALID, "TRUE/FALSE")),
    ("arithmetic", formula(f"{FORECAST_AT}+0", "360"), Refused(INVALID, f"数式 ={FORECAST_AT}+0 は取り込めません")),
    ("a function", formula("SUM(G5:J5)", "1278"), Refused(INVALID, "数式 =SUM(G5:J5) は取り込めません")),
    ("a division by zero", formula("1/0", "#DIV/0!", "e"), Refused(INVALID, "取り込めません")),
    ("another sheet", formula("実施状況!A1", "計画", "str"), Refused(INVALID, "別のシート")),
    ("a quoted other sheet", formula("'記入のしかた'!A1", "x", "str"), Refused(INVALID, "別のシート")),
    ("a range", formula(f"{FORECAST_AT}:{FORECAST}6", "360"), Refused(INVALID, "取り込めません")),
    ("a defined name", formula("区画数", "360"), Refused(INVALID, "取り込めません")),
    ("a broken reference", formula("#REF!", "#REF!", "e"), Refused(INVALID, "取り込めません")),
    ("an empty formula", formula("", "360"), Refused(INVALID, "取り込めません")),
    ("beyond the last column", formula("XFE1", "0"), Refused(INVALID, "シートの外")),
    ("row zero", formula("A0", "0"), Refused(INVALID, "シートの外")),
    ("an array formula", formula(FORECAST_AT, "360", f_attrs=' t="array" ref="K5"'), Refused(INVALID, "取り込めません")),
    ("a data table", formula("", "360", f_attrs=f' t="dataTable" ref="K5" r1="{FORECAST_AT}"'), Refused(INVALID, "取り込めません")),
    ("a shared formula filled down (Excel)", both(formula(f"{FORECAST}4", "1", f_attrs=' t="shared" ref="K4:K5" si="0"', coord="K4"),
                                                   formula("", "360", f_attrs=' t="shared" si="0"')),
     {FARM: "360区画", FARMERS: "1人"}),
    ("a shared formula with a forged result", both(formula(f"{FORECAST}4", "1", f_attrs=' t="shared" ref="K4:K5" si="0"', coord="K4"),
                                                    formula("", "1", f_attrs=' t="shared" si="0"')),
     Refused(INVALID, f"成果指標!K5（数式 ={FORECAST_AT} の保存された計算結果（1）")),
    ("a reference in a percentage cell", both(number("0.809", "0.0%", f"{FORECAST}12"),
                                              lambda b: b.set_cell(INDICATORS, "K12", f=f"{FORECAST}12", v="0.809",
                                                                   style=b.number_style(INDICATORS, "K12", "0.0%"))),
     {RATE: "80.9%"}),
    ("a reference in the narrative", both(text("体験農園を1か所増設した。", "Z4", MEASURES),
                                          cell(f"{NARRATIVE}4", MEASURES, f="Z4", v="体験農園を1か所増設した。", t="str")),
     {TEXT: "体験農園を1か所増設した。"}),
]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("what", "setup", "expect"), CASES, ids=[c[0] for c in CASES])
def test_a_cell_reads_as_written_beside_it(harness: Harness, tmp_path: Path, dialect: str, what: str,
                                           setup: Setup, expect: Expect) -> None:
    book = Book(harness.book)
    setup(book)
    path = book.save(tmp_path / harness.book.name, dialect=dialect)
    got = harness.read(path)
    if isinstance(expect, Refused):
        assert isinstance(got, Refused), (what, got)
        assert got.code == expect.code and expect.message in got.message, got.message
        if expect.code == INVALID:
            assert "!" in got.message  # the cell is named
        return
    assert not isinstance(got, Refused), got.message
    fields, _notes = got
    wanted = expect if isinstance(expect, dict) else {FARM: expect}
    assert {k: fields.get(k) for k in wanted} == wanted


def test_a_display_that_rounds_is_named_in_the_message(harness: Harness, tmp_path: Path) -> None:
    book = Book(harness.book)
    number("365.5", "0")(book)
    got = harness.read(book.save(tmp_path / harness.book.name))
    assert not isinstance(got, Refused)
    fields, notes = got
    assert fields[FARM] == "365.5区画"
    assert "成果指標!K5 は 366 と表示されますが、入力された 365.5区画を取り込みました" in notes


def test_the_corpus_is_several_hundred_cases() -> None:
    assert len(CASES) * len(DIALECTS) >= 300
