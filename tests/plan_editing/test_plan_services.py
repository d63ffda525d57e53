"""The plan-editing services on the city's database: each edit one transaction, audited, undoable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kodaira_desk.domain.departments import Department, ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, DocumentKind, Revision, Role, ValueKind
from kodaira_desk.domain.plan_structure import Move
from kodaira_desk.domain.scope import departments_in_scope
from kodaira_desk.domain.targets import effective_target, original_target, target_versions
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.export import dumps, to_jsonable
from kodaira_desk.services.plans import load_plan
from kodaira_desk.store.database import Database

FY = FiscalYear.parse
LEAD = Role.LEAD


def _audit(db_path: Path, prefix: str) -> list[tuple[str, str | None, str | None]]:
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT field_key, old, new FROM audit_log WHERE field_key LIKE ? ORDER BY id",
                       (prefix + "%",)).fetchall()
    con.close()
    return rows


def _small_plan(db: Database) -> None:
    pe.create_plan(db, pe.NewPlan("kids-2025", "子ども・子育て計画", FY("令和7年度"), FY("令和11年度"),
                                  ("基本目標", "施策"), (DocumentKind.STRATEGY, DocumentKind.KPI_STATUS)))
    g1 = pe.add_node(db, "kids-2025", None, "安心して子育てできるまち").nodes[0]
    g2 = pe.add_node(db, "kids-2025", None, "子どもが育つまち").nodes[0]
    m1 = pe.add_node(db, "kids-2025", g1, "保育の充実").nodes[0]
    pe.add_node(db, "kids-2025", g1, "相談の充実")
    pe.add_node(db, "kids-2025", g2, "居場所づくり")
    pe.set_node_departments(db, "kids-2025", m1, (DepartmentLink("保育課", LEAD),))
    pe.save_indicator(db, "kids-2025", None, pe.IndicatorDraft(
        m1, "待機児童数", "人", departments=(DepartmentLink("保育課", LEAD),), baseline="12",
        baseline_year=FY("令和6年度"), baseline_as_of="令和6年4月1日現在",
        targets={FY("令和9年度"): "5", FY("令和11年度"): "0人"}))


def test_a_plan_from_nothing(db: Database, db_path: Path) -> None:
    _small_plan(db)
    tree = load_plan(db, "kids-2025")
    assert tree.plan.levels == ("基本目標", "施策")
    assert [d.kind for d in tree.documents] == [DocumentKind.STRATEGY, DocumentKind.KPI_STATUS]
    tops = tree.children(None)
    assert [(n.number, n.title) for n in tops] == [("1", "安心して子育てできるまち"), ("2", "子どもが育つまち")]
    assert [n.title for n in tree.children(tops[0].key)] == ["保育の充実", "相談の充実"]
    assert [n.depth for n in tree.children(tops[0].key)] == [2, 2]
    ind = tree.indicators[0]
    assert ind.departments == (DepartmentLink("保育課", LEAD),)
    base = ind.value(ValueKind.BASELINE, FY("令和6年度"))
    assert base is not None and str(base.value) == "12人" and base.as_of == "令和6年4月1日現在"
    assert [str(v.value) for v in ind.values_of(ValueKind.TARGET)] == ["5人", "0人"]
    assert "保育課" in departments_in_scope(tree)
    assert _audit(db_path, "plan:kids-2025")[0][1] is None
    assert len(_audit(db_path, "structure:kids-2025:")) == 6


def test_moves_and_their_undo(master_db: Database) -> None:
    _small_plan(master_db)
    tree = load_plan(master_db, "kids-2025")
    g1, g2 = (n.key for n in tree.children(None))
    m2 = tree.children(g1)[1].key
    before = dumps({"t": to_jsonable(load_plan(master_db, "kids-2025"))})
    up = pe.move_node(master_db, "kids-2025", m2, Move.UP)
    assert next(n.key for n in load_plan(master_db, "kids-2025").children(g1)) == m2
    out = pe.move_node(master_db, "kids-2025", m2, Move.OUTDENT)
    t = load_plan(master_db, "kids-2025")
    assert [n.key for n in t.children(None)] == [g1, m2, g2] and t.node(m2).depth == 1
    ind = pe.move_node(master_db, "kids-2025", g2, Move.INDENT)
    t = load_plan(master_db, "kids-2025")
    assert t.node(g2).parent_key == m2 and t.node(g2).depth == 2
    assert t.node(t.children(g2)[0].key).depth == 3  # its child moved with it
    with pytest.raises(pe.PlanEditError, match="先頭"):
        pe.move_node(master_db, "kids-2025", g1, Move.UP)
    for change in (ind, out, up):
        pe.restore_structure(master_db, "kids-2025", change.inverse)
    assert dumps({"t": to_jsonable(load_plan(master_db, "kids-2025"))}) == before


def test_renumber_only_on_request(db: Database) -> None:
    _small_plan(db)
    _g1, g2 = (n.key for n in load_plan(db, "kids-2025").children(None))
    pe.move_node(db, "kids-2025", g2, Move.UP)
    assert [n.number for n in load_plan(db, "kids-2025").children(None)] == ["2", "1"]  # never silently
    change = pe.renumber_children(db, "kids-2025", None)
    assert [n.number for n in load_plan(db, "kids-2025").children(None)] == ["1", "2"]
    pe.set_numbers(db, "kids-2025", change.inverse)
    assert [n.number for n in load_plan(db, "kids-2025").children(None)] == ["2", "1"]


def test_removing_a_city_node_with_values_and_undoing_brings_every_value_back(db: Database,
                                                                              db_path: Path) -> None:
    before = dumps({"t": to_jsonable(load_plan(db, "strategy-2015"))})
    tree = load_plan(db, "strategy-2015")
    removed = pe.removal_of(tree, "g1.a1")
    assert removed.value_count > 10
    change = pe.remove_node(db, "strategy-2015", "g1.a1")
    after = load_plan(db, "strategy-2015")
    assert not after.has_node("g1.a1") and not after.has_node("g1.a1.m1")
    assert not any(i.node_key.startswith("g1.a1") for i in after.indicators)
    _key, old, new = _audit(db_path, "structure:strategy-2015:g1.a1")[-1]
    assert new is None and "g1.a1.m1" in (old or "")
    pe.restore_nodes(db, change.inverse)
    assert dumps({"t": to_jsonable(load_plan(db, "strategy-2015"))}) == before


def test_a_revised_target_keeps_the_original_with_year_and_reason(db: Database, db_path: Path) -> None:
    _small_plan(db)
    key = load_plan(db, "kids-2025").indicators[0].key
    pe.revise_target(db, "kids-2025", key, FY("令和9年度"), "3", "待機児童の減少が早いため上方修正")
    ind = load_plan(db, "kids-2025").indicator(key)
    versions = target_versions(ind, FY("令和9年度"))
    assert [(v.revision, str(v.value)) for v in versions] == [(Revision.ORIGINAL, "5人"), (Revision.RESET, "3人")]
    assert versions[1].note == "待機児童の減少が早いため上方修正"
    assert str(effective_target(ind, FY("令和9年度")).value) == "3人"  # type: ignore[union-attr]
    assert str(original_target(ind, FY("令和9年度")).value) == "5人"  # type: ignore[union-attr]
    assert _audit(db_path, f"value:kids-2025:{key}:target:2027:reset")
    with pytest.raises(pe.PlanEditError, match="理由"):
        pe.revise_target(db, "kids-2025", key, FY("令和9年度"), "2", "  ")
    # saving the form again keeps both
    pe.save_indicator(db, "kids-2025", key, pe.IndicatorDraft(ind.node_key, ind.name, "人", baseline="12",
                                                             baseline_year=FY("令和6年度"),
                                                             targets={FY("令和11年度"): "0"}))
    ind = load_plan(db, "kids-2025").indicator(key)
    assert [v.revision for v in target_versions(ind, FY("令和9年度"))] == [Revision.ORIGINAL, Revision.RESET]


def test_the_city_targets_read_the_same_way(db: Database) -> None:
    tree = load_plan(db, "strategy-2015")
    h31 = target_versions(tree.indicator("g1.t1"), FY("平成31年度"))
    assert [(v.revision, str(v.value)) for v in h31] == [(Revision.ORIGINAL, "83.0%")]
    r2 = [v for i in tree.indicators for v in target_versions(i, FY("令和2年度"))]
    assert r2 and all(v.revision is Revision.REVISED for v in r2)
    assert "+1,300人" in {str(v.value) for v in r2}


def test_bad_indicator_input_is_refused_by_name(master_db: Database) -> None:
    _small_plan(master_db)
    tree = load_plan(master_db, "kids-2025")
    ind = tree.indicators[0]
    with pytest.raises(pe.PlanEditError, match="単位"):
        pe.save_indicator(master_db, "kids-2025", None, pe.IndicatorDraft(ind.node_key, "x", "人", targets={FY("令和9年度"): "5%"}))
    with pytest.raises(pe.PlanEditError, match="値として読めません"):
        pe.save_indicator(master_db, "kids-2025", None, pe.IndicatorDraft(ind.node_key, "x", "人", targets={FY("令和9年度"): "たくさん"}))
    with pytest.raises(pe.PlanEditError, match="自分に戻ります"):
        pe.save_indicator(master_db, "kids-2025", ind.key, pe.IndicatorDraft(ind.node_key, ind.name, "人", part_of=ind.key))
    with pytest.raises(pe.PlanEditError, match="ありません"):
        pe.save_indicator(master_db, "kids-2025", None, pe.IndicatorDraft(ind.node_key, "x", "人", part_of="nowhere"))
    assert load_plan(master_db, "kids-2025") == tree


def test_a_merge_from_r7(master_db: Database) -> None:
    r6, r7 = FY("令和6年度"), FY("令和7年度")
    before = load_plan(master_db, "strategy-2015")
    held = [n.key for n in before.nodes if "産業振興課" in n.lead_departments()]
    assert held
    change = pe.reorganise(master_db, ReorganisationKind.MERGE, r7, ("産業振興課", "文化スポーツ課"), ("地域振興課",),
                           readings={"地域振興課": "ちいきしんこうか"})
    now = load_plan(master_db, "strategy-2015")
    assert all("地域振興課" in now.node(k).lead_departments() for k in held)
    assert "産業振興課" not in departments_in_scope(pe.plan_in_year(master_db, "strategy-2015", r7))
    assert "地域振興課" in departments_in_scope(pe.plan_in_year(master_db, "strategy-2015", r7))
    old = pe.plan_in_year(master_db, "strategy-2015", r6)
    assert [n.departments for n in old.nodes] == [n.departments for n in before.nodes]
    names = [d.name for d in pe.list_departments(master_db)]
    assert "地域振興課" in names and "産業振興課" not in names
    assert "産業振興課" in [d.name for d in pe.list_departments(master_db, include_retired=True)]
    pe.undo_reorganisation(master_db, change.inverse)
    assert load_plan(master_db, "strategy-2015").nodes == before.nodes
    assert "地域振興課" not in [d.name for d in pe.list_departments(master_db, include_retired=True)]


def test_departments_sort_by_reading(db: Database) -> None:
    pe.save_department(db, Department("産業振興課", "さんぎょうしんこうか", "0301"))
    pe.save_department(db, Department("保育課", "ほいくか", "0501"))
    pe.save_department(db, Department("学務課", "がくむか", "0701"))
    names = [d.name for d in pe.list_departments(db) if d.reading]
    assert names == ["学務課", "産業振興課", "保育課"]
    assert next(d for d in pe.list_departments(db) if d.name == "保育課").code == "0501"


def test_next_period_from_the_last_actuals(master_db: Database) -> None:
    old = load_plan(master_db, "strategy-2015")
    pe.copy_plan(master_db, "strategy-2015", "strategy-2025", FY("令和7年度"), FY("令和11年度"),
                 "第2期 総合戦略", actuals_as_baselines=True)
    new = load_plan(master_db, "strategy-2025")
    assert new.plan.title == "第2期 総合戦略" and new.plan.levels == old.plan.levels
    assert [(n.key, n.number, n.title) for n in new.nodes] == [(n.key, n.number, n.title) for n in old.nodes]
    assert [i.departments for i in new.indicators] == [i.departments for i in old.indicators]
    ind = new.indicator("g1.t1")
    actuals = [v for v in old.indicator("g1.t1").values_of(ValueKind.ACTUAL)]
    last = [v for v in actuals if str(v.value) not in ("-", "—")][-1]
    assert [(v.kind, v.year, v.value) for v in ind.values] == [(ValueKind.BASELINE, last.year, last.value)]
    assert not any(v.kind is ValueKind.TARGET for i in new.indicators for v in i.values)
    with pytest.raises(pe.PlanEditError, match="すでにあります"):
        pe.copy_plan(master_db, "strategy-2015", "strategy-2025", FY("令和7年度"), FY("令和11年度"))


def test_refused_in_a_department_file(db: Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO meta(key, value) VALUES ('file_kind', 'department')")
    con.commit()
    con.close()
    with pytest.raises(pe.PlanEditError, match="提出用ファイル"):
        pe.add_node(db, "strategy-2015", None, "新しい目標")
    assert not any(n.title == "新しい目標" for n in load_plan(db, "strategy-2015").nodes)


def test_saving_a_city_indicator_unchanged_changes_nothing(db: Database) -> None:
    tree = load_plan(db, "strategy-2015")
    for key in ("g1.t1", "g1.t2"):
        ind = tree.indicator(key)
        base = ind.values_of(ValueKind.BASELINE)[0]
        targets = {v.year: str(v.value) for v in ind.values_of(ValueKind.TARGET)
                   if v.revision in (Revision.CURRENT, Revision.ORIGINAL)}
        pe.save_indicator(db, "strategy-2015", key, pe.IndicatorDraft(
            ind.node_key, ind.name, ind.unit, ind.kind, ind.number, ind.cumulative, ind.part_of, ind.source,
            ind.departments, str(base.value), base.year, base.as_of, targets))
    assert load_plan(db, "strategy-2015") == tree


def test_indicator_notes_replace_in_place_and_undo(master_db: Database) -> None:
    tree = load_plan(master_db, "strategy-2015")
    before = tree.footnotes
    key = "g1.t1"
    old = pe.indicator_notes(tree, key)
    assert old == ()
    notes = pe.parse_notes("※1 隔年の調査のため、偶数年度のみ\n市民意識調査による")
    assert notes == (("※1", "隔年の調査のため、偶数年度のみ"), (None, "市民意識調査による"))
    change = pe.set_indicator_notes(master_db, "strategy-2015", key, notes)
    now = load_plan(master_db, "strategy-2015")
    assert pe.indicator_notes(now, key) == notes
    assert now.footnotes[:len(before)] == before  # the city's own notes stay where they were
    pe.set_indicator_notes(master_db, "strategy-2015", key, (("※1", "隔年の調査"),))
    assert pe.indicator_notes(load_plan(master_db, "strategy-2015"), key) == (("※1", "隔年の調査"),)
    pe.set_indicator_notes(master_db, "strategy-2015", key, notes)
    pe.set_indicator_notes(master_db, "strategy-2015", key, change.inverse)
    assert pe.indicator_notes(load_plan(master_db, "strategy-2015"), key) == old
    assert load_plan(master_db, "strategy-2015").footnotes == before
