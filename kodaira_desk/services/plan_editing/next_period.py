"""The next period: a new plan started from an existing one (第2期 from 第1期)."""

from __future__ import annotations

from dataclasses import replace

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Appearance,
    Edition,
    Indicator,
    IndicatorValue,
    Node,
    NodeText,
    ValueKind,
)
from kodaira_desk.domain.values import Measured
from kodaira_desk.services.plan_editing.common import PlanChange, audit, editing, plan_exists
from kodaira_desk.services.plan_editing.structure import NewPlan, check_new_plan, documents_for
from kodaira_desk.store.database import Database


def last_actual(ind: Indicator) -> IndicatorValue | None:
    """The latest actual that is a figure (not "-" or ※)."""
    measured = [v for v in ind.values_of(ValueKind.ACTUAL) if isinstance(v.value, Measured)]
    return measured[-1] if measured else None


def copy_plan(db: Database, plan_id: str, new_id: str, period_from: FiscalYear, period_to: FiscalYear,
              title: str | None = None, *, actuals_as_baselines: bool = False,
              actor: str | None = None) -> PlanChange:
    """A new plan with the structure (current numbers, titles and texts), the indicators (without
    their values) and the departments of `plan_id`; with `actuals_as_baselines`, each indicator's
    last measured actual becomes its baseline (基準値) of that year."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        old = uow.plans.load_tree(plan_id)
        new_title = (title or f"{old.plan.title}（{period_from.era_label()}～{period_to.era_label()}）").strip()
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
                departments=n.departments))
        indicators = []
        for ind in old.indicators:
            last = last_actual(ind) if actuals_as_baselines else None
            values = (IndicatorValue(ValueKind.BASELINE, last.year, last.value, as_of=last.as_of),) if last else ()
            indicators.append(replace(ind, plan_id=new_id, printed_names={}, values=values))
        uow.plans.insert_nodes(new_id, nodes, indicators, ())
        audit(uow, f"plan:{new_id}", None, {"copied_from": plan_id, "period": [period_from.year, period_to.year],
                                          "actuals_as_baselines": actuals_as_baselines}, actor)
    return PlanChange(new_id, tuple(n.key for n in nodes), tuple(i.key for i in indicators))
