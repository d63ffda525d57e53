"""The part of a plan that travels in a plan workbook (docs/plan-workbook.md): the plan's own
settings, its tree, its indicators with baselines and targets, and the 課.

What is not in an outline stays in the database when a workbook is imported over a plan: the
texts, entries, actuals, budgets, schedules, footnotes, and earlier documents' printings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kodaira_desk.domain.departments import Department
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    DocumentKind,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    PlanTree,
    Revision,
    ValueKind,
    departments_label,
)
from kodaira_desk.domain.plan_structure import Place, Structure, structure_of
from kodaira_desk.domain.round_setting import RoundSetting

CARRIED_VALUES = (ValueKind.BASELINE, ValueKind.TARGET)  # actuals are entered in the round
REVISION_WORDS = {Revision.CURRENT: "", Revision.ORIGINAL: "当初", Revision.REVISED: "改訂",
                  Revision.RESET: "再設定"}


@dataclass(frozen=True)
class OutlinePlan:
    id: str
    title: str
    period_from: FiscalYear
    period_to: FiscalYear
    levels: tuple[str, ...]
    document_kinds: tuple[DocumentKind, ...]
    round: RoundSetting | None = None  # None: the workbook does not say (one written before issue 31)


@dataclass(frozen=True)
class OutlineNode:
    key: str
    parent_key: str | None
    number: str
    title: str
    departments: tuple[DepartmentLink, ...] = ()


@dataclass(frozen=True)
class OutlineIndicator:
    key: str
    node_key: str
    name: str
    unit: str
    kind: IndicatorKind = IndicatorKind.KPI
    number: str | None = None
    cumulative: bool = False
    part_of: str | None = None
    source: str | None = None
    marks: tuple[str, ...] = ()
    departments: tuple[DepartmentLink, ...] = ()
    values: tuple[IndicatorValue, ...] = ()  # baselines and targets (with their revisions)


@dataclass(frozen=True)
class PlanOutline:
    plan: OutlinePlan
    nodes: tuple[OutlineNode, ...]  # in printed order (parents before their children)
    indicators: tuple[OutlineIndicator, ...]
    departments: tuple[Department, ...]

    def structure(self) -> Structure:
        depth: dict[str, int] = {}
        out = []
        for n in self.nodes:
            depth[n.key] = depth[n.parent_key] + 1 if n.parent_key else 1
            out.append(Place(n.key, n.parent_key, depth[n.key]))
        return tuple(out)


def _value_for_outline(v: IndicatorValue) -> IndicatorValue:
    return replace(v, document_id=None)


def outline_indicator(ind: Indicator) -> OutlineIndicator:
    return OutlineIndicator(
        key=ind.key, node_key=ind.node_key, name=ind.name, unit=ind.unit, kind=ind.kind,
        number=ind.number, cumulative=ind.cumulative, part_of=ind.part_of, source=ind.source,
        marks=ind.marks, departments=ind.departments,
        values=tuple(_value_for_outline(v) for v in ind.values if v.kind in CARRIED_VALUES))


def outline_of(tree: PlanTree, departments: tuple[Department, ...]) -> PlanOutline:
    """What a workbook exported from `tree` holds."""
    by_key = {n.key: n for n in tree.nodes}
    p = tree.plan
    return PlanOutline(
        plan=OutlinePlan(p.id, p.title, p.period_from, p.period_to, p.levels,
                         tuple(dict.fromkeys(d.kind for d in tree.documents)), p.round),
        nodes=tuple(OutlineNode(pl.key, pl.parent_key, by_key[pl.key].number, by_key[pl.key].title,
                                by_key[pl.key].departments) for pl in structure_of(tree)),
        indicators=tuple(outline_indicator(i) for i in tree.indicators),
        departments=departments)


# ----------------------------------------------------------------------------------- the diff
@dataclass(frozen=True)
class OutlineChange:
    """One line of the preview: what (シート), which item, and old → new in words."""

    sheet: str
    action: str  # 追加 / 変更 / 削除
    item: str
    detail: str = ""

    def describe(self) -> str:
        tail = f": {self.detail}" if self.detail else ""
        return f"［{self.sheet}］{self.action} {self.item}{tail}"


def _links_text(links: tuple[DepartmentLink, ...]) -> str:
    return departments_label(links) or "なし"


def _values_text(values: tuple[IndicatorValue, ...]) -> str:
    parts = []
    for v in sorted(values, key=lambda v: (v.kind.value, v.year, v.revision.value)):
        rev = f"（{REVISION_WORDS[v.revision]}）" if v.revision.value else ""
        parts.append(f"{v.kind.label}{v.year.short_label()}{rev}={v.value}")
    return "、".join(parts) or "なし"


def _node_changes(old: OutlineNode, new: OutlineNode) -> list[str]:
    out = []
    if (old.number, old.title) != (new.number, new.title):
        out.append(f"{old.number} {old.title} → {new.number} {new.title}")
    if old.parent_key != new.parent_key:
        out.append(f"親 {old.parent_key or '（最上位）'} → {new.parent_key or '（最上位）'}")
    if old.departments != new.departments:
        out.append(f"課 {_links_text(old.departments)} → {_links_text(new.departments)}")
    return out


_INDICATOR_FIELDS = (("name", "指標名"), ("node_key", "項目"), ("unit", "単位"), ("kind", "種類"),
                     ("number", "番号"), ("cumulative", "累計"), ("part_of", "内数の親"),
                     ("source", "調査"), ("marks", "記号"))


def _indicator_changes(old: OutlineIndicator, new: OutlineIndicator) -> list[str]:
    out = []
    for name, label in _INDICATOR_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(f"{label} {_plain(a)} → {_plain(b)}")
    if old.departments != new.departments:
        out.append(f"課 {_links_text(old.departments)} → {_links_text(new.departments)}")
    if set(old.values) != set(new.values):
        gone = tuple(v for v in old.values if v not in new.values)
        came = tuple(v for v in new.values if v not in old.values)
        out.append(f"値 {_values_text(gone)} → {_values_text(came)}")
    return out


def _plain(v: object) -> str:
    if v is None or v == "" or v == ():
        return "なし"
    if isinstance(v, bool):
        return "○" if v else "なし"
    if isinstance(v, IndicatorKind):
        return v.value
    if isinstance(v, tuple):
        return " ".join(str(x) for x in v)
    return str(v)


def diff(old: PlanOutline, new: PlanOutline) -> list[OutlineChange]:
    """Every difference between two outlines of one plan, in the sheets' order."""
    out: list[OutlineChange] = []
    a, b = old.plan, new.plan
    for label, x, y in (("計画名", a.title, b.title),
                        ("計画期間", f"{a.period_from.era_label()}～{a.period_to.era_label()}",
                         f"{b.period_from.era_label()}～{b.period_to.era_label()}"),
                        ("階層", "／".join(a.levels), "／".join(b.levels))):
        if x != y:
            out.append(OutlineChange("計画", "変更", label, f"{x} → {y}"))
    if b.round is not None and a.round != b.round:
        asked = a.round.describe(a.levels) if a.round is not None else "なし"
        out.append(OutlineChange("計画", "変更", "年次の報告", f"{asked} → {b.round.describe(b.levels)}"))
    if set(a.document_kinds) != set(b.document_kinds):
        out.append(OutlineChange("計画", "変更", "資料の種類", "資料の種類は取り込みでは変わりません"))
    old_nodes = {n.key: n for n in old.nodes}
    new_nodes = {n.key: n for n in new.nodes}
    for n in new.nodes:
        if n.key not in old_nodes:
            out.append(OutlineChange("体系", "追加", f"{n.number} {n.title}（{n.key}）"))
        else:
            for d in _node_changes(old_nodes[n.key], n):
                out.append(OutlineChange("体系", "変更", f"{n.key}", d))
    for n in old.nodes:
        if n.key not in new_nodes:
            out.append(OutlineChange("体系", "削除", f"{n.number} {n.title}（{n.key}）",
                                     "この項目の指標・実績・記入内容も削除されます（元に戻せます）"))
    order_old = [n.key for n in old.nodes if n.key in new_nodes]
    order_new = [n.key for n in new.nodes if n.key in old_nodes]
    if order_old != order_new:
        out.append(OutlineChange("体系", "変更", "項目の並び順"))
    old_inds = {i.key: i for i in old.indicators}
    new_inds = {i.key: i for i in new.indicators}
    for i in new.indicators:
        if i.key not in old_inds:
            out.append(OutlineChange("指標", "追加", f"{i.name}（{i.key}）"))
        else:
            for d in _indicator_changes(old_inds[i.key], i):
                out.append(OutlineChange("指標", "変更", f"{i.name}（{i.key}）", d))
    for i in old.indicators:
        if i.key not in new_inds and i.node_key in new_nodes:
            out.append(OutlineChange("指標", "削除", f"{i.name}（{i.key}）",
                                     "実績も削除されます（元に戻せます）"))
    old_depts = {d.name: d for d in old.departments}
    for dept in new.departments:
        was = old_depts.get(dept.name)
        if was is None:
            out.append(OutlineChange("課", "追加", dept.name))
        elif was != dept:
            out.append(OutlineChange("課", "変更", dept.name, f"よみ・コード・メール {was.reading} {was.code} "
                                                             f"{was.email or ''} → {dept.reading} {dept.code} "
                                                             f"{dept.email or ''}"))
    return out

