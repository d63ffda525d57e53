"""Indicators: name, unit, 累計, 内数, departments, source, baseline, targets, and 再設定."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DocumentKind,
    Indicator,
    IndicatorValue,
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.targets import revise_target as revised_values
from kodaira_desk.domain.values import Measured, Value, parse_value
from kodaira_desk.services.export import to_jsonable
from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError, audit, editing, plan_exists
from kodaira_desk.services.plan_editing.indicator_delta import IndicatorDraft as IndicatorDraft
from kodaira_desk.services.plan_editing.indicator_delta import Keep, merged_draft
from kodaira_desk.services.plan_editing.numbering import duplicate_number
from kodaira_desk.services.plan_editing.round_setting import check_departments
from kodaira_desk.store.database import Database


def _value(text: str, unit: str, what: str) -> Value:
    try:
        v = parse_value(text)
    except DomainError as exc:
        raise PlanEditError(f"{what}「{text}」は値として読めません: {exc.message}") from exc
    if isinstance(v, Measured) and unit and v.unit and v.unit != unit:
        raise PlanEditError(f"{what}「{text}」の単位が指標の単位「{unit}」と違います。")
    if isinstance(v, Measured) and not v.unit and unit:
        v = v.with_unit(unit)
    return v


def _check(tree: PlanTree, key: str, draft: IndicatorDraft) -> None:
    if not draft.name.strip():
        raise PlanEditError("指標名が空です。")
    if not tree.has_node(draft.node_key):
        raise PlanEditError(f"項目「{draft.node_key}」はありません。")
    if draft.part_of is not None:
        keys = {i.key for i in tree.indicators}
        if draft.part_of not in keys:
            raise PlanEditError(f"内数の親の指標「{draft.part_of}」はありません。")
        seen: set[str] = {key}
        at: str | None = draft.part_of
        while at is not None:  # a 内数 chain must end at a total, never come back
            if at in seen:
                raise PlanEditError(f"「{draft.name}」の内数の親をたどると自分に戻ります。")
            seen.add(at)
            at = tree.indicator(at).part_of if at in keys else None


def values_document(tree: PlanTree) -> str | None:
    """The document that prints baselines and targets typed here: the plan's achievement table
    (or its program); the reports print an indicator where its values are printed."""
    for kind in (DocumentKind.KPI_STATUS, DocumentKind.PROGRAM):
        doc = tree.document(kind)
        if doc is not None:
            return doc.id
    return None


def _indicator(plan_id: str, key: str, draft: IndicatorDraft, old: Indicator | None,
               document_id: str | None) -> Indicator:
    adopted = (Revision.CURRENT, Revision.ORIGINAL)
    typed_years = set(draft.targets)
    kept = [v for v in (old.values if old else ())
            if not (v.kind is ValueKind.TARGET and v.revision in adopted and v.year in typed_years)]
    baselines = [v for v in kept if v.kind is ValueKind.BASELINE]
    values = [v for v in kept if v.kind is not ValueKind.BASELINE]
    unit = draft.unit.strip()
    if draft.baseline.strip():  # the form shows the first baseline; a second one stays as it is
        if draft.baseline_year is None:
            raise PlanEditError(f"{draft.name}: 基準値の年度を入力してください。")
        first = baselines[0] if baselines else None
        value = _value(draft.baseline, unit, "基準値")
        if first is not None and first.value == value and first.year == draft.baseline_year and (
                first.as_of == (draft.baseline_as_of or None)):
            values.append(first)  # unchanged: marks, note and source document stay
        else:
            values.append(IndicatorValue(
                ValueKind.BASELINE, draft.baseline_year, value, marks=first.marks if first else (),
                as_of=draft.baseline_as_of or None, document_id=document_id))
    values += baselines[1:]
    for year, text in sorted(draft.targets.items()):
        if not text.strip():
            continue
        value = _value(text, unit, f"{year.era_label()}の目標")
        before = [v for v in (old.values if old else ())
                  if v.kind is ValueKind.TARGET and v.year == year and v.revision in adopted]
        if before and before[0].value == value:
            values.append(before[0])  # unchanged: its revision, marks and document stay
            continue
        later = any(v.kind is ValueKind.TARGET and v.year == year and v.revision not in adopted
                    for v in values)
        values.append(IndicatorValue(ValueKind.TARGET, year, value,
                                     Revision.ORIGINAL if later or (before and before[0].revision
                                                                    is Revision.ORIGINAL)
                                     else Revision.CURRENT, document_id=document_id))
    return Indicator(
        key=key, plan_id=plan_id, node_key=draft.node_key, kind=draft.kind, name=draft.name.strip(),
        unit=unit, number=draft.number, cumulative=draft.cumulative, part_of=draft.part_of,
        source=(draft.source or "").strip() or None, marks=old.marks if old else (),
        departments=draft.departments, printed_names=old.printed_names if old else {},
        values=tuple(values))


def _new_key(tree: PlanTree, node_key: str) -> str:
    n = len(tree.indicators_of(node_key)) + 1
    while any(i.key == f"{node_key}.k{n}" for i in tree.indicators):
        n += 1
    return f"{node_key}.k{n}"


@dataclass(frozen=True)
class IndicatorState:
    """An indicator exactly as it stood (None: not there), with the plan's order of indicators
    then: what undo and redo of every indicator edit put back (`restore_indicator`)."""

    plan_id: str
    key: str
    indicator: Indicator | None
    order: tuple[str, ...]


def _state(tree: PlanTree, key: str) -> IndicatorState:
    found = next((i for i in tree.indicators if i.key == key), None)
    return IndicatorState(tree.plan.id, key, found, tuple(i.key for i in tree.indicators))


def restore_indicator(db: Database, state: IndicatorState, actor: str | None = None) -> PlanChange:
    """Put an indicator back exactly as `state` holds it — its values with their revisions, its
    departments and names — or remove it when it was not there, in its place among the plan's
    indicators. The inverse is the state it replaced, so undo and redo are the same call."""
    with editing(db) as uow:
        plan_exists(uow, state.plan_id)
        tree = uow.plans.load_tree(state.plan_id)
        current = _state(tree, state.key)
        if state.indicator is None:
            if current.indicator is not None:
                if tree.breakdowns_of(state.key):
                    raise PlanEditError(f"「{current.indicator.name}」を内数の親にしている指標があるため、"
                                        "元に戻せません。")
                uow.plans.delete_indicator(state.plan_id, state.key)
        else:
            if not tree.has_node(state.indicator.node_key):
                raise PlanEditError(f"項目「{state.indicator.node_key}」がないため、指標を元に戻せません。")
            uow.plans.put_indicator(state.indicator)
            uow.plans.set_part_of(state.plan_id, state.key, state.indicator.part_of)
        uow.plans.order_indicators(state.plan_id, state.order)
        audit(uow, f"indicator:{state.plan_id}:{state.key}",
              to_jsonable(current.indicator) if current.indicator else None,
              to_jsonable(state.indicator) if state.indicator else None, actor)
    shown = state.indicator or current.indicator
    return PlanChange(state.plan_id, (shown.node_key,) if shown else (), (state.key,), inverse=current)


def save_indicator(db: Database, plan_id: str, key: str | None, draft: IndicatorDraft,
                   actor: str | None = None, loaded: IndicatorDraft | None = None,
                   keep: Keep = Keep.ASK) -> PlanChange:
    """Create (key None) or change an indicator. Targets typed in the form are the adopted
    (CURRENT) ones; revised and original targets are kept as they are. The inverse is the
    IndicatorState before (its indicator None when it was new). `loaded`: the indicator as the
    form was loaded with it (indicator_delta.draft_of): only the fields changed since are written,
    and one also changed elsewhere meanwhile is decided by `keep` (ASK: IndicatorChangedElsewhere)."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        old = None
        if key is not None:
            try:
                old = tree.indicator(key)
            except KeyError:
                raise PlanEditError(f"指標「{key}」はありません。") from None
        if old is not None and loaded is not None:
            draft = merged_draft(loaded, draft, old, keep)  # read inside the transaction: no race
        key = key or _new_key(tree, draft.node_key)
        _check(tree, key, draft)
        clash = duplicate_number(tree, key, draft.node_key, draft.number)
        if clash is not None and (old is None or (old.number, old.node_key) != (draft.number, draft.node_key)):
            raise PlanEditError(f"番号「{draft.number}」は同じ項目の指標「{clash.name}」にもあります。別の番号にしてください。")

        check_departments(uow, [d.department for d in draft.departments])
        before = _state(tree, key)
        ind = _indicator(plan_id, key, draft, old, values_document(tree))
        uow.plans.put_indicator(ind)
        uow.plans.set_part_of(plan_id, key, ind.part_of)
        audit(uow, f"indicator:{plan_id}:{key}", to_jsonable(old) if old else None, to_jsonable(ind), actor)
    return PlanChange(plan_id, (ind.node_key,), (key,), inverse=before)


def put_back_indicator(db: Database, ind: Indicator, actor: str | None = None) -> PlanChange:
    """Undo of save_indicator: the indicator exactly as it was."""
    with editing(db) as uow:
        uow.plans.put_indicator(ind)
        uow.plans.set_part_of(ind.plan_id, ind.key, ind.part_of)
        audit(uow, f"indicator:{ind.plan_id}:{ind.key}", None, to_jsonable(ind), actor)
    return PlanChange(ind.plan_id, (ind.node_key,), (ind.key,))


def remove_indicator(db: Database, plan_id: str, key: str, actor: str | None = None) -> PlanChange:
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        ind = tree.indicator(key)
        if tree.breakdowns_of(key):
            raise PlanEditError(f"「{ind.name}」を内数の親にしている指標があるため、削除できません。")
        uow.plans.delete_indicator(plan_id, key)
        audit(uow, f"indicator:{plan_id}:{key}", to_jsonable(ind), None, actor)
    return PlanChange(plan_id, (ind.node_key,), (key,), inverse=_state(tree, key))


def revise_target(db: Database, plan_id: str, key: str, year: FiscalYear, text: str, reason: str,
                  actor: str | None = None) -> PlanChange:
    """再設定: the original target stays, the new one is recorded with its year and reason. The
    inverse is the IndicatorState before."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        ind = tree.indicator(key)
        values = revised_values(ind, year, _value(text, ind.unit, f"{year.era_label()}の目標"), reason,
                                values_document(tree))
        new = replace(ind, values=values)
        uow.plans.put_indicator(new)
        audit(uow, f"value:{plan_id}:{key}:target:{year.year}:reset",
              None, {"value": text, "reason": reason.strip()}, actor)
    return PlanChange(plan_id, (ind.node_key,), (key,), inverse=_state(tree, key))


Notes = tuple[tuple[str | None, str], ...]  # (mark such as ※1, text) of an indicator's footnotes


def _notes_document(tree: PlanTree) -> str:
    doc = values_document(tree)
    if doc is None:
        if not tree.documents:
            raise PlanEditError(f"計画「{tree.plan.title}」には資料がありません。")
        doc = tree.documents[-1].id
    return doc


def indicator_notes(tree: PlanTree, key: str) -> Notes:
    """The indicator's footnotes (注記) in the document that prints its values."""
    doc = _notes_document(tree)
    return tuple((f.mark, f.text) for f in tree.footnotes if f.scope_key == key and f.document_id == doc)


def parse_notes(text: str) -> Notes:
    """One note a line; a leading mark (※, ※1, 注1) is kept apart: "※1 隔年の調査"."""
    out: list[tuple[str | None, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        if head.startswith(("※", "注")) and rest.strip():
            out.append((head, rest.strip()))
        else:
            out.append((None, line))
    return tuple(out)


def set_indicator_notes(db: Database, plan_id: str, key: str, notes: Notes,
                        actor: str | None = None) -> PlanChange:
    """Replace the indicator's footnotes; the inverse is the notes before."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        ind = tree.indicator(key)
        old = indicator_notes(tree, key)
        uow.plans.replace_footnotes(plan_id, key, _notes_document(tree), notes)
        audit(uow, f"indicator:{plan_id}:{key}:notes", [list(n) for n in old], [list(n) for n in notes], actor)
    return PlanChange(plan_id, (ind.node_key,), (key,), inverse=old)
