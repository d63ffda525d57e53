"""Plans and their trees: create a plan, add, rename, renumber, move and remove nodes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    Document,
    DocumentKind,
    Edition,
    Footnote,
    Indicator,
    Node,
    Plan,
    PlanTree,
    ProgressEntry,
)
from kodaira_desk.domain.numbering import next_number, renumbered
from kodaira_desk.domain.plan_structure import (
    Move,
    Structure,
    moved,
    placed,
    structure_of,
    subtree_keys,
    with_node,
)
from kodaira_desk.domain.round_setting import RoundSetting, RoundSettingError
from kodaira_desk.services.export import to_jsonable
from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError, audit, editing, plan_exists
from kodaira_desk.services.plan_editing.round_setting import check_departments
from kodaira_desk.store.database import Database
from kodaira_desk.store.unit_of_work import UnitOfWork

DOCUMENT_TITLES = {
    DocumentKind.STRATEGY: "",
    DocumentKind.PROGRESS_LIST: "進捗状況一覧表",
    DocumentKind.KPI_STATUS: "達成状況",
    DocumentKind.PLAN_SHEETS: "取組項目シート",
    DocumentKind.PROGRAM: "実行プログラム",
}
_PLAN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class NewPlan:
    id: str
    title: str
    period_from: FiscalYear
    period_to: FiscalYear
    levels: tuple[str, ...]  # 基本目標 / 施策 / 具体的な施策 …
    document_kinds: tuple[DocumentKind, ...] = (DocumentKind.STRATEGY,)
    round: RoundSetting | None = None  # what its yearly round asks; None: RoundSetting.default_for(levels)


def check_new_plan(new: NewPlan, existing: list[str]) -> None:
    if not _PLAN_ID.match(new.id):
        raise PlanEditError(f"計画ID「{new.id}」は使えません。半角英数字とハイフンで入力してください。")
    if new.id in existing:
        raise PlanEditError(f"計画ID「{new.id}」はすでにあります。")
    if not new.title.strip():
        raise PlanEditError("計画名が空です。")
    if new.period_to < new.period_from:
        raise PlanEditError(f"計画期間の終わり（{new.period_to.era_label()}）が始まり"
                            f"（{new.period_from.era_label()}）より前です。")
    if not new.levels or any(not lv.strip() for lv in new.levels):
        raise PlanEditError("階層の名前（基本目標、施策など）を一つ以上入力してください。")
    if not new.document_kinds:
        raise PlanEditError("資料の種類を一つ以上選んでください。")
    if new.round is not None:
        try:
            new.round.check(new.levels)
        except RoundSettingError as exc:
            raise PlanEditError(exc.message) from exc


def documents_for(plan_id: str, title: str, kinds: tuple[DocumentKind, ...]) -> list[Document]:
    return [Document(id=f"{plan_id}-{k.value}", plan_id=plan_id, kind=k, title=document_title(title, k),
                     source="", edition_id="main")
            for k in dict.fromkeys(kinds)]


def document_title(plan_title: str, kind: DocumentKind) -> str:
    """「{計画名} 達成状況」; the plan's name alone when it already says what the document is (the next
    「…実行プログラム（令和7年度～令和10年度）」 is not 「… 実行プログラム」 again)."""
    word = DOCUMENT_TITLES[kind]
    return plan_title.strip() if word in plan_title else f"{plan_title} {word}".strip()


def create_plan(db: Database, new: NewPlan, actor: str | None = None) -> PlanChange:
    """A new, empty plan with its level names and document kinds."""
    with editing(db) as uow:
        plan = create_plan_rows(uow, new)
        audit(uow, f"plan:{new.id}", None, {"title": plan.title, "period": [
            new.period_from.year, new.period_to.year], "levels": list(plan.levels),
            "documents": [k.value for k in new.document_kinds], "round": plan.round.describe(plan.levels)}, actor)
    return PlanChange(new.id)


def create_plan_rows(uow: UnitOfWork, new: NewPlan) -> Plan:
    """The plan's rows, inside the caller's transaction (create_plan, a plan workbook's import)."""
    check_new_plan(new, uow.plans.plan_ids())
    levels = tuple(lv.strip() for lv in new.levels)
    plan = Plan(new.id, new.title.strip(), new.period_from, new.period_to, levels, (Edition("main", "策定時"),),
                round=new.round if new.round is not None else RoundSetting.default_for(levels))
    uow.plans.create_plan(plan, documents_for(new.id, plan.title, new.document_kinds))
    return plan


def remove_plan(db: Database, plan_id: str, actor: str | None = None) -> PlanChange:
    """Undo of creating (or copying) a plan: the plan and everything in it; the audit log keeps it."""
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        uow.plans.delete_plan(plan_id)
        audit(uow, f"plan:{plan_id}", to_jsonable(tree), None, actor)
    return PlanChange(plan_id, tuple(n.key for n in tree.nodes), tuple(i.key for i in tree.indicators))


def _tree(uow: UnitOfWork, plan_id: str) -> PlanTree:
    plan_exists(uow, plan_id)
    return uow.plans.load_tree(plan_id)


def _documents(tree: PlanTree) -> list[str]:
    """The documents a new node is printed in: all of the plan's."""
    if not tree.documents:
        raise PlanEditError(f"計画「{tree.plan.title}」には資料がありません。")
    return [d.id for d in tree.documents]


def _living(tree: PlanTree, node: Node) -> list[str]:
    """The documents a rename or renumbering changes: the node's current one, and every document
    made in the app (source ""); the city's printed documents keep what they printed."""
    made_here = {d.id for d in tree.documents if not d.source}
    return [a.document_id for a in node.appearances
            if a.document_id in made_here or a is node.current]


def _new_key(tree: PlanTree, parent_key: str | None) -> str:
    base = f"{parent_key}." if parent_key else ""
    n = len(tree.children(parent_key)) + 1
    while tree.has_node(f"{base}n{n}"):
        n += 1
    return f"{base}n{n}"


def add_node(db: Database, plan_id: str, parent_key: str | None, title: str, number: str | None = None,
             actor: str | None = None) -> PlanChange:
    """A node added last under `parent_key` (None: at the top), numbered after its siblings."""
    title = title.strip()
    if not title:
        raise PlanEditError("項目名が空です。")
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        if parent_key is not None and not tree.has_node(parent_key):
            raise PlanEditError(f"親の項目「{parent_key}」はありません。")
        siblings = tree.children(parent_key)
        depth = tree.node(parent_key).depth + 1 if parent_key else 1
        if number is None:
            number = next_number([n.number for n in siblings])
        key = _new_key(tree, parent_key)
        uow.plans.add_node(plan_id, key, parent_key, depth, _documents(tree), number, title)
        uow.plans.set_structure(plan_id, with_node(tree, key, parent_key))
        audit(uow, f"structure:{plan_id}:{key}", None, {"parent": parent_key, "number": number,
                                                       "title": title}, actor)
    return PlanChange(plan_id, (key,), inverse=key)


def rename_node(db: Database, plan_id: str, key: str, title: str, number: str | None = None,
                actor: str | None = None) -> PlanChange:
    """A new title (and number) for the node as the plan's current document prints it; earlier
    documents keep theirs. The inverse is (old title, old number)."""
    title = title.strip()
    if not title:
        raise PlanEditError("項目名が空です。")
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        node = tree.node(key)
        old = (node.title, node.number)
        new_number = node.number if number is None else number.strip()
        for doc in _living(tree, node):
            uow.plans.set_appearance(plan_id, key, doc, new_number, title)
        audit(uow, f"structure:{plan_id}:{key}", {"title": old[0], "number": old[1]},
              {"title": title, "number": new_number}, actor)
    return PlanChange(plan_id, (key,), inverse=old)


def set_numbers(db: Database, plan_id: str, numbers: dict[str, str], actor: str | None = None) -> PlanChange:
    """Printed numbers of several nodes at once (renumbering and its undo)."""
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        old = {k: tree.node(k).number for k in numbers}
        for k, number in numbers.items():
            node = tree.node(k)
            for doc in _living(tree, node):
                appearance = next(a for a in node.appearances if a.document_id == doc)
                uow.plans.set_appearance(plan_id, k, doc, number, appearance.title)
        audit(uow, f"structure:{plan_id}:numbers", old, numbers, actor)
    return PlanChange(plan_id, tuple(numbers), inverse=old)


def renumber_children(db: Database, plan_id: str, parent_key: str | None,
                      actor: str | None = None) -> PlanChange:
    """Number the children of `parent_key` 1, 2, 3 … in the style of the first (on request only)."""
    with db.reading() as uow:
        tree = _tree(uow, plan_id)
    children = tree.children(parent_key)
    new = dict(zip((n.key for n in children), renumbered([n.number for n in children]), strict=True))
    return set_numbers(db, plan_id, new, actor)


def move_node(db: Database, plan_id: str, key: str, move: Move, actor: str | None = None) -> PlanChange:
    """Up, down, indent or outdent, the node with everything under it. The inverse is the
    structure before."""
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        before = structure_of(tree)
        after = moved(tree, key, move)
        uow.plans.set_structure(plan_id, after)
        audit(uow, f"structure:{plan_id}:{key}", {"move": move.value, "parent": tree.node(key).parent_key},
              {"parent": next(p.parent_key for p in after if p.key == key)}, actor)
    return PlanChange(plan_id, tuple(subtree_keys(tree, key)), inverse=before)


def place_node(db: Database, plan_id: str, key: str, parent_key: str | None, index: int,
               actor: str | None = None) -> PlanChange:
    """Drag and drop: the node with everything under it moved under `parent_key` at `index`.
    The inverse is the structure before."""
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        before = structure_of(tree)
        after = placed(tree, key, parent_key, index)
        uow.plans.set_structure(plan_id, after)
        audit(uow, f"structure:{plan_id}:{key}", {"parent": tree.node(key).parent_key},
              {"parent": parent_key, "index": index}, actor)
    return PlanChange(plan_id, tuple(subtree_keys(tree, key)), inverse=before)


def restore_structure(db: Database, plan_id: str, structure: Structure, actor: str | None = None) -> PlanChange:
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        before = structure_of(tree)
        if {p.key for p in before} != {p.key for p in structure}:
            raise PlanEditError("計画の項目が変わっているため、元に戻せません。")
        uow.plans.set_structure(plan_id, structure)
        audit(uow, f"structure:{plan_id}:order", None, "restored", actor)
    return PlanChange(plan_id, tuple(p.key for p in structure), inverse=before)


def set_node_departments(db: Database, plan_id: str, key: str, links: tuple[DepartmentLink, ...],
                         actor: str | None = None) -> PlanChange:

    with editing(db) as uow:
        node = _tree(uow, plan_id).node(key)
        check_departments(uow, [d.department for d in links])
        uow.plans.set_node_departments(replace(node, departments=links))
        audit(uow, f"structure:{plan_id}:{key}:departments",
              [[d.department, d.role.value] for d in node.departments],
              [[d.department, d.role.value] for d in links], actor)
    return PlanChange(plan_id, (key,), inverse=node.departments)


# --------------------------------------------------------------------------- removing
@dataclass(frozen=True)
class RemovedNodes:
    """Everything a removal took away, to put back by undo."""

    plan_id: str
    nodes: tuple[Node, ...]
    indicators: tuple[Indicator, ...]
    progress: tuple[ProgressEntry, ...]
    footnotes: tuple[tuple[int, Footnote], ...]  # with their places in the plan's list
    part_of: tuple[tuple[str, str], ...]  # breakdowns elsewhere of indicators removed here
    structure: Structure
    indicator_order: tuple[str, ...]

    @property
    def value_count(self) -> int:
        return sum(len(i.values) for i in self.indicators) + len(self.progress) + sum(
            len(n.budget.costs) if n.budget else 0 for n in self.nodes)


def removal_of(tree: PlanTree, key: str) -> RemovedNodes:
    """What removing `key` would take away (the window asks before removing a node with values)."""
    keys = subtree_keys(tree, key)
    inside = set(keys)
    indicators = tuple(i for i in tree.indicators if i.node_key in inside)
    ind_keys = {i.key for i in indicators}
    return RemovedNodes(
        plan_id=tree.plan.id,
        nodes=tuple(tree.node(k) for k in keys),
        indicators=indicators,
        progress=tuple(p for p in tree.progress if p.node_key in inside),
        footnotes=tuple((i, f) for i, f in enumerate(tree.footnotes)
                        if f.scope_key in inside or f.scope_key in ind_keys),
        part_of=tuple((i.key, i.part_of) for i in tree.indicators
                      if i.part_of in ind_keys and i.key not in ind_keys),
        structure=structure_of(tree),
        indicator_order=tuple(i.key for i in tree.indicators))


def remove_node(db: Database, plan_id: str, key: str, actor: str | None = None) -> PlanChange:
    """Remove a node with everything under it and everything it holds; the audit log keeps all
    of it, and the inverse (RemovedNodes) puts it back."""
    with editing(db) as uow:
        tree = _tree(uow, plan_id)
        if not tree.has_node(key):
            raise PlanEditError(f"項目「{key}」はありません。")
        removed = removal_of(tree, key)
        gone = {n.key for n in removed.nodes}
        uow.plans.delete_nodes(plan_id, [n.key for n in removed.nodes])
        uow.plans.delete_footnotes(plan_id, [f for _, f in removed.footnotes])
        # the others' positions closed up, as restore_nodes and every other edit leave them: an
        # undone removal then leaves the plan exactly as it was, and its redo exactly as this
        uow.plans.set_structure(plan_id, tuple(p for p in removed.structure if p.key not in gone))
        audit(uow, f"structure:{plan_id}:{key}", to_jsonable(removed), None, actor)
    return PlanChange(plan_id, tuple(n.key for n in removed.nodes),
                      tuple(i.key for i in removed.indicators), inverse=removed)


def restore_nodes(db: Database, removed: RemovedNodes, actor: str | None = None) -> PlanChange:
    """Put back what remove_node took away, where it was."""
    with editing(db) as uow:
        tree = _tree(uow, removed.plan_id)
        clash = [n.key for n in removed.nodes if tree.has_node(n.key)]
        if clash:
            raise PlanEditError(f"項目「{clash[0]}」がすでにあるため、元に戻せません。")
        uow.plans.insert_nodes(removed.plan_id, removed.nodes, removed.indicators, removed.progress,
                          removed.part_of)
        uow.plans.insert_footnotes(removed.plan_id, removed.footnotes)
        uow.plans.order_indicators(removed.plan_id, removed.indicator_order)
        uow.plans.set_structure(removed.plan_id, removed.structure)
        audit(uow, f"structure:{removed.plan_id}:{removed.nodes[0].key}", None, "restored", actor)
    return PlanChange(removed.plan_id, tuple(n.key for n in removed.nodes),
                      tuple(i.key for i in removed.indicators), inverse=removed.nodes[0].key)


def files_out_for(db: Database, removal: RemovedNodes) -> list[tuple[str, FiscalYear]]:
    """(課, year) of each department file handed out and not collected yet whose 課 is named on what
    removing would take away (the items and their indicators): its returned entries for those items
    would have nowhere to go, so the window asks first even when nothing was entered yet."""
    from kodaira_desk.domain.round import HandoutStatus

    named = {d.department for n in removal.nodes for d in n.departments}
    named |= {d.department for i in removal.indicators for d in i.departments}
    with db.reading() as uow:
        out = {(h.department, h.fiscal_year) for h in uow.rounds.load_handouts()
               if h.status is HandoutStatus.ISSUED and h.department in named}
    return [(d, FiscalYear(y)) for d, y in sorted(out)]
