"""Plans in and out of Excel: export a plan workbook, preview an import, apply it, undo it.

An import is read and checked completely first (io/plan_workbook/read.py), compared with the
plan as it stands (domain/plan_outline.diff) and shown; only `apply_plan_import` writes, in one
transaction, audited, and its `PlanChange.inverse` undoes it exactly: nodes and indicators the
workbook left out come back with everything they held. Fields of a year the policy division fixed
(確定) change only as corrections with a reason (locked_years.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from kodaira_desk.domain.departments import Department, sort_departments
from kodaira_desk.domain.model import (
    Appearance,
    Edition,
    Indicator,
    IndicatorValue,
    Node,
    Plan,
    PlanTree,
)
from kodaira_desk.domain.plan_outline import (
    CARRIED_VALUES,
    OutlineChange,
    OutlineIndicator,
    OutlinePlan,
    PlanOutline,
    diff,
    outline_of,
)
from kodaira_desk.domain.plan_structure import Place
from kodaira_desk.domain.round_setting import RoundSetting

# read_plan_workbook: also the ui's, which reads the id of a workbook's plan on the worker
from kodaira_desk.io.plan_workbook import read_plan_workbook as read_plan_workbook
from kodaira_desk.io.plan_workbook import write_plan_workbook
from kodaira_desk.services.export import to_jsonable
from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError, audit, editing, plan_exists
from kodaira_desk.services.plan_editing.indicators import values_document
from kodaira_desk.services.plan_editing.locked_years import (
    LockedChange,
    locked_changes,
    reason_text,
    record_or_refuse,
)
from kodaira_desk.services.plan_editing.structure import (
    NewPlan,
    RemovedNodes,
    _living,
    check_new_plan,
    documents_for,
    removal_of,
)
from kodaira_desk.store.database import Database
from kodaira_desk.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ImportPreview:
    """What importing a workbook would do. `base` is the plan as it stood when the preview was
    made (None for a new plan): the import is refused if the plan has changed since."""

    file: Path
    plan_id: str
    outline: PlanOutline
    base: PlanOutline | None
    changes: tuple[OutlineChange, ...]
    locked: tuple[LockedChange, ...] = ()  # fields of fixed years (確定) the import would change
    reason: str = ""  # the person's reason for those, recorded as corrections (修正); none: refused

    @property
    def new_plan(self) -> bool:
        return self.base is None

    def summary(self) -> str:
        o = self.outline
        if self.new_plan:
            return (f"新しい計画「{o.plan.title}」（{self.plan_id}）を作成します: 項目 {len(o.nodes)} 件、"
                    f"指標 {len(o.indicators)} 件、値 {sum(len(i.values) for i in o.indicators)} 件。")
        if not self.changes:
            return f"計画「{o.plan.title}」（{self.plan_id}）との違いはありません。"
        locked = (f" うち確定済みの年度の値 {len(self.locked)} 件は、修正の理由を付けたときだけ修正として取り込みます。"
                  if self.locked else "")
        return f"計画「{o.plan.title}」（{self.plan_id}）を {len(self.changes)} か所変更します。{locked}"


@dataclass(frozen=True)
class ImportUndo:
    """The data to undo one import with."""

    plan_id: str
    before: PlanOutline | None  # None: the import created the plan
    after: PlanOutline
    removed_nodes: tuple[RemovedNodes, ...]  # in the order they were removed
    removed_indicators: tuple[tuple[Indicator, tuple[str, ...]], ...]  # with the order before
    departments_before: tuple[tuple[str, Department | None], ...]
    changed_indicators: tuple[Indicator, ...] = ()  # as they were, for their values' sources
    reason: str = ""  # the corrections' reason, when the import changed fields of fixed years
    corrected: tuple[str, ...] = ()  # those fields (recorded as corrections)


def _departments(uow: UnitOfWork) -> tuple[Department, ...]:
    return tuple(sort_departments(uow.plans.departments()))


def _outline(uow: UnitOfWork, plan_id: str) -> PlanOutline:
    return outline_of(uow.plans.load_tree(plan_id), _departments(uow))


def export_plan_workbook(db: Database, plan_id: str, out: Path) -> Path:
    """Write `plan_id` as a plan workbook (docs/plan-workbook.md); the file appears whole or not at all."""
    with db.reading() as uow:
        plan_exists(uow, plan_id)
        outline = _outline(uow, plan_id)
    write_plan_workbook(outline, Path(out))
    return Path(out)


def _empty(plan: OutlinePlan) -> PlanOutline:
    return PlanOutline(plan, (), (), ())


def preview_plan_import(db: Database, path: Path, plan_id: str | None = None) -> ImportPreview:
    """Read and check a workbook and say what importing it would change; nothing is written.
    Without `plan_id` the workbook becomes a new plan (with the 計画ID it names); with it, its
    contents replace those of that existing plan."""
    outline = read_plan_workbook(Path(path))
    with db.reading() as uow:
        outline = _known_addresses(uow, outline)
        existing = uow.plans.plan_ids()
        if plan_id is None:
            if outline.plan.id in existing:
                raise PlanEditError(f"計画ID「{outline.plan.id}」はすでにあります。その計画に取り込むときは、"
                                    f"取り込み先に「{outline.plan.id}」を選んでください（--plan {outline.plan.id}）。")
            p = outline.plan
            check_new_plan(NewPlan(p.id, p.title, p.period_from, p.period_to, p.levels, p.document_kinds),
                           existing)
            departments = _departments(uow)
            changes = diff(replace(_empty(p), departments=departments), outline)
            return ImportPreview(Path(path), p.id, outline, None, tuple(changes))
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        base = outline_of(tree, _departments(uow))
        locked = uow.year.locked()
    # a workbook that does not say what the round asks (written before) leaves the plan's setting
    outline = replace(outline, plan=replace(outline.plan, id=plan_id, round=outline.plan.round or base.plan.round))
    return ImportPreview(Path(path), plan_id, outline, base, tuple(diff(base, outline)),
                         locked_changes(tree, _predicted(tree, outline), locked))


def _predicted(tree: PlanTree, outline: PlanOutline) -> PlanTree:
    """The plan's entry fields as importing `outline` leaves them (what _apply writes): its
    baselines and targets, and nothing of the items and indicators it leaves out."""
    document = values_document(tree)
    wanted = {n.key for n in outline.nodes}
    olds = {i.key: i for i in tree.indicators}
    return replace(tree, nodes=tuple(n for n in tree.nodes if n.key in wanted),
                   indicators=tuple(_indicator(tree.plan.id, i, olds.get(i.key), document) for i in outline.indicators),
                   progress=tuple(p for p in tree.progress if p.node_key in wanted))


def _known_addresses(uow: UnitOfWork, outline: PlanOutline) -> PlanOutline:
    """A workbook of an earlier version has no addresses column: its 課 keep theirs."""
    if all(d.email is not None for d in outline.departments):
        return outline
    known = {d.name: d.email for d in uow.plans.departments(include_retired=True)}
    return replace(outline, departments=tuple(d if d.email is not None else replace(d, email=known.get(d.name, ""))
                                              for d in outline.departments))


def apply_plan_import(db: Database, preview: ImportPreview, actor: str | None = None) -> PlanChange:
    """Write what `preview` showed, in one transaction. The inverse (ImportUndo) undoes it.
    Fields of fixed years it changes are refused without `preview.reason`, else recorded as
    corrections (locked_years.py)."""
    why = reason_text(preview.reason)
    with editing(db, guard_locked=False) as uow:  # fixed years: recorded as corrections or refused below
        o = preview.outline
        before: PlanTree | None = None
        if preview.base is None:
            if o.plan.id in uow.plans.plan_ids():
                raise PlanEditError(f"計画ID「{o.plan.id}」はすでにあります。もう一度取り込み直してください。")
            undo = ImportUndo(preview.plan_id, None, o, (), (), _write_new(uow, o))
        else:
            plan_exists(uow, preview.plan_id)
            before = uow.plans.load_tree(preview.plan_id)
            if outline_of(before, _departments(uow)) != preview.base:
                raise PlanEditError("プレビューの後に計画が変更されました。もう一度取り込みをやり直してください。")
            undo = replace(_apply(uow, preview.plan_id, o), before=preview.base)
        tree = uow.plans.load_tree(preview.plan_id)  # (the corrections recorded below change no key of it)
        locked = locked_changes(before, tree, uow.year.locked())
        record_or_refuse(uow, locked, why, actor)
        undo = replace(undo, reason=why if locked else "", corrected=tuple(c.key for c in locked))
        audit(uow, f"plan:{preview.plan_id}:import",
              {"outline": to_jsonable(preview.base), "removed": to_jsonable(undo.removed_nodes),
               "removed_indicators": to_jsonable([i for i, _ in undo.removed_indicators])}
              if preview.base else None,
              {"file": preview.file.name, "changes": [c.describe() for c in preview.changes]}, actor)
    return _change(tree, undo)


def undo_plan_import(db: Database, undo: ImportUndo, actor: str | None = None) -> PlanChange:
    """Put the plan back as it was before the import (a created plan is removed again)."""
    with editing(db, guard_locked=False) as uow:  # fixed years: recorded as corrections or refused below
        plan_exists(uow, undo.plan_id)
        tree = uow.plans.load_tree(undo.plan_id)
        if not _same(outline_of(tree, _departments(uow)), undo.after):
            raise PlanEditError("取り込みの後に計画が変更されたため、取り込みを元に戻せません。")
        locked = uow.year.locked()
        if undo.before is None:
            uow.plans.delete_plan(undo.plan_id)
        else:
            for removed in reversed(undo.removed_nodes):
                uow.plans.insert_nodes(removed.plan_id, removed.nodes, removed.indicators, removed.progress,
                                  removed.part_of)
                uow.plans.insert_footnotes(removed.plan_id, removed.footnotes)
                uow.plans.order_indicators(removed.plan_id, removed.indicator_order)
                uow.plans.set_structure(removed.plan_id, removed.structure)
            for ind, order in undo.removed_indicators:
                uow.plans.put_indicator(ind)
                uow.plans.set_part_of(ind.plan_id, ind.key, ind.part_of)
                uow.plans.order_indicators(ind.plan_id, order)
            _apply(uow, undo.plan_id, undo.before, departments=False)
            if undo.changed_indicators:  # exactly as before, with what was entered since
                now = uow.plans.load_tree(undo.plan_id)
                for old in undo.changed_indicators:
                    uow.plans.put_indicator(replace(old, values=_merged(old, now.indicator(old.key))))
        # (the plan as undone read only when one of its years is fixed: else there is nothing to compare)
        after = None if undo.before is None or not _has_locks(undo.plan_id, locked) else uow.plans.load_tree(undo.plan_id)
        record_or_refuse(uow, locked_changes(tree, after, locked),
                         f"{undo.reason}（取り込みを元に戻す）" if undo.reason else "", actor, "取り込みの取り消し",
                         "取り込みの後に確定された年度です。変更するには 年次作業 > 年度の確定と修正 で、"
                         "理由を付けて修正として記録してください。")
        for name, dept in undo.departments_before:
            if dept is None:
                uow.plans.drop_department_if_unused(name)
            else:
                uow.plans.put_department(dept)
        audit(uow, f"plan:{undo.plan_id}:import", None, "undone", actor)
    return PlanChange(undo.plan_id, tuple(n.key for n in tree.nodes), tuple(i.key for i in tree.indicators))


def _same(a: PlanOutline, b: PlanOutline) -> bool:
    """The same plan, whatever the 課 list (shared by all plans) and the document kinds (which
    an import does not change)."""

    def plain(o: PlanOutline) -> PlanOutline:
        return replace(o, departments=(), plan=replace(o.plan, document_kinds=()))

    return plain(a) == plain(b)


def _change(tree: PlanTree, undo: ImportUndo) -> PlanChange:
    return PlanChange(tree.plan.id, tuple(n.key for n in tree.nodes), tuple(i.key for i in tree.indicators),
                      tuple(d.name for d in undo.after.departments), inverse=undo)


# ------------------------------------------------------------------------------ applying
def _write_new(uow: UnitOfWork, o: PlanOutline) -> tuple[tuple[str, Department | None], ...]:
    """A new plan as the outline describes it, written at once; returns the 課 it changed."""
    p = o.plan
    check_new_plan(NewPlan(p.id, p.title, p.period_from, p.period_to, p.levels, p.document_kinds),
                   uow.plans.plan_ids())
    known = {d.name: d for d in uow.plans.departments(include_retired=True)}
    changed: list[tuple[str, Department | None]] = []
    for d in o.departments:  # before the writer links to them (it adds a 課 it does not know bare)
        if known.get(d.name) != d:
            changed.append((d.name, known.get(d.name)))
            uow.plans.put_department(d)
    title = p.title.strip()
    documents = documents_for(p.id, title, p.document_kinds)
    plan = Plan(p.id, title, p.period_from, p.period_to, p.levels, (Edition("main", "策定時"),),
                round=p.round if p.round is not None else RoundSetting.default_for(p.levels))
    document = values_document(PlanTree(plan, (), (), (), tuple(documents)))
    nodes = tuple(Node(key=pl.key, plan_id=p.id, parent_key=pl.parent_key, depth=pl.depth, order=order,
                       appearances=tuple(Appearance(d.id, "main", n.number, n.title) for d in documents),
                       departments=n.departments)
                  for order, (pl, n) in enumerate(zip(o.structure(), o.nodes, strict=True)))
    indicators = tuple(_indicator(p.id, i, None, document) for i in o.indicators)
    uow.plans.write_plan(PlanTree(plan, nodes, indicators, (), tuple(documents)))
    return tuple(changed)


def _apply(uow: UnitOfWork, plan_id: str, target: PlanOutline, *, departments: bool = True) -> ImportUndo:
    """Make the plan's outline `target`; what is not in an outline (texts, actuals, entries …)
    stays. Returns what undoing needs."""
    dept_before = _apply_departments(uow, target) if departments else []
    tree = uow.plans.load_tree(plan_id)
    p = target.plan
    asks = p.round if p.round is not None else tree.plan.round
    wrote = (tree.plan.title, tree.plan.period_from, tree.plan.period_to, tree.plan.levels, tree.plan.round) != (
        p.title, p.period_from, p.period_to, p.levels, asks)  # (then `tree` is read again below)
    if wrote:
        uow.plans.update_plan(replace(tree.plan, title=p.title, period_from=p.period_from,
                                      period_to=p.period_to, levels=p.levels, round=asks))
    wanted_nodes = {n.key for n in target.nodes}
    wanted_inds = {i.key for i in target.indicators}
    # indicators left out of the workbook whose items stay
    removed_inds: list[tuple[Indicator, tuple[str, ...]]] = []
    for ind in tree.indicators:
        if ind.key not in wanted_inds and ind.node_key in wanted_nodes:
            removed_inds.append((ind, tuple(i.key for i in tree.indicators)))
            for other in tree.breakdowns_of(ind.key):
                uow.plans.set_part_of(plan_id, other.key, None)
            uow.plans.delete_indicator(plan_id, ind.key)
    # new items, added at the end under their parents (parents come first in an outline)
    documents = [d.id for d in tree.documents]
    if not documents:
        raise PlanEditError(f"計画「{tree.plan.title}」には資料がありません。")
    depth: dict[str, int] = {n.key: n.depth for n in tree.nodes}
    for n in target.nodes:
        if not tree.has_node(n.key):
            wrote = True
            depth[n.key] = depth[n.parent_key] + 1 if n.parent_key else 1
            uow.plans.add_node(plan_id, n.key, n.parent_key, depth[n.key], documents, n.number, n.title)
    # every item where the workbook puts it, the left-out ones after (still under their parents),
    # so that removing them takes only what the workbook left out
    left_out = [n for n in tree.nodes if n.key not in wanted_nodes]
    interim = list(target.structure())
    depth = {pl.key: pl.depth for pl in interim}
    for lo in sorted(left_out, key=lambda x: x.order):
        depth[lo.key] = depth[lo.parent_key] + 1 if lo.parent_key else 1
        interim.append(Place(lo.key, lo.parent_key, depth[lo.key]))
    if left_out:  # (without, the structure below is written once, where it differs)
        uow.plans.set_structure(plan_id, tuple(interim))
    removed_nodes: list[RemovedNodes] = []
    gone: set[str] = set()
    for lo in sorted(left_out, key=lambda x: x.order):
        if lo.key in gone:
            continue
        now = uow.plans.load_tree(plan_id)
        removed = removal_of(now, lo.key)
        uow.plans.delete_nodes(plan_id, [x.key for x in removed.nodes])
        uow.plans.delete_footnotes(plan_id, [f for _, f in removed.footnotes])
        gone.update(x.key for x in removed.nodes)
        removed_nodes.append(removed)
    if wrote or removed_inds or left_out:
        tree = uow.plans.load_tree(plan_id)
    if not _stored_as(tree, target.structure()):
        uow.plans.set_structure(plan_id, target.structure())
        tree = uow.plans.load_tree(plan_id)
    for n in target.nodes:
        node = tree.node(n.key)
        if (node.number, node.title) != (n.number, n.title):
            for doc in _living(tree, node):
                uow.plans.set_appearance(plan_id, n.key, doc, n.number, n.title)
        if node.departments != n.departments:
            uow.plans.set_node_departments(replace(node, departments=n.departments))
    changed = _apply_indicators(uow, tree, target, wanted_inds)
    return ImportUndo(plan_id, None, target, tuple(removed_nodes), tuple(removed_inds), tuple(dept_before),
                      tuple(changed))


def _has_locks(plan_id: str, locked: Collection[tuple[str, int]]) -> bool:
    return any(plan == plan_id for plan, _year in locked)


def _stored_as(tree: PlanTree, structure: tuple[Place, ...]) -> bool:
    """The plan's nodes are stored as `structure` writes them (parents, depths and positions 0, 1, …):
    writing it again would change nothing. An import that changes no item's place (most: texts,
    targets) then writes no node's place: an UPDATE a node, twice, was some 60 % of an import's or
    its undo's time on the worker (issue 27)."""
    return [(n.key, n.parent_key, n.depth, n.order) for n in sorted(tree.nodes, key=lambda n: n.order)] == [
        (p.key, p.parent_key, p.depth, i) for i, p in enumerate(structure)]


def _apply_departments(uow: UnitOfWork, target: PlanOutline) -> list[tuple[str, Department | None]]:
    """The outline's 課 written where they differ; what each was before (None: new)."""
    before: list[tuple[str, Department | None]] = []
    known = {d.name: d for d in uow.plans.departments(include_retired=True)}
    for d in target.departments:
        if known.get(d.name) != d:
            before.append((d.name, known.get(d.name)))
            uow.plans.put_department(d)
    return before


def _apply_indicators(uow: UnitOfWork, tree: PlanTree, target: PlanOutline, wanted: set[str]) -> list[Indicator]:
    """The outline's indicators written where they differ, their totals (内数) and their order;
    the indicators as they were before a change."""
    plan_id = tree.plan.id
    document = values_document(tree)
    changed: list[Indicator] = []
    for i in target.indicators:
        old = tree.indicator(i.key) if i.key in {x.key for x in tree.indicators} else None
        new = _indicator(plan_id, i, old, document)
        if new != old:
            uow.plans.put_indicator(new)
            if old is not None:
                changed.append(old)
    for i in target.indicators:
        old = tree.indicator(i.key) if i.key in {x.key for x in tree.indicators} else None
        if old is None or old.part_of != i.part_of:
            uow.plans.set_part_of(plan_id, i.key, i.part_of)
    order = [i.key for i in target.indicators]
    if [i.key for i in tree.indicators if i.key in wanted] != order:
        uow.plans.order_indicators(plan_id, order)
    return changed


def _indicator(plan_id: str, i: OutlineIndicator, old: Indicator | None, document: str | None) -> Indicator:
    """The indicator the outline describes, keeping what an outline does not carry (actuals,
    printed names) and, for a value that did not change, where it came from."""
    kept: list[IndicatorValue] = []
    olds = [v for v in (old.values if old else ()) if v.kind in CARRIED_VALUES]
    for v in i.values:
        same = next((o for o in olds if replace(o, document_id=None) == v), None)
        kept.append(same if same is not None else replace(v, document_id=document))
    return Indicator(
        key=i.key, plan_id=plan_id, node_key=i.node_key, kind=i.kind, name=i.name, unit=i.unit,
        number=i.number, cumulative=i.cumulative, part_of=i.part_of, source=i.source, marks=i.marks,
        departments=i.departments, printed_names=old.printed_names if old else {},
        values=_in_order(old, kept))


def _merged(old: Indicator, current: Indicator) -> tuple[IndicatorValue, ...]:
    """`old`'s baselines and targets, and `current`'s other values, in `old`'s order."""
    entered = [v for v in current.values if v.kind not in CARRIED_VALUES]
    out = [v for v in old.values if v.kind in CARRIED_VALUES or v in entered]
    return tuple(out + [v for v in entered if v not in out])


def _in_order(old: Indicator | None, carried: list[IndicatorValue]) -> tuple[IndicatorValue, ...]:
    if old is None:
        return tuple(carried)
    out: list[IndicatorValue] = []
    pending = list(carried)
    for v in old.values:  # keep the old sequence where it still holds, new values after
        if v.kind not in CARRIED_VALUES:
            out.append(v)
        elif any(c is v for c in pending):
            out.append(v)
            pending = [c for c in pending if c is not v]
    return tuple(out + pending)
