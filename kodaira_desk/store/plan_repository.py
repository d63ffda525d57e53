"""Writing plan structure: plans, nodes, indicators, departments and their reorganisations.

Every function works inside the caller's transaction (a service's unit of work).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kodaira_desk.domain.departments import (
    Department,
    DepartmentHistory,
    Reorganisation,
    ReorganisationKind,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    Document,
    Footnote,
    Indicator,
    Node,
    Plan,
    PlanTree,
    ProgressEntry,
    Role,
)
from kodaira_desk.domain.plan_structure import Structure
from kodaira_desk.store import models as m
from kodaira_desk.store.reader import raw_connection
from kodaira_desk.store.repository import (
    PlanWriter,
    get_meta,
    node_id,
    progress_row,
    round_setting_row,
    value_row,
)
from kodaira_desk.store.tree_reader import load_trees


class PlanRepository:
    """Plans, nodes, indicators, footnotes, 課 and their reorganisations, inside the unit of
    work's transaction; plans come back as frozen domain trees."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def load_tree(self, plan_id: str) -> PlanTree:
        """The plan as it stands inside this transaction (with its own uncommitted writes)."""
        s = self.s
        s.flush()
        found = load_trees(raw_connection(s), [plan_id])  # one query per table (a server: one round trip)
        if not found:
            raise KeyError(plan_id)
        return found[0]

    def is_department_file(self) -> bool:
        s = self.s
        return get_meta(s, "file_kind") == "department"

    def plan_ids(self) -> list[str]:
        s = self.s
        return list(s.scalars(select(m.PlanRow.id).order_by(m.PlanRow.position)))

    # --------------------------------------------------------------------------- plans
    def create_plan(self, plan: Plan, documents: Iterable[Document]) -> None:
        s = self.s
        position = (s.scalar(select(func.max(m.PlanRow.position))) or 0) + 1
        PlanWriter(s).write_plan_row(plan, documents, position)

    def write_plan(self, tree: PlanTree) -> None:
        """A whole new plan at once (an imported plan workbook), after the existing plans."""
        s = self.s
        position = (s.scalar(select(func.max(m.PlanRow.position))) or 0) + 1
        PlanWriter(s).write(tree, position)

    def write_all(self, trees: Iterable[PlanTree]) -> None:
        """Whole plans into an empty database (the built-in data), in their order."""
        writer = PlanWriter(self.s)
        for position, tree in enumerate(trees):
            writer.write(tree, position)

    def update_plan(self, plan: Plan) -> None:
        s = self.s
        row = s.get_one(m.PlanRow, plan.id)
        row.title = plan.title
        row.period_from = plan.period_from.year
        row.period_to = plan.period_to.year
        row.levels = "\n".join(plan.levels)
        self.set_round_setting(plan)

    def set_round_setting(self, plan: Plan) -> None:
        """What the plan's yearly round asks (domain.round_setting), in place of what it asked."""
        s = self.s
        s.execute(delete(m.PlanRoundRow).where(m.PlanRoundRow.plan_id == plan.id))
        s.flush()
        s.add(round_setting_row(plan))
        s.flush()

    def delete_plan(self, plan_id: str) -> None:
        """A plan with everything in it (its nodes through delete_nodes, then its own rows)."""
        s = self.s
        keys = list(s.scalars(select(m.NodeRow.key).where(m.NodeRow.plan_id == plan_id).order_by(m.NodeRow.position)))
        depth = dict(s.execute(select(m.NodeRow.key, m.NodeRow.depth).where(m.NodeRow.plan_id == plan_id)).all())
        self.delete_nodes(plan_id, sorted(keys, key=lambda k: depth[k]))  # parents first, as delete_nodes wants
        docs = list(s.scalars(select(m.DocumentRow.id).where(m.DocumentRow.plan_id == plan_id)))
        s.execute(delete(m.FootnoteRow).where(m.FootnoteRow.plan_id == plan_id))
        s.execute(delete(m.CorrectionRow).where(m.CorrectionRow.document_id.in_(docs)))
        s.execute(delete(m.SectionRow).where(m.SectionRow.plan_id == plan_id))
        s.execute(delete(m.DocumentRow).where(m.DocumentRow.plan_id == plan_id))
        s.execute(delete(m.EditionRow).where(m.EditionRow.plan_id == plan_id))
        s.execute(delete(m.PlanRoundRow).where(m.PlanRoundRow.plan_id == plan_id))
        s.execute(delete(m.PlanRow).where(m.PlanRow.id == plan_id))
        s.flush()

    def document_exists(self, document_id: str) -> bool:
        s = self.s
        return s.get(m.DocumentRow, document_id) is not None

    # --------------------------------------------------------------------------- nodes
    def set_structure(self, plan_id: str, structure: Structure) -> None:
        """Parents, depths and printed positions of every node of the plan."""
        s = self.s
        ids = {key: nid for key, nid in s.execute(select(m.NodeRow.key, m.NodeRow.id)
                                                  .where(m.NodeRow.plan_id == plan_id))}
        for position, place in enumerate(structure):
            s.execute(update(m.NodeRow).where(m.NodeRow.id == ids[place.key]).values(
                parent_id=ids[place.parent_key] if place.parent_key else None, depth=place.depth,
                position=position))

    def add_node(self, plan_id: str, key: str, parent_key: str | None, depth: int,
                 document_ids: Sequence[str], number: str, title: str) -> None:
        """A node printed with `number` and `title` in each of `document_ids` (oldest first)."""
        s = self.s
        parent = node_id(s, plan_id, parent_key) if parent_key else None
        row = m.NodeRow(plan_id=plan_id, key=key, parent_id=parent, depth=depth, position=1 << 30)
        s.add(row)
        s.flush()
        for i, doc in enumerate(document_ids):
            s.add(m.AppearanceRow(node_id=row.id, document_id=doc, number=number, title=title, position=i))
        s.flush()

    def set_appearance(self, plan_id: str, key: str, document_id: str, number: str,
                       title: str) -> None:
        s = self.s
        nid = node_id(s, plan_id, key)
        row = s.get(m.AppearanceRow, (nid, document_id))
        if row is None:
            position = s.scalar(select(func.count()).where(m.AppearanceRow.node_id == nid)) or 0
            s.add(m.AppearanceRow(node_id=nid, document_id=document_id, number=number, title=title,
                                  position=position))
        else:
            row.number = number
            row.title = title
        s.flush()

    def delete_nodes(self, plan_id: str, keys: Sequence[str]) -> None:
        """Remove nodes with everything they hold (indicators, values, entries, schedule, budget)."""
        s = self.s
        nids = [node_id(s, plan_id, k) for k in keys]
        iids = list(s.scalars(select(m.IndicatorRow.id).where(m.IndicatorRow.node_id.in_(nids))))
        s.execute(update(m.IndicatorRow).where(m.IndicatorRow.part_of_id.in_(iids)).values(part_of_id=None))
        for table in (m.IndicatorValueRow, m.IndicatorNameRow, m.IndicatorDepartmentRow):
            s.execute(delete(table).where(table.indicator_id.in_(iids)))
        s.execute(delete(m.IndicatorRow).where(m.IndicatorRow.id.in_(iids)))
        row_ids = list(s.scalars(select(m.ScheduleRowRow.id).where(m.ScheduleRowRow.node_id.in_(nids))))
        s.execute(delete(m.ScheduleCellRow).where(m.ScheduleCellRow.row_id.in_(row_ids)))
        for ntable in (m.ScheduleRowRow, m.ScheduleYearRow, m.BudgetCostRow, m.BudgetSummaryRow,
                       m.BudgetRow, m.ProgressRow, m.NodeTextRow, m.AppearanceRow, m.NodeDepartmentRow):
            s.execute(delete(ntable).where(ntable.node_id.in_(nids)))
        for nid in reversed(nids):  # children were listed after their parents
            s.execute(delete(m.NodeRow).where(m.NodeRow.id == nid))
        s.flush()

    def insert_nodes(self, plan_id: str, nodes: Sequence[Node], indicators: Sequence[Indicator],
                     progress: Sequence[ProgressEntry], part_of: Sequence[tuple[str, str]] = ()) -> None:
        """Put back nodes removed by delete_nodes (parents before children), with what they held;
        `part_of` (indicator, total) restores breakdown links to and from them."""
        s = self.s
        writer = PlanWriter(s)
        for node in nodes:
            row = m.NodeRow(plan_id=plan_id, key=node.key, depth=node.depth, position=node.order,
                            parent_id=node_id(s, plan_id, node.parent_key) if node.parent_key else None)
            s.add(row)
            s.flush()
            writer._write_node_parts(row.id, node)
        for ind in indicators:
            self.put_indicator(ind, writer)
        for ind in indicators:
            if ind.part_of:
                self.set_part_of(plan_id, ind.key, ind.part_of)
        for key, total in part_of:
            self.set_part_of(plan_id, key, total)
        for pe in progress:
            s.add(progress_row(node_id(s, plan_id, pe.node_key), pe))
        s.flush()

    def _footnote_rows(self, plan_id: str) -> list[m.FootnoteRow]:
        s = self.s
        return list(s.scalars(select(m.FootnoteRow).where(m.FootnoteRow.plan_id == plan_id)
                              .order_by(m.FootnoteRow.position, m.FootnoteRow.id)))

    def delete_footnotes(self, plan_id: str, footnotes: Iterable[Footnote]) -> None:
        s = self.s
        gone = list(footnotes)
        for row in self._footnote_rows(plan_id):
            f = Footnote(plan_id, row.document_id, row.scope_key, row.table_name, row.mark, row.text)
            if f in gone:
                gone.remove(f)
                s.delete(row)
        s.flush()

    def insert_footnotes(self, plan_id: str, placed: Sequence[tuple[int, Footnote]]) -> None:
        """Footnotes put back at their places in the plan's list (index, footnote), the rest after."""
        s = self.s
        rows: list[m.FootnoteRow | None] = list(self._footnote_rows(plan_id))
        for index, f in sorted(placed, key=lambda p: p[0]):
            row = m.FootnoteRow(plan_id=plan_id, document_id=f.document_id, scope_key=f.scope_key,
                                table_name=f.table, mark=f.mark, text=f.text, position=0)
            s.add(row)
            rows.insert(min(index, len(rows)), row)
        for i, r in enumerate(rows):
            assert r is not None
            r.position = i
        s.flush()

    def order_indicators(self, plan_id: str, keys: Sequence[str]) -> None:
        """Indicator positions in the order of `keys` (those not listed keep their order, after)."""
        s = self.s
        rows = list(s.scalars(select(m.IndicatorRow).where(m.IndicatorRow.plan_id == plan_id)
                              .order_by(m.IndicatorRow.position)))
        rank = {k: i for i, k in enumerate(keys)}
        rows.sort(key=lambda r: (rank.get(r.key, len(rank)), r.position))
        for i, r in enumerate(rows):
            r.position = i
        s.flush()

    # --------------------------------------------------------------------------- indicators
    def _indicator_row(self, plan_id: str, key: str) -> m.IndicatorRow | None:
        s = self.s
        return s.scalar(select(m.IndicatorRow).where(m.IndicatorRow.plan_id == plan_id,
                                                     m.IndicatorRow.key == key))

    def set_part_of(self, plan_id: str, key: str, total: str | None) -> None:
        row = self._indicator_row(plan_id, key)
        assert row is not None
        target = self._indicator_row(plan_id, total) if total else None
        row.part_of_id = target.id if target else None

    def put_indicator(self, ind: Indicator, writer: PlanWriter | None = None) -> None:
        """Create or replace an indicator: its fields, departments, printed names and values
        (`part_of` is written by set_part_of, once every indicator exists)."""
        s = self.s
        writer = writer or PlanWriter(s)
        row = self._indicator_row(ind.plan_id, ind.key)
        nid = node_id(s, ind.plan_id, ind.node_key)
        if row is None:
            position = (s.scalar(select(func.max(m.IndicatorRow.position))
                                 .where(m.IndicatorRow.plan_id == ind.plan_id)) or 0) + 1
            row = m.IndicatorRow(plan_id=ind.plan_id, key=ind.key, node_id=nid, kind=ind.kind.value,
                                 name=ind.name, unit=ind.unit, position=position)
            s.add(row)
            s.flush()
        row.node_id = nid
        row.kind = ind.kind.value
        row.number = ind.number
        row.name = ind.name
        row.unit = ind.unit
        row.cumulative = ind.cumulative
        row.source = ind.source
        row.marks = " ".join(ind.marks)
        for table in (m.IndicatorValueRow, m.IndicatorNameRow, m.IndicatorDepartmentRow):
            s.execute(delete(table).where(table.indicator_id == row.id))
        s.flush()
        for doc_id, name in ind.printed_names.items():
            s.add(m.IndicatorNameRow(indicator_id=row.id, document_id=doc_id, name=name))
        for j, link in enumerate(ind.departments):
            s.add(m.IndicatorDepartmentRow(indicator_id=row.id, role=link.role.value, position=j,
                                           department_id=writer.department_id(link.department)))
        for v in ind.values:
            s.add(value_row(row.id, v))
        s.flush()

    def set_node_departments(self, node: Node) -> None:
        s = self.s
        nid = node_id(s, node.plan_id, node.key)
        writer = PlanWriter(s)
        s.execute(delete(m.NodeDepartmentRow).where(m.NodeDepartmentRow.node_id == nid))
        s.flush()
        for i, link in enumerate(node.departments):
            s.add(m.NodeDepartmentRow(node_id=nid, role=link.role.value, position=i,
                                      department_id=writer.department_id(link.department)))
        s.flush()

    # --------------------------------------------------------------------------- departments
    def departments(self, *, include_retired: bool = False) -> list[Department]:
        s = self.s
        q = (select(m.Department.name, m.DepartmentDetailRow.reading, m.DepartmentDetailRow.code,
                    m.DepartmentDetailRow.retired_from, m.DepartmentDetailRow.email)
             .outerjoin(m.DepartmentDetailRow, m.DepartmentDetailRow.department_id == m.Department.id)
             .order_by(m.Department.id))
        return [Department(name, reading or "", code or "", email or "") for name, reading, code, retired, email
                in s.execute(q) if include_retired or retired is None]

    def department_row_id(self, name: str) -> int:
        s = self.s
        return PlanWriter(s).department_id(name)

    def put_department(self, dept: Department, *, retired_from: FiscalYear | None = None) -> None:
        s = self.s
        did = self.department_row_id(dept.name)
        row = s.get(m.DepartmentDetailRow, did)
        if row is None:
            row = m.DepartmentDetailRow(department_id=did)
            s.add(row)
        row.reading = dept.reading
        row.code = dept.code
        if dept.email is not None:  # None: not given (a plan workbook of an earlier version)
            row.email = dept.email
        row.retired_from = retired_from.year if retired_from else None
        s.flush()

    def rename_department_row(self, old: str, new: str) -> None:
        s = self.s
        s.execute(update(m.Department).where(m.Department.name == old).values(name=new))

    def history(self) -> DepartmentHistory:
        s = self.s
        events = []
        for r in s.scalars(select(m.DepartmentEventRow).order_by(m.DepartmentEventRow.id)):
            before = {str(item): tuple(DepartmentLink(str(n), Role(str(role))) for n, role in links)
                      for item, links in json.loads(r.links).items()}
            events.append(Reorganisation(
                FiscalYear(r.fiscal_year), ReorganisationKind(r.kind), tuple(json.loads(r.sources)),
                tuple(json.loads(r.targets)), before, r.note))
        return DepartmentHistory(tuple(events))

    def add_event(self, ev: Reorganisation, at: str, actor: str | None) -> int:
        s = self.s
        before = {item: [[d.department, d.role.value] for d in links] for item, links in ev.before.items()}
        row = m.DepartmentEventRow(
            fiscal_year=ev.year.year, kind=ev.kind.value,
            sources=json.dumps(list(ev.sources), ensure_ascii=False),
            targets=json.dumps(list(ev.targets), ensure_ascii=False),
            links=json.dumps(before, ensure_ascii=False, sort_keys=True), note=ev.note, at=at, actor=actor)
        s.add(row)
        s.flush()
        return row.id

    def delete_event(self, event_id: int) -> None:
        s = self.s
        s.execute(delete(m.DepartmentEventRow).where(m.DepartmentEventRow.id == event_id))

    def last_event_id(self) -> int | None:
        s = self.s
        return s.scalar(select(func.max(m.DepartmentEventRow.id)))

    def delete_indicator(self, plan_id: str, key: str) -> None:
        s = self.s
        row = self._indicator_row(plan_id, key)
        if row is None:
            return
        for table in (m.IndicatorValueRow, m.IndicatorNameRow, m.IndicatorDepartmentRow):
            s.execute(delete(table).where(table.indicator_id == row.id))
        s.delete(row)
        s.flush()

    def set_indicator_departments(self, plan_id: str, key: str, links: Sequence[DepartmentLink]) -> None:
        s = self.s
        row = self._indicator_row(plan_id, key)
        assert row is not None
        writer = PlanWriter(s)
        s.execute(delete(m.IndicatorDepartmentRow).where(m.IndicatorDepartmentRow.indicator_id == row.id))
        s.flush()
        for j, link in enumerate(links):
            s.add(m.IndicatorDepartmentRow(indicator_id=row.id, role=link.role.value, position=j,
                                           department_id=writer.department_id(link.department)))
        s.flush()

    def drop_department_if_unused(self, name: str) -> None:
        s = self.s
        did = s.scalar(select(m.Department.id).where(m.Department.name == name))
        if did is None:
            return
        used = s.scalar(select(func.count()).select_from(m.NodeDepartmentRow)
                        .where(m.NodeDepartmentRow.department_id == did)) or 0
        used += s.scalar(select(func.count()).select_from(m.IndicatorDepartmentRow)
                         .where(m.IndicatorDepartmentRow.department_id == did)) or 0
        if not used:
            s.execute(delete(m.DepartmentDetailRow).where(m.DepartmentDetailRow.department_id == did))
            s.execute(delete(m.Department).where(m.Department.id == did))

    def replace_footnotes(self, plan_id: str, scope_key: str, document_id: str,
                          notes: Sequence[tuple[str | None, str]]) -> None:
        """The footnotes of one item in one document, in place of those it had (where they stood)."""
        s = self.s
        rows = self._footnote_rows(plan_id)
        mine = [r for r in rows if r.scope_key == scope_key and r.document_id == document_id]
        at = rows.index(mine[0]) if mine else len(rows)
        for r in mine:
            s.delete(r)
        rest = [r for r in rows if r not in mine]
        new = [m.FootnoteRow(plan_id=plan_id, document_id=document_id, scope_key=scope_key, table_name=None,
                             mark=mark, text=text, position=0) for mark, text in notes]
        s.add_all(new)
        for i, r in enumerate(rest[:at] + new + rest[at:]):
            r.position = i
        s.flush()
