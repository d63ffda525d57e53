"""The next period: a new plan started from an existing one (第2期 from 第1期)."""

from __future__ import annotations

import re
from dataclasses import replace

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Appearance,
    Budget,
    Edition,
    Footnote,
    Indicator,
    IndicatorValue,
    Node,
    NodeText,
    PlanTree,
    ValueKind,
)
from kodaira_desk.domain.values import Measured
from kodaira_desk.domain.yearly import unassigned
from kodaira_desk.services.plan_editing.common import PlanChange, audit, editing, plan_exists
from kodaira_desk.services.plan_editing.structure import NewPlan, check_new_plan, documents_for
from kodaira_desk.store.database import Database


def last_actual(ind: Indicator) -> IndicatorValue | None:
    """The latest actual that is a figure (not "-" or ※)."""
    measured = [v for v in ind.values_of(ValueKind.ACTUAL) if isinstance(v.value, Measured)]
    return measured[-1] if measured else None


def new_baseline(ind: Indicator, marks: bool = True) -> IndicatorValue | None:
    """The 基準値 of `ind` in the next period (`plan copy --baselines`): its latest measured actual,
    else the 基準値 the old plan printed (004's 令和2年度 figure, with its year, 「令和3年5月」 and
    its ※ when the notes come along): a program whose period passed without a figure typed still
    starts from the city's printed figure. None when there is neither (a printed "-" stays empty)."""
    last = last_actual(ind)
    if last is not None:
        return IndicatorValue(ValueKind.BASELINE, last.year, last.value, as_of=last.as_of)
    printed = [v for v in ind.values_of(ValueKind.BASELINE) if isinstance(v.value, Measured)]
    if not printed:
        return None
    base = printed[-1]
    return IndicatorValue(ValueKind.BASELINE, base.year, base.value, marks=base.marks if marks else (),
                          as_of=base.as_of)


_PERIOD = re.compile(r"（[^（）]*年度～[^（）]*年度）$")  # a title's period, as next_title writes it


def next_title(title: str, period_from: FiscalYear, period_to: FiscalYear) -> str:
    """The next period's plan's title when none is given: the old one with the new period,
    「…（令和7年度～令和11年度）」 (an old period at its end replaced, not added to)."""
    return f"{_PERIOD.sub('', title.strip())}（{period_from.era_label()}～{period_to.era_label()}）"


def copy_plan(db: Database, plan_id: str, new_id: str, period_from: FiscalYear, period_to: FiscalYear,
              title: str | None = None, *, actuals_as_baselines: bool = False, footnotes: bool = True,
              actor: str | None = None) -> PlanChange:
    """A new plan with the structure (current numbers, titles and texts), the indicators (without
    their values), the departments and the yearly round's setting of `plan_id`; each project with a
    budget keeps it with its unit and an empty 費用 for the new years (概略 and amounts are the new
    program's to write); the footnotes of the printed tables come along unless `footnotes` is False.
    With `actuals_as_baselines`, each indicator's last measured actual becomes its baseline (基準値)
    of that year, or, without one, the 基準値 the old plan printed (new_baseline). The change's `notices` say what the new plan still needs decided."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        old = uow.plans.load_tree(plan_id)
        new_title = (title or next_title(old.plan.title, period_from, period_to)).strip()
        kinds = tuple(d.kind for d in old.documents)
        check_new_plan(NewPlan(new_id, new_title, period_from, period_to, old.plan.levels, kinds),
                       uow.plans.plan_ids())
        documents = documents_for(new_id, new_title, kinds)
        current = documents[-1].id  # the texts of the current printing go to the new plan's latest
        plan = replace(old.plan, id=new_id, title=new_title, period_from=period_from, period_to=period_to,
                       sections=(), editions=(Edition("main", "策定時"),))
        uow.plans.create_plan(plan, documents)
        nodes = []
        for n in sorted(old.nodes, key=lambda n: n.order):
            shown = n.current.document_id
            nodes.append(Node(
                key=n.key, plan_id=new_id, parent_key=n.parent_key, depth=n.depth, order=n.order,
                appearances=tuple(Appearance(d.id, "main", n.number, n.title) for d in documents),
                texts=tuple(NodeText(t.label, t.text, current) for t in n.texts if t.document_id == shown),
                departments=n.departments,
                budget=Budget(n.budget.unit, {}, ()) if n.budget is not None else None))
        indicators = []
        for ind in old.indicators:
            base = new_baseline(ind, footnotes) if actuals_as_baselines else None
            indicators.append(replace(ind, plan_id=new_id, printed_names={}, values=(base,) if base else ()))
        uow.plans.insert_nodes(new_id, nodes, indicators, ())
        kept = copied_footnotes(old, new_id, {d.kind: d.id for d in documents}) if footnotes else []
        uow.plans.insert_footnotes(new_id, list(enumerate(kept)))
        audit(uow, f"plan:{new_id}", None, {"copied_from": plan_id, "period": [period_from.year, period_to.year],
                                            "actuals_as_baselines": actuals_as_baselines, "footnotes": len(kept)},
              actor)
        notices = copy_notices(uow.plans.load_tree(new_id), len(old.footnotes), len(kept))
        if actuals_as_baselines:
            notices += baseline_notices(old)
    return PlanChange(new_id, tuple(n.key for n in nodes), tuple(i.key for i in indicators), notices=notices)


def copied_footnotes(old: PlanTree, new_id: str, documents: dict[object, str]) -> list[Footnote]:
    """The old plan's footnotes under the new plan's document of the same kind (the program's ※
    notes under its tables), in their order."""
    kinds = {d.id: d.kind for d in old.documents}
    out = []
    for f in old.footnotes:
        doc = documents.get(kinds.get(f.document_id))
        if doc is not None:
            out.append(replace(f, plan_id=new_id, document_id=doc))
    return out


def copy_notices(tree: PlanTree, footnotes: int, kept: int) -> tuple[str, ...]:
    """What the maintainer still has to decide in the new plan, in words (shown at copy time)."""
    out: list[str] = []
    indicators, nodes = unassigned(tree)
    if indicators:
        names = "、".join(i.name for i in indicators[:5]) + (f" ほか{len(indicators) - 5}件" if len(indicators) > 5 else "")
        out.append(f"所管課の決まっていない指標が {len(indicators)} 件あります（{names}）。計画の編集で所管課を選んでください。")
    if nodes:
        level = tree.plan.level_name(tree.plan.round.level or 1)
        names = "、".join(n.title for n in nodes[:5]) + (f" ほか{len(nodes) - 5}件" if len(nodes) > 5 else "")
        out.append(f"担当課の決まっていない{level}が {len(nodes)} 件あります（{names}）。")
    if tree.indicators and not any(v.kind is ValueKind.TARGET for i in tree.indicators for v in i.values):
        out.append(f"指標 {len(tree.indicators)} 件の目標値（{tree.plan.period_from.era_label()}～"
                   f"{tree.plan.period_to.era_label()}）はまだありません。計画の編集で入力してください。")
    budgets = sum(1 for n in tree.nodes if n.budget is not None)
    if budgets:
        out.append(f"{budgets} 件の事業の費用と概略（{tree.plan.period_from.era_label()}～"
                   f"{tree.plan.period_to.era_label()}）は空欄です。")
    if footnotes:
        out.append(f"注記 {kept} 件を引き継ぎました（元の計画 {footnotes} 件）。"
                   "目標値の再設定など新しい期間に当てはまらない注記は計画の編集で直してください。" if kept else
                   f"元の計画の注記 {footnotes} 件は引き継いでいません。")
    return tuple(out)


def baseline_notices(old: PlanTree) -> tuple[str, ...]:
    """What `--baselines` took where (shown at copy time): how many 基準値 came from the old plan's
    printed ones (no actual measured), and which indicators have none at all."""
    bases = {i.key: new_baseline(i) for i in old.indicators}
    printed = [b for i in old.indicators if last_actual(i) is None and (b := bases[i.key]) is not None]
    empty = [i for i in old.indicators if bases[i.key] is None]
    out: list[str] = []
    if printed:
        years = "・".join(y.era_label() for y in sorted({b.year for b in printed}, key=lambda y: y.year))
        out.append(f"実績のない指標 {len(printed)} 件は、元の計画の基準値（{years}）を基準値にしました。")
    if empty:
        names = "、".join(i.name for i in empty[:5]) + (f" ほか{len(empty) - 5}件" if len(empty) > 5 else "")
        out.append(f"実績も基準値もない指標が {len(empty)} 件あります（{names}）。計画の編集で基準値を入力してください。")
    return tuple(out)


def overlapping_plans(db: Database, plan_id: str, period_from: FiscalYear,
                      period_to: FiscalYear) -> list[tuple[str, str, FiscalYear, FiscalYear]]:
    """The plans a copy of `plan_id` for `period_from`–`period_to` would be in force beside: the plan
    copied and every plan of the same documents (a program beside a program), each with the years
    both would cover — every 課 would be asked for both in those years. (id, title, first, last)."""
    from kodaira_desk.services.plans import list_plans, load_plan

    source = load_plan(db, plan_id)
    kinds = tuple(sorted(d.kind.value for d in source.documents))
    out = []
    for pid, _title in list_plans(db):
        tree = source if pid == plan_id else load_plan(db, pid)
        if pid != plan_id and tuple(sorted(d.kind.value for d in tree.documents)) != kinds:
            continue
        first = max(tree.plan.period_from, period_from, key=lambda y: y.year)
        last = min(tree.plan.period_to, period_to, key=lambda y: y.year)
        if first.year <= last.year:
            out.append((pid, tree.plan.title, first, last))
    return out
