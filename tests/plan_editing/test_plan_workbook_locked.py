"""A plan workbook import and a year the policy division fixed (確定, issue 24): the import is one
more road into a fixed year's fields (its targets, and the entries of what the workbook leaves
out). Without a reason it is refused naming them, nothing written; with one, each is recorded as a
correction (修正) like `round correct`, and handouts printed afterwards say 修正版. Both backends."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.export import dumps, trees_to_json
from kodaira_desk.services.plan_editing import PlanEditError
from kodaira_desk.services.plan_editing.workbook import (
    apply_plan_import,
    export_plan_workbook,
    preview_plan_import,
    undo_plan_import,
)
from kodaira_desk.services.plans import load_all, load_plan
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.year_locks import corrections, lock_year, revised_on
from kodaira_desk.store.database import Database

S = "strategy-2015"
R2 = FiscalYear(2020)
FARMERS_R2_TARGET = f"value:{S}:g1.a1.k1:target:2020:revised"  # 新規就農者数 令和2年度 目標（改訂）: 3人
REASON = "第2回推進委員会の後、産業振興課から目標の訂正があったため"


def _everything(db: Database) -> str:
    return dumps(trees_to_json(load_all(db)))


def _workbook(db: Database, tmp_path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    out = export_plan_workbook(db, S, tmp_path / "計画ブック.xlsx")
    wb = openpyxl.load_workbook(out)
    change(wb)
    wb.save(tmp_path / "変更後.xlsx")
    return tmp_path / "変更後.xlsx"


def _target(indicator: str, year: str, revision: str, value: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        row = next(r for r in wb["目標値"].iter_rows(min_row=2)
                   if (r[0].value, r[1].value, r[2].value, r[3].value) == (indicator, "目標", year, revision))
        row[4].value = value
    return change


def _without_indicator(key: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        for sheet in ("指標", "目標値"):
            ws = wb[sheet]
            for i in range(ws.max_row, 1, -1):
                if ws.cell(row=i, column=1).value == key:
                    ws.delete_rows(i)
    return change


@pytest.fixture
def locked(master_db: Database) -> Database:
    lock_year(master_db, S, R2, "政策課 山田", "第2回推進委員会で報告")
    return master_db


def test_an_import_changing_a_fixed_years_target_is_refused_naming_it(locked: Database, tmp_path: Path) -> None:
    book = _workbook(locked, tmp_path, _target("g1.a1.k1", "令和2年度", "改訂", "5人"))
    preview = preview_plan_import(locked, book, S)
    assert [(c.key, c.old, c.new) for c in preview.locked] == [(FARMERS_R2_TARGET, "3人", "5人")]
    assert preview.locked[0].describe() == "［確定済み］新規就農者数 令和2年度 目標（改訂）: 3人 → 5人"
    assert "うち確定済みの年度の値 1 件は、修正の理由を付けたときだけ" in preview.summary()
    before = _everything(locked)
    with pytest.raises(PlanEditError) as refused:
        apply_plan_import(locked, preview, actor="政策課 山田")
    assert refused.value.message.startswith(
        "令和2年度は確定済みのため、この取り込みでは変更できません: 新規就農者数 令和2年度 目標（改訂）（3人 → 5人）。"
        "変更するときは修正の理由を付けて取り込んでください")
    assert _everything(locked) == before  # nothing written, not even the import's other changes
    assert corrections(locked, S) == []


def test_with_a_reason_the_import_records_a_correction_and_handouts_say_revised(locked: Database,
                                                                             tmp_path: Path) -> None:
    from dataclasses import replace

    book = _workbook(locked, tmp_path, _target("g1.a1.k1", "令和2年度", "改訂", "5人"))
    preview = preview_plan_import(locked, book, S)
    change = apply_plan_import(locked, replace(preview, reason=f"  {REASON}\n"), actor="政策課 山田")
    assert change.inverse.corrected == (FARMERS_R2_TARGET,)
    (c,) = corrections(locked, S)
    assert (c.key, c.old, c.new, c.reason, c.actor) == (FARMERS_R2_TARGET, "3人", "5人", REASON, "政策課 山田")
    assert c.item.startswith("新規就農者数 令和2年度 目標")
    assert revised_on(locked, S) == datetime.date.today()  # reports printed now are a 修正版 of today
    trail = [(a["source"], a["old"], a["new"]) for a in audit_entries(locked) if a["field"] == FARMERS_R2_TARGET]
    assert trail == [("correction", "3人", "5人")]
    undo_plan_import(locked, change.inverse, actor="政策課 山田")  # the undo is a correction too
    back = [(c.old, c.new, c.reason) for c in corrections(locked, S)]
    assert back == [("3人", "5人", REASON), ("5人", "3人", f"{REASON}（取り込みを元に戻す）")]


def test_an_import_leaving_out_an_indicator_with_fixed_actuals_is_refused(locked: Database, tmp_path: Path) -> None:
    book = _workbook(locked, tmp_path, _without_indicator("g1.a1.k1"))
    preview = preview_plan_import(locked, book, S)
    keys = {c.key for c in preview.locked}
    assert FARMERS_R2_TARGET in keys and f"value:{S}:g1.a1.k1:forecast:2020:" in keys  # its R2 figures would go
    assert all(":2020:" in k for k in keys) and all(c.new is None for c in preview.locked)
    with pytest.raises(PlanEditError) as refused:
        apply_plan_import(locked, preview)
    assert ("確定済みのため、この取り込みでは変更できません: 新規就農者数 令和2年度 実績（見込）（1人 → 空欄）、"
            "新規就農者数 令和2年度 目標（改訂）（3人 → 空欄）。") in refused.value.message
    assert load_plan(locked, S).indicator("g1.a1.k1").name == "新規就農者数"  # still there


def test_an_import_of_other_years_is_not_held_by_the_lock(locked: Database, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["体系"]["D2"] = "住み続けたいまちをつくる"
        _target("g1.a1.k1", "令和元年度", "当初", "7人")(wb)

    wb = openpyxl.load_workbook(export_plan_workbook(locked, S, tmp_path / "x.xlsx"))
    assert any((r[0], r[1], r[2]) == ("g1.a1.k1", "目標", "令和元年度") for r in wb["目標値"].iter_rows(values_only=True))
    preview = preview_plan_import(locked, _workbook(locked, tmp_path, change), S)
    assert preview.locked == () and len(preview.changes) == 2
    apply_plan_import(locked, preview)
    assert corrections(locked, S) == []


def test_the_cli_refuses_without_a_reason_and_records_with_one(locked: Database, master: Path | str, tmp_path: Path,
                                                               capsys) -> None:  # type: ignore[no-untyped-def]
    book = _workbook(locked, tmp_path, _target("g1.a1.k1", "令和2年度", "改訂", "5人"))
    capsys.readouterr()
    assert main(["--db", str(master), "plan", "import", str(book), "--plan", S, "--by", "政策課 山田"]) == 2
    out, err = capsys.readouterr()
    assert "［確定済み］新規就農者数 令和2年度 目標（改訂）: 3人 → 5人" in out
    assert "確定済みのため、この取り込みでは変更できません" in err and "Traceback" not in out + err
    assert main(["--db", str(master), "plan", "import", str(book), "--plan", S, "--by", "政策課 山田",
                 "--reason", REASON]) == 0
    assert f"取り込みました: {S}（確定済みの年度の値 1 件を修正として記録）" in capsys.readouterr().out
    db = open_database(master, create=False)
    try:
        assert [(c.new, c.reason) for c in corrections(db, S)] == [("5人", REASON)]
    finally:
        db.dispose()


# --------------------------------------------------------------------------- the plan editor's own roads


def test_the_plan_editor_cannot_remove_or_change_what_a_fixed_year_holds(locked: Database) -> None:
    """Removing an item, an indicator or the plan that holds a fixed year's entries, or typing
    another target for that year in the indicator form, is refused naming the fields; an edit
    that leaves the fixed year's values as they are goes through."""
    from kodaira_desk.services.plan_editing import remove_indicator, remove_node, remove_plan, rename_node

    before = _everything(locked)
    for edit in (lambda: remove_node(locked, S, "g1.a1"), lambda: remove_indicator(locked, S, "g1.a1.k1"),
                 lambda: remove_plan(locked, S)):
        with pytest.raises(PlanEditError) as refused:
            edit()
        assert refused.value.message.startswith("令和2年度は確定済みのため、計画の編集では変更できません: ")
        assert "年次作業 > 年度の確定と修正" in refused.value.message
    assert _everything(locked) == before
    rename_node(locked, S, "g1.a1", "農のあるまちづくりの推進（改）")  # no fixed year's field changes
    assert load_plan(locked, S).node("g1.a1").title == "農のあるまちづくりの推進（改）"


def test_the_indicator_form_cannot_retype_a_fixed_years_target(locked: Database) -> None:
    from dataclasses import replace

    from kodaira_desk.services.plan_editing import save_indicator
    from kodaira_desk.services.plan_editing.indicators import IndicatorDraft

    ind = load_plan(locked, S).indicator("g1.a3.k1")  # 市内の駅の一日平均乗降客数
    draft = IndicatorDraft(ind.node_key, ind.name, ind.unit, ind.kind, departments=ind.departments,
                           targets={R2: "200,000人"})
    with pytest.raises(PlanEditError) as refused:
        save_indicator(locked, S, ind.key, draft)
    assert "市内の駅の一日平均乗降客数 令和2年度 目標" in refused.value.message
    save_indicator(locked, S, ind.key, replace(draft, targets={FiscalYear(2019): "195,000人"}))  # another year

