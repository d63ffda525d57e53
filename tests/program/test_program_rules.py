"""The program year's rules on their own: what a 決算額 may be, when it asks for a reason, the round
setting in words, the loader's check of a proposed 所管課, and the open data and Excel that carry it."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round_setting import RoundSetting, RoundSettingError
from kodaira_desk.domain.values import AbsenceKind, Absent, Measured, parse_value
from kodaira_desk.domain.yearly import differs_much, opening_year
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.io.yaml_nodes import DataFileError
from kodaira_desk.paths import city_data_dir
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.achievement import export_open_data
from kodaira_desk.services.editing import ProgressField, content_of, save_edits, settled_content
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.workbooks import export_xlsx
from kodaira_desk.store.database import Database

NONE = Absent(AbsenceKind.NONE)


def test_a_settled_amount_reads_as_the_planned_cost_is_written() -> None:
    assert str(settled_content("8,120千円")) == "8,120"
    assert str(settled_content("８１２０")) == "8,120"  # full width, as an input method types it
    assert settled_content("—") == NONE
    assert str(settled_content("0")) == "0"
    for bad, why in (("-5", "0 以上"), ("約8,000", "約"), ("8,000円", "千円"), ("たくさん", "数値")):
        with pytest.raises(ValueParseError, match=why):
            settled_content(bad)


@pytest.mark.parametrize(("planned", "settled", "asks"), [
    ("8,345", "6,120", True),   # 26.7% under the plan
    ("8,345", "7,000", False),  # 16.1% under
    ("8,345", "10,014", True),  # exactly 2割 over
    ("—", "500", True),         # spent where nothing was planned
    (None, "500", False),       # no 費用 in the plan for the year (a copied next program): nothing to differ from
    (None, "—", False),
    ("2,304", "—", True),       # nothing spent where something was
    ("—", "—", False),
    ("0", "0", False),
])
def test_a_large_difference_asks_for_a_reason(planned: str | None, settled: str, asks: bool) -> None:
    assert differs_much(parse_value(planned) if planned else None, parse_value(settled)) is asks


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_the_reason_is_asked_exactly_from_two_tenths_of_the_plan(plan: int, spent: int) -> None:
    asked = differs_much(Measured(Decimal(plan)), Measured(Decimal(spent)))
    assert asked is (abs(spent - plan) * 10 >= plan * 2)
    assert not differs_much(Measured(Decimal(plan)), Measured(Decimal(plan)))


def test_a_round_setting_reads_and_writes_in_words() -> None:
    program = RoundSetting.from_words(2, ["進捗状況", "実施内容", "決算額", "実績"])
    assert program == RoundSetting(2, True, "実施内容", True, True)
    assert program.describe(("施策", "主要事業")) == "主要事業: 進捗状況、実施内容、決算額／指標: 実績"
    assert RoundSetting.from_words(None, []).describe(("施策",)) == "なし"
    with pytest.raises(RoundSettingError, match="どちらか一方"):
        RoundSetting.from_words(2, ["実施等状況", "実施内容"])
    with pytest.raises(RoundSettingError, match="使えません"):
        RoundSetting.from_words(2, ["予算"])
    with pytest.raises(RoundSettingError, match="階層"):
        RoundSetting.from_words(None, ["進捗状況"])


def test_a_proposed_department_that_is_not_the_proposal_stops_the_loader(tmp_path: Path) -> None:
    data = tmp_path / "city"
    shutil.copytree(city_data_dir(), data)
    path = data / "004_program.yaml"
    text = path.read_text(encoding="utf-8")
    wrong = text.replace("departments: {lead: [防災危機管理課], proposed: true}",
                         "departments: {lead: [市民課], proposed: true}", 1)
    assert wrong != text
    path.write_text(wrong, encoding="utf-8")
    with pytest.raises(DataFileError, match="防災危機管理課"):
        load_city_data(data)
    # without the mark it is a 所管課 like any printed one
    path.write_text(text.replace("departments: {lead: [防災危機管理課], proposed: true}",
                                 "departments: {lead: [市民課]}", 1), encoding="utf-8")
    tree = next(t for t in load_city_data(data) if t.plan.id == "program-2021")
    assert tree.indicator("p7.k1").departments[0].department == "市民課"  # the first of p7's three


def test_a_program_years_reports_are_open_data_and_a_sheet_of_the_workbook(db: Database, tmp_path: Path) -> None:
    year = FiscalYear(2021)
    fields = {ProgressField("program-2021", "p1.j1", 2021, "status"): "実施中",
              ProgressField("program-2021", "p1.j1", 2021, "narrative"): "・フォーラムを開催",
              ProgressField("program-2021", "p1.j1", 2021, "settled"): "6,120",
              ProgressField("program-2021", "p1.j1", 2021, "settled_note"): "会場費が減ったため"}
    save_edits(db, {t: content_of(t, v) for t, v in fields.items()}, actor="テスト")
    written = export_open_data(db, "program-2021", tmp_path / "csv")
    projects = next(p for p in written if p.name == "program-2021-projects.csv")
    lines = projects.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == ("program-2021,p1.j1,1,男女共同参画推進事業,市民協働・男女参画推進課,2021,令和3年度,千円,"
                        '"8,345","6,120",6120,実施中,・フォーラムを開催,会場費が減ったため')
    assert not any(p.name.endswith("-projects.csv") for p in export_open_data(db, "strategy-2015", tmp_path / "s"))
    book = export_xlsx(db, "program-2021", tmp_path / "program.xlsx")
    ws = openpyxl.load_workbook(book)["年度の取組状況"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == "男女共同参画推進事業")
    assert row[3:7] == (8345, 6120, -2225, "実施中") and "会場費が減ったため" in str(row[7])
    assert year.era_label() in str(ws["A1"].value)


def test_the_window_opens_on_the_year_the_city_is_in_once_a_plan_runs_then(db: Database) -> None:
    assert FiscalYear.of(date(2026, 12, 6)) == FiscalYear.of(date(2027, 3, 31)) == FiscalYear.parse("令和8年度")
    assert FiscalYear.of(date(2026, 3, 31)) == FiscalYear.parse("令和7年度")
    r8 = FiscalYear.parse("R8")
    trees = load_all(db)
    assert opening_year(trees, r8) == FiscalYear.parse("R6")  # the program ended: its last year
    assert opening_year(trees, FiscalYear.parse("H20")) == FiscalYear.parse("H27")  # before any: the first
    pe.copy_plan(db, "program-2021", "program-2025", FiscalYear.parse("R7"), FiscalYear.parse("R10"))
    assert opening_year(load_all(db), r8) == r8  # not the copy's 令和10年度
