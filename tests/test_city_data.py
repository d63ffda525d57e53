"""The city's real values, read back from the built database through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DocumentKind,
    IndicatorKind,
    PlanTree,
    Revision,
    Role,
    ValueKind,
    departments_label,
    display_number,
)
from kodaira_desk.domain.values import AbsenceKind, Absent, Measured
from kodaira_desk.services.plans import list_plans, load_plan

FY = FiscalYear.parse


@pytest.fixture(scope="module")
def plans(built_db_template) -> dict[str, PlanTree]:  # type: ignore[no-untyped-def]
    from kodaira_desk.store.database import Database

    db = Database(built_db_template)
    try:
        return {pid: load_plan(db, pid) for pid, _ in list_plans(db)}
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def strategy(plans: dict[str, PlanTree]) -> PlanTree:
    return plans["strategy-2015"]


def _text(tree: PlanTree, key: str, kind: ValueKind, year: str, rev: Revision | None = None) -> str:
    v = tree.indicator(key).value(kind, FY(year), rev)
    assert v is not None, (key, kind, year)
    return str(v.value)


def _by_name(tree: PlanTree, name: str):  # type: ignore[no-untyped-def]
    found = [i for i in tree.indicators if i.name == name]
    assert len(found) == 1, name
    return found[0]


def test_three_plans_with_their_titles(plans: dict[str, PlanTree]) -> None:
    assert {p.plan.title for p in plans.values()} == {
        "小平市まち・ひと・しごと創生総合戦略",
        "中期的な施策の取組方針・実行プログラム",
        "小平市行財政再構築プラン",
    }
    s = plans["strategy-2015"].plan
    assert s.levels == ("基本目標", "施策", "具体的な施策")
    assert (s.period_from, s.period_to) == (FY("平成27年度"), FY("平成31年度"))


# --- 003: the KPI achievement table -------------------------------------------------------
def test_r2_forecast_of_nursery_capacity(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "市内保育施設等における保育定員")
    v = ind.value(ValueKind.FORECAST, FY("令和2年度"))
    assert v is not None and str(v.value) == "7,944人"
    assert isinstance(v.value, Measured) and v.value.number == Decimal(7944)


def test_fertility_rate_keeps_two_decimals(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "合計特殊出生率")
    v = ind.value(ValueKind.BASELINE, FY("H26"))
    assert v is not None and str(v.value) == "1.40"
    assert isinstance(v.value, Measured) and str(v.value.number) == "1.40"


def test_startup_rate_absences(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "市内の創業比率")
    h27 = ind.value(ValueKind.ACTUAL, FY("H27"))
    r2 = ind.value(ValueKind.FORECAST, FY("R2"))
    assert h27 is not None and h27.value == Absent(AbsenceKind.NO_SURVEY)
    assert r2 is not None and r2.value == Absent(AbsenceKind.FOOTNOTE, "※5")
    assert str(r2.value) == "（※5）"
    h28 = ind.value(ValueKind.ACTUAL, FY("H28"))
    assert h28 is not None and str(h28.value) == "7.83%"


def test_population_targets_original_and_revised(strategy: PlanTree) -> None:
    key = _by_name(strategy, "人口の社会増減（転入数－転出数）").key
    assert _text(strategy, key, ValueKind.TARGET, "平成31年度", Revision.ORIGINAL) == "+600人"
    assert _text(strategy, key, ValueKind.TARGET, "令和2年度", Revision.REVISED) == "+1,300人"
    assert _text(strategy, key, ValueKind.ACTUAL, "H27") == "+1,170人"
    baseline = strategy.indicator(key).value(ValueKind.BASELINE, FY("H26"))
    assert baseline is not None and str(baseline.value) == "+460人"
    assert baseline.marks == ("※1",) and baseline.as_of == "平成26年中"


def test_survey_indicator_waits_for_the_postponed_survey(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "「定住意向のある人」の割合")
    assert [str(v.value) for v in ind.values_of(ValueKind.ACTUAL)] == ["-", "84.2%", "-", "76.7%", "-"]
    forecast = ind.value(ValueKind.FORECAST, FY("R2"))
    assert forecast is not None and str(forecast.value) == "（※4）"
    assert ind.source and "世論調査" in ind.source
    note = [f for f in strategy.footnotes if f.mark == "※4"]
    assert note and "延期" in note[0].text


def test_breakdown_rows_add_up_to_their_parent(strategy: PlanTree) -> None:
    parents = {i.part_of for i in strategy.indicators if i.part_of}
    assert parents, "the volunteer indicator has 内数 rows"
    checked = 0
    for parent_key in parents:
        parent = strategy.indicator(parent_key)
        parts = strategy.breakdowns_of(parent_key)
        assert len(parts) == 3
        for pv in parent.values:
            part_values = [p.value(pv.kind, pv.year) for p in parts]
            if not isinstance(pv.value, Measured) or any(
                x is None or not isinstance(x.value, Measured) for x in part_values
            ):
                continue
            total = sum(x.value.number for x in part_values)  # type: ignore[union-attr]
            assert total == pv.value.number, (pv.kind, pv.year)
            checked += 1
    assert checked >= 7  # H26 … R1, the R2 forecast and the R2 target


def test_childrens_hall_row_in_column_order(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "児童館の利用者数")
    row = [str(ind.value(ValueKind.BASELINE, FY("H26")).value)]  # type: ignore[union-attr]
    row += [str(v.value) for v in ind.values_of(ValueKind.ACTUAL)]
    row.append(str(ind.value(ValueKind.FORECAST, FY("R2")).value))  # type: ignore[union-attr]
    row.append(str(ind.value(ValueKind.TARGET, FY("R2"), Revision.REVISED).value))  # type: ignore[union-attr]
    assert row == ["109,367人", "117,102人", "129,999人", "124,777人", "130,870人", "115,953人",
                   "35,874人", "140,000人"]
    assert departments_label(ind.departments) == "子育て支援課"


def test_station_passengers_each_value_has_its_own_year(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "市内の駅の一日平均乗降客数")
    actuals = ind.values_of(ValueKind.ACTUAL)
    assert [(str(v.value), v.as_of) for v in actuals[:2]] == [
        ("185,872人", "平成26年度"), ("189,803人", "平成27年度")]
    assert ind.value(ValueKind.FORECAST, FY("R2")).as_of == "令和元年度"  # type: ignore[union-attr]


def test_cumulative_indicator(strategy: PlanTree) -> None:
    ind = _by_name(strategy, "援農ボランティア講座修了者数")
    assert ind.cumulative
    assert [str(v.value) for v in ind.values_of(ValueKind.ACTUAL)] == [
        "210人", "216人", "220人", "231人", "249人"]


def test_handout_metadata(strategy: PlanTree) -> None:
    doc = strategy.document(DocumentKind.KPI_STATUS)
    assert doc is not None
    assert doc.handout == "資料３" and doc.draft
    assert doc.date is not None and doc.date.isoformat() == "2021-03-29"
    assert doc.committee and "推進委員会" in doc.committee


def test_area_summary_from_003(strategy: PlanTree) -> None:
    text = strategy.node("g1.a1").text("達成状況の概要")
    assert text is not None and "援農ボランティア" in str(text)


# --- 001: the strategy ---------------------------------------------------------------------
def test_strategy_has_every_measure_and_both_editions(strategy: PlanTree) -> None:
    measures = [n for n in strategy.nodes if n.depth == 3]
    original = [n for n in measures if n.appearance_in("original")]
    revised = [n for n in measures if n.appearance_in("revised")]
    assert (len(original), len(revised)) == (42, 43)
    added = [n for n in revised if not n.appearance_in("original")]
    assert [n.title for n in added] == ["子育て中の女性の就労促進"]
    moved = strategy.node("g3.a1.m4")
    assert moved.appearance_in("original").number == "①－４"  # type: ignore[union-attr]
    assert moved.appearance_in("revised").number == "5"  # type: ignore[union-attr]
    parent = strategy.node("g3.a1")
    assert display_number(moved.number, parent.number) == "①－５"


def test_measure_description_and_goal_direction(strategy: PlanTree) -> None:
    m = strategy.node("g1.a1.m2")
    assert m.appearance_in("original").number == "①－２"  # type: ignore[union-attr]
    assert "体験農園" in str(m.text("内容"))
    direction = strategy.node("g1").text("基本的方向")
    assert direction is not None and "小平グリーンロード" in str(direction)
    assert strategy.plan.sections, "the strategy's own prose is kept"


def test_numerical_targets_of_goal_1(strategy: PlanTree) -> None:
    targets = [i for i in strategy.indicators_of("g1") if i.kind is IndicatorKind.NUMERICAL_TARGET]
    assert [i.name for i in targets][:3] == [
        "「定住意向のある人」の割合", "人口の社会増減（転入数－転出数）", "「緑の豊かさ」の満足度"]
    green = targets[2]
    assert str(green.value(ValueKind.TARGET, FY("H31"), Revision.ORIGINAL).value) == "84.0%"  # type: ignore[union-attr]
    assert [f.mark for f in strategy.footnotes_of("g1", "数値目標")] == ["※1", "※2"]


# --- 000: the progress list ----------------------------------------------------------------
def test_progress_of_measure_2_3_of_goal_1_has_two_years(strategy: PlanTree) -> None:
    entries = strategy.progress_of("g1.a2.m3")
    assert [e.year for e in entries] == [FY("平成28年度"), FY("平成29年度")]
    assert str(entries[0].narrative) == (
        "・食を通じたイベント7件に対し支援しました。\n・イベントの延べ来場者数は16,800人でした。")
    assert entries[1].status == "実施中"
    assert "<" not in str(entries[1].narrative)


def test_measure_5_of_area_3_departments(strategy: PlanTree) -> None:
    m = strategy.node("g1.a3.m5")
    assert m.lead_departments() == ["都市計画課"]
    assert m.related_departments() == ["地域整備支援課", "水と緑と公園課"]
    assert departments_label(m.departments) == "都市計画課（地域整備支援課）（水と緑と公園課）"


def test_every_department_marker(strategy: PlanTree) -> None:
    m = strategy.node("g2.a4.m2")
    assert [(d.department, d.role) for d in m.departments] == [
        ("市民協働・男女参画推進課", Role.LEAD), ("各課", Role.RELATED)]


# --- 002: restructuring plan sheets --------------------------------------------------------
def test_item_6_has_two_schedule_rows(plans: dict[str, PlanTree]) -> None:
    tree = plans["restructuring"]
    item = tree.node("r.1.1.n6")
    assert item.schedule is not None
    assert [r.label for r in item.schedule.rows] == ["・学校経営協議会", "・学校支援ボランティア養成講座"]
    assert item.schedule.rows[0].cells == {FY("H29"): "実施", FY("平成32年度"): "→"}
    assert item.lead_departments() == ["指導課", "地域学習支援課"]


def test_item_1_sheet(plans: dict[str, PlanTree]) -> None:
    tree = plans["restructuring"]
    item = tree.node("r.1.1.n1")
    assert item.title == "協働推進体制の充実"
    assert "市民活動を支援" in str(item.text("実施目的"))
    assert len(item.schedule.rows) == 4  # type: ignore[union-attr]
    doc = tree.documents[0]
    assert (doc.handout, doc.date.isoformat() if doc.date else None) == ("資料3", "2016-08-25")


# --- 004: the medium-term program ----------------------------------------------------------
def test_welfare_costs(plans: dict[str, PlanTree]) -> None:
    tree = plans["program-2021"]
    welfare = [n for n in tree.nodes if n.title == "生活保護事業"]
    assert len(welfare) == 1 and welfare[0].budget is not None
    assert str(welfare[0].budget.costs[FY("令和6年度")]) == "6,225,723"
    assert welfare[0].budget.unit == "千円"


def test_disability_policy_project_cost(plans: dict[str, PlanTree]) -> None:
    tree = plans["program-2021"]
    policy = next(n for n in tree.nodes if n.title == "障がい者の自立に向けた支援の充実")
    costs = [str(c.budget.costs.get(FY("R3"))) for c in tree.children(policy.key) if c.budget]
    assert "218,014" in costs


def test_reset_target_and_survey_month(plans: dict[str, PlanTree]) -> None:
    tree = plans["program-2021"]
    ind = next(i for i in tree.indicators if i.name.startswith("男女共同参画社会が実現"))
    base = ind.value(ValueKind.BASELINE, FY("R2"))
    assert base is not None and str(base.value) == "27.0" and base.marks == ("*",)
    assert base.as_of == "令和3年5月"
    assert [str(v.value) for v in ind.values_of(ValueKind.TARGET)] == ["—", "—", "—", "50.0"]
    r6 = ind.value(ValueKind.TARGET, FY("R6"))
    assert r6 is not None and r6.revision is Revision.RESET and "再設定" in (r6.note or "")


def test_budget_summary_spans_years(plans: dict[str, PlanTree]) -> None:
    tree = plans["program-2021"]
    proj = next(n for n in tree.nodes if n.title == "男女共同参画推進事業")
    assert proj.budget is not None
    r5 = proj.budget.summary_for(FY("R5"))
    assert r5 is not None and (r5.first, r5.last) == (FY("R4"), FY("R6"))
    assert str(proj.budget.costs[FY("R3")]) == "8,345"
