"""How each kind of cell a clerk (or Excel) leaves in a returned workbook is read."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from round_helpers import FARM, export, field_value, value_cell
from workbook_helpers import INDICATORS, clerk_edit, find_cell, hand_out, rewrite_parts

from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.io.dept_workbook import CellSpec, Layout, RawCell
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.workbook import fields_of
from kodaira_desk.store.department_file import FileRefused

NAME = "市内体験農園の区画数"
ACTUAL, FORECAST = "令和2年度 実績", "令和2年度 実績（見込）"
FARM_FORECAST = value_cell("g1.a1.k3", ValueKind.FORECAST)


def _collect(db_path: Path, book: Path):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return collect(db, [book]).outcomes[0]
    finally:
        db.dispose()


def _with_cached_value(book: Path, out: Path, coord: str, cached: str) -> Path:
    """Give a formula the cached value Excel stores beside it (openpyxl writes none)."""
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            return re.sub(rf'(<c r="{coord}"[^>]*><f>[^<]*</f>)<v\s*/>'.encode(), rb"\1<v>" + cached.encode() + b"</v>", data)
        return data
    return rewrite_parts(book, out, change)


def test_a_plain_reference_uses_its_cached_value(db_path: Path, tmp_path: Path) -> None:
    import openpyxl

    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    ws = openpyxl.load_workbook(book)[INDICATORS]
    forecast = find_cell(ws, NAME, FORECAST)
    actual = find_cell(ws, NAME, ACTUAL)
    clerk_edit(book, {(INDICATORS, NAME, ACTUAL): f"={forecast}"})
    book2 = _with_cached_value(book, tmp_path / "cached.xlsx", actual, "360")
    outcome = _collect(db_path, book2)
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "360区画"


def test_a_reference_without_a_stored_result_reads_what_excel_would_show(db_path: Path, tmp_path: Path) -> None:
    """Excel stores a formula's result beside it; a writer that does not (like_excel_online) leaves
    none: the reference is followed through the sheet's own cells, as Excel shows it on opening."""
    import openpyxl
    from workbook_helpers import like_excel_online

    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    ws = openpyxl.load_workbook(book)[INDICATORS]
    forecast, actual = find_cell(ws, NAME, FORECAST), find_cell(ws, NAME, ACTUAL)
    clerk_edit(book, {(INDICATORS, NAME, ACTUAL): f"={forecast}", (INDICATORS, NAME, FORECAST): 362})
    cached = _with_cached_value(book, tmp_path / "cached.xlsx", actual, "362")
    assert b"<v>362</v>" in zipfile.ZipFile(cached).read("xl/worksheets/sheet2.xml")
    online = like_excel_online(cached, tmp_path / "online.xlsx")
    assert b"<v>362</v>" not in zipfile.ZipFile(online).read("xl/worksheets/sheet2.xml")
    outcome = _collect(db_path, online)
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "362区画" and field_value(db_path, FARM_FORECAST) == "362区画"


def test_a_reference_written_by_openpyxl_without_a_result_is_followed(db_path: Path, tmp_path: Path) -> None:
    import openpyxl

    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    forecast = find_cell(openpyxl.load_workbook(book)[INDICATORS], NAME, FORECAST)
    clerk_edit(book, {(INDICATORS, NAME, ACTUAL): f"={forecast}"})
    outcome = _collect(db_path, book)
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "360区画"  # what the forecast holds, as Excel would show


def test_a_cleared_cell_clears_the_value_and_a_wrong_unit_is_refused(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    assert field_value(db_path, FARM_FORECAST) == "360区画"
    cleared = clerk_edit(book, {(INDICATORS, NAME, FORECAST): None, (INDICATORS, NAME, ACTUAL): 365.0},
                         out=tmp_path / "cleared.xlsx")
    assert _collect(db_path, cleared).code == "merged"
    assert field_value(db_path, FARM_FORECAST) is None and field_value(db_path, FARM) == "365区画"
    wrong = clerk_edit(cleared, {(INDICATORS, NAME, ACTUAL): "366人"}, out=tmp_path / "wrong.xlsx")
    before = export(db_path)
    outcome = _collect(db_path, wrong)
    assert outcome.code == "invalid_values"
    assert "単位が違います" in outcome.message and "成果指標!" in outcome.message and "wrong.xlsx" in outcome.message
    assert export(db_path) == before


@pytest.fixture(scope="module")
def farm_tree(built_db_template: Path) -> PlanTree:
    db = open_database(built_db_template, create=False)
    try:
        return next(t for t in load_all(db) if t.plan.id == "strategy-2015")
    finally:
        db.dispose()


KEY = "value:strategy-2015:g1.a1.k3:actual:2020:"


def _layout() -> Layout:
    return Layout("h", "産業振興課", 2020, "s", "c", (CellSpec(INDICATORS, "K5", KEY, "", False),))


@settings(max_examples=200, deadline=None)
@given(number=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
       places=st.integers(0, 2), as_text=st.booleans())
def test_a_typed_number_reaches_the_master_as_printed(farm_tree: PlanTree, number: Decimal, places: int,
                                                       as_text: bool) -> None:
    shown = number.quantize(Decimal(1).scaleb(-places))
    fmt = "#,##0" + ("." + "0" * places if places else "")
    raw = RawCell(f"{shown:,}" if as_text else (int(shown) if places == 0 else float(shown)), fmt)
    fields, _ = fields_of({"strategy-2015": farm_tree}, "x.xlsx", _layout(), {(INDICATORS, "K5"): raw}, {})
    assert fields[KEY] == f"{shown:,}区画"


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    ("３６５", "General", "365区画"), ("365 区画", "General", "365区画"), ("約365", "General", "約365区画"),
    ("—", "General", "—"), ("※4", "General", "（※4）"), (365, "0.0", "365.0区画"), ("", "General", None),
])
def test_cells_as_clerks_type_them(farm_tree: PlanTree, value: object, fmt: str, expected: str | None) -> None:
    fields, _ = fields_of({"strategy-2015": farm_tree}, "x.xlsx", _layout(), {(INDICATORS, "K5"): RawCell(value, fmt)},
                          {KEY: "300区画"})
    assert fields[KEY] == expected


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (0.809, "0.0%", "80.9%"), (0.81, "0%", "81%"), ("80.9%", "General", "80.9%"), ("８０．９％", "General", "80.9%"),
    (80.9, "0.0", "80.9%"),
])
def test_a_percentage_as_excel_keeps_it(farm_tree: PlanTree, value: object, fmt: str, expected: str) -> None:
    key = "value:strategy-2015:g1.a1.k2:actual:2020:"  # 「小平産の農産物を購入するようにしている」人の割合 (%)
    layout = Layout("h", "産業振興課", 2020, "s", "c", (CellSpec(INDICATORS, "K5", key, "", False),))
    fields, _ = fields_of({"strategy-2015": farm_tree}, "x.xlsx", layout, {(INDICATORS, "K5"): RawCell(value, fmt)}, {})
    assert fields[key] == expected


@pytest.mark.parametrize(("value", "words"), [(True, "TRUE/FALSE"), ("abc", "数値として読めません"),
                                              (float("inf"), "数値として読めません"), ("1" * 30, "桁数が多すぎます")])
def test_cells_that_are_refused(farm_tree: PlanTree, value: object, words: str) -> None:
    with pytest.raises(FileRefused) as err:
        fields_of({"strategy-2015": farm_tree}, "x.xlsx", _layout(), {(INDICATORS, "K5"): RawCell(value, "General")}, {})
    assert "x.xlsx" in err.value.message and "成果指標!K5" in err.value.message and words in err.value.message
