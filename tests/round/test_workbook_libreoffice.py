"""Workbooks as LibreOffice really saves them (headless, a Basic macro typing into the cells as a
clerk would): its own XML, cached results, its save time, save count and user name. The round
reads them as Excel would show them and orders them by LibreOffice's own save."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from round_helpers import FARM, PROGRESS_STATUS, export, field_value, value_cell
from workbook_helpers import INDICATORS, MEASURES, LibreOffice, aged, find_cell, hand_out, soffice

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.status import import_results

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
FARM_NAME = "市内体験農園の区画数"
MEASURE = "農にふれあえる場の提供"
FARM_FORECAST = value_cell("g1.a1.k3", ValueKind.FORECAST)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    return LibreOffice(tmp_path_factory.mktemp("libreoffice"), "太郎", "田中")


def _collect(db_path: Path, *files: Path):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return collect(db, list(files)).outcomes
    finally:
        db.dispose()


def _cells(book: Path) -> tuple[str, str, str, str]:
    """(実績, 実績（見込）, the unit beside them, 進捗状況) coordinates of the farm's row."""
    wb = openpyxl.load_workbook(book)
    ws, wm = wb[INDICATORS], wb[MEASURES]
    actual = find_cell(ws, FARM_NAME, "令和2年度 実績")
    forecast = find_cell(ws, FARM_NAME, "令和2年度 実績（見込）")
    return actual, forecast, find_cell(ws, FARM_NAME, "単位"), find_cell(wm, MEASURE, "令和2年度 進捗状況")


@pytest.mark.parametrize("order", ["in order", "corrected copy first"])
def test_two_libreoffice_saves_in_either_order_give_the_later(db_path: Path, tmp_path: Path, office: LibreOffice,
                                                              order: str) -> None:
    book = aged(db_path, hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"])
    actual, _, _, status = _cells(book)
    first = office.edit(book, tmp_path / "mail1" / book.name, [(INDICATORS, actual, 100)])
    second = office.edit(first, tmp_path / "mail2" / book.name, [(INDICATORS, actual, 200), (MEASURES, status, "実施中")])
    with zipfile.ZipFile(second) as z:
        core = z.read("docProps/core.xml").decode()
    assert "<cp:revision>2</cp:revision>" in core and "太郎 田中" in core  # LibreOffice's own record of its saves
    if order == "in order":
        assert [o.code for o in _collect(db_path, first, second)] == ["merged", "merged"]
    else:
        (taken,) = _collect(db_path, second)
        assert taken.code == "merged"
        before = export(db_path)
        (late,) = _collect(db_path, first)
        assert late.code == "stale" and "古い版" in late.message and "太郎 田中" in late.message
        assert export(db_path) == before
    assert field_value(db_path, FARM) == "200区画" and field_value(db_path, PROGRESS_STATUS) == "実施中"
    db = open_database(db_path, create=False)
    try:
        merged = [r for r in import_results(db) if r.result == "merged"]
    finally:
        db.dispose()
    assert merged[-1].saved_by == "太郎 田中" and (merged[-1].saved_with or "").startswith("LibreOffice 7")


def test_a_reference_saved_by_libreoffice_reads_the_value_it_shows(db_path: Path, tmp_path: Path,
                                                                   office: LibreOffice) -> None:
    book = aged(db_path, hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"])
    actual, forecast, _, _ = _cells(book)
    saved = office.edit(book, tmp_path / "lo" / book.name, [(INDICATORS, forecast, 362), (INDICATORS, actual, f"={forecast}")])
    (outcome,) = _collect(db_path, saved)
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "362区画"


@pytest.mark.parametrize(("what", "formula", "words"), [
    ("circular", "={self}", "循環参照"),
    ("circular through another cell", "={forecast}", "循環参照"),
    ("a function", "=SUM(G{row}:J{row})", "取り込めません"),
    ("another sheet", "=$実施状況.A1", "別のシート"),  # Calc's own syntax through its API; the file says 実施状況!A1
])
def test_formulas_libreoffice_saved_are_refused_by_cell(db_path: Path, tmp_path: Path, office: LibreOffice,
                                                        what: str, formula: str, words: str) -> None:
    book = aged(db_path, hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"])
    actual, forecast, _, _ = _cells(book)
    row = actual.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cells: list[tuple[str, str, object]] = [(INDICATORS, actual, formula.format(self=actual, forecast=forecast, row=row))]
    if what == "circular through another cell":
        cells.append((INDICATORS, forecast, f"={actual}"))
    saved = office.edit(book, tmp_path / "lo" / book.name, cells)
    before = export(db_path)
    (outcome,) = _collect(db_path, saved)
    assert outcome.code == "invalid_values", outcome.message
    assert f"成果指標!{actual}" in outcome.message and words in outcome.message and saved.name in outcome.message
    assert export(db_path) == before


def test_a_number_libreoffice_shows_rounded_keeps_its_decimals_and_says_so(db_path: Path, tmp_path: Path,
                                                                           office: LibreOffice) -> None:
    """The forecast cell holds 360区画 when handed out, formatted #,##0: 365.5 typed there shows 366."""
    book = aged(db_path, hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"])
    _, forecast, _, _ = _cells(book)
    saved = office.edit(book, tmp_path / "lo" / book.name, [(INDICATORS, forecast, 365.5)])
    assert openpyxl.load_workbook(saved)[INDICATORS][forecast].number_format == "#,##0"
    (outcome,) = _collect(db_path, saved)
    assert outcome.code == "merged"
    assert field_value(db_path, FARM_FORECAST) == "365.5区画"
    assert f"成果指標!{forecast} は 366 と表示されますが、入力された 365.5区画" in outcome.message
