"""Repositories: write domain objects into the tables and read them back as domain objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    ALL_DEPARTMENTS,
    Appearance,
    Budget,
    BudgetSummary,
    Correction,
    DepartmentLink,
    Document,
    DocumentKind,
    Edition,
    Footnote,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    NodeText,
    Plan,
    PlanTree,
    ProgressEntry,
    Revision,
    Role,
    Schedule,
    ScheduleRow,
    Section,
    ValueKind,
)
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value, number_of, parse_value
from kodaira_desk.store import models as m


def _marks(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def _number(value: Value) -> str | None:
    n = number_of(value)
    return None if n is None else str(n)


class PlanWriter:
    """Writes whole plan trees (the built-in data) inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._departments: dict[str, int] = {}

    def department_id(self, name: str) -> int:
        if name not in self._departments:
            existing = self.s.scalar(select(m.Department.id).where(m.Department.name == name))
            if existing is None:
                row = m.Department(name=name, is_all=name == ALL_DEPARTMENTS)
                self.s.add(row)
                self.s.flush()
                existing = row.id
            self._departments[name] = existing
        return self._departments[name]

    def write(self, tree: PlanTree, position: int) -> None:
        s, p = self.s, tree.plan
        s.add(m.PlanRow(id=p.id, title=p.title, period_from=p.period_from.year,
                        period_to=p.period_to.year, levels="\n".join(p.levels), position=position))
        s.flush()
        for i, e in enumerate(p.editions):
            s.add(m.EditionRow(plan_id=p.id, id=e.id, label=e.label, position=i))
        for i, d in enumerate(tree.documents):
            s.add(m.DocumentRow(
                id=d.id, plan_id=p.id, kind=d.kind.value, title=d.title, subtitle=d.subtitle,
                source=d.source, edition_id=d.edition_id, committee=d.committee, handout=d.handout,
                date=d.date.isoformat() if d.date else None, draft=d.draft, position=i))
        s.flush()
        for i, sec in enumerate(p.sections):
            s.add(m.SectionRow(plan_id=p.id, document_id=sec.document_id, position=i,
                               heading=sec.heading, body=str(sec.text)))
        node_ids: dict[str, int] = {}
        for node in tree.nodes:
            row = m.NodeRow(plan_id=p.id, key=node.key, depth=node.depth, position=node.order,
                            parent_id=node_ids[node.parent_key] if node.parent_key else None)
            s.add(row)
            s.flush()
            node_ids[node.key] = row.id
            self._write_node_parts(row.id, node)
        ind_ids: dict[str, int] = {}
        for i, ind in enumerate(tree.indicators):
            irow = m.IndicatorRow(
                plan_id=p.id, key=ind.key, node_id=node_ids[ind.node_key], kind=ind.kind.value,
                number=ind.number, name=ind.name, unit=ind.unit, cumulative=ind.cumulative,
                source=ind.source, marks=" ".join(ind.marks), position=i)
            s.add(irow)
            s.flush()
            ind_ids[ind.key] = irow.id
            for doc_id, name in ind.printed_names.items():
                s.add(m.IndicatorNameRow(indicator_id=irow.id, document_id=doc_id, name=name))
            for j, link in enumerate(ind.departments):
                s.add(m.IndicatorDepartmentRow(indicator_id=irow.id, role=link.role.value,
                                               department_id=self.department_id(link.department),
                                               position=j))
            for v in ind.values:
                s.add(value_row(irow.id, v))
        for ind in tree.indicators:
            if ind.part_of:
                s.get_one(m.IndicatorRow, ind_ids[ind.key]).part_of_id = ind_ids[ind.part_of]
        for i, f in enumerate(tree.footnotes):
            s.add(m.FootnoteRow(plan_id=p.id, document_id=f.document_id, scope_key=f.scope_key,
                                table_name=f.table, mark=f.mark, text=f.text, position=i))
        for i, c in enumerate(tree.corrections):
            s.add(m.CorrectionRow(document_id=c.document_id, location=c.where, extracted=c.extracted,
                                  printed=c.printed, note=c.note, position=i))
        for pe in tree.progress:
            s.add(m.ProgressRow(node_id=node_ids[pe.node_key], fiscal_year=pe.year.year,
                                status=pe.status, narrative=str(pe.narrative),
                                document_id=pe.document_id))
        s.flush()

    def _write_node_parts(self, node_id: int, node: Node) -> None:
        s = self.s
        for i, a in enumerate(node.appearances):
            s.add(m.AppearanceRow(node_id=node_id, document_id=a.document_id, number=a.number,
                                  title=a.title, position=i))
        for i, t in enumerate(node.texts):
            s.add(m.NodeTextRow(node_id=node_id, document_id=t.document_id, label=t.label,
                                body=str(t.text), position=i))
        for i, link in enumerate(node.departments):
            s.add(m.NodeDepartmentRow(node_id=node_id, role=link.role.value, position=i,
                                      department_id=self.department_id(link.department)))
        if node.schedule:
            for y in node.schedule.years:
                s.add(m.ScheduleYearRow(node_id=node_id, fiscal_year=y.year))
            for i, r in enumerate(node.schedule.rows):
                row = m.ScheduleRowRow(node_id=node_id, position=i, label=r.label)
                s.add(row)
                s.flush()
                for y, text in r.cells.items():
                    s.add(m.ScheduleCellRow(row_id=row.id, fiscal_year=y.year, text=text))
        if node.budget:
            s.add(m.BudgetRow(node_id=node_id, unit=node.budget.unit))
            s.flush()
            for y, v in node.budget.costs.items():
                s.add(m.BudgetCostRow(node_id=node_id, fiscal_year=y.year, text=str(v),
                                      number=_number(v)))
            for i, sm in enumerate(node.budget.summaries):
                s.add(m.BudgetSummaryRow(node_id=node_id, first_year=sm.first.year,
                                         last_year=sm.last.year, text=sm.text, position=i))


def value_row(indicator_id: int, v: IndicatorValue) -> m.IndicatorValueRow:
    return m.IndicatorValueRow(
        indicator_id=indicator_id, kind=v.kind.value, fiscal_year=v.year.year,
        revision=v.revision.value, text=str(v.value), number=_number(v.value),
        marks=" ".join(v.marks), as_of=v.as_of, note=v.note, document_id=v.document_id)


def value_from_row(r: m.IndicatorValueRow) -> IndicatorValue:
    return IndicatorValue(
        kind=ValueKind(r.kind), year=FiscalYear(r.fiscal_year), value=parse_value(r.text),
        revision=Revision(r.revision), marks=_marks(r.marks), as_of=r.as_of, note=r.note,
        document_id=r.document_id)


def list_plans(s: Session) -> list[tuple[str, str]]:
    return [(r.id, r.title) for r in s.scalars(select(m.PlanRow).order_by(m.PlanRow.position))]


def list_departments(s: Session) -> list[str]:
    return list(s.scalars(select(m.Department.name).order_by(m.Department.id)))


K = TypeVar("K")
V = TypeVar("V")


def _group(rows: list[V], key: Callable[[V], K]) -> dict[K, list[V]]:
    out: dict[K, list[V]] = defaultdict(list)
    for r in rows:
        out[key(r)].append(r)
    return out


def load_plan_tree(s: Session, plan_id: str) -> PlanTree:
    """The whole plan as domain objects, read in a handful of queries."""
    prow = s.get(m.PlanRow, plan_id)
    if prow is None:
        raise KeyError(plan_id)
    dept = {d.id: d.name for d in s.scalars(select(m.Department))}
    docs = [
        Document(id=d.id, plan_id=d.plan_id, kind=DocumentKind(d.kind), title=d.title,
                 source=d.source, edition_id=d.edition_id, subtitle=d.subtitle,
                 committee=d.committee, handout=d.handout,
                 date=date.fromisoformat(d.date) if d.date else None, draft=d.draft)
        for d in s.scalars(select(m.DocumentRow).where(m.DocumentRow.plan_id == plan_id)
                           .order_by(m.DocumentRow.position))
    ]
    editions = tuple(Edition(e.id, e.label) for e in s.scalars(
        select(m.EditionRow).where(m.EditionRow.plan_id == plan_id).order_by(m.EditionRow.position)))
    sections = tuple(Section(r.heading, RichText.parse(r.body), r.document_id) for r in s.scalars(
        select(m.SectionRow).where(m.SectionRow.plan_id == plan_id).order_by(m.SectionRow.position)))
    plan = Plan(id=prow.id, title=prow.title, period_from=FiscalYear(prow.period_from),
                period_to=FiscalYear(prow.period_to),
                levels=tuple(x for x in prow.levels.split("\n") if x),
                editions=editions, sections=sections)
    doc_pos = {d.id: i for i, d in enumerate(docs)}

    node_rows = list(s.scalars(select(m.NodeRow).where(m.NodeRow.plan_id == plan_id)
                               .order_by(m.NodeRow.position)))
    ids = [n.id for n in node_rows]
    key_of = {n.id: n.key for n in node_rows}
    apps = _group(list(s.scalars(select(m.AppearanceRow).where(m.AppearanceRow.node_id.in_(ids)))),
                  lambda r: r.node_id)
    texts = _group(list(s.scalars(select(m.NodeTextRow).where(m.NodeTextRow.node_id.in_(ids))
                                  .order_by(m.NodeTextRow.position))), lambda r: r.node_id)
    ndepts = _group(list(s.scalars(select(m.NodeDepartmentRow)
                                   .where(m.NodeDepartmentRow.node_id.in_(ids))
                                   .order_by(m.NodeDepartmentRow.position))), lambda r: r.node_id)
    syears = _group(list(s.scalars(select(m.ScheduleYearRow).where(m.ScheduleYearRow.node_id.in_(ids))
                                   .order_by(m.ScheduleYearRow.fiscal_year))), lambda r: r.node_id)
    srows = _group(list(s.scalars(select(m.ScheduleRowRow).where(m.ScheduleRowRow.node_id.in_(ids))
                                  .order_by(m.ScheduleRowRow.position))), lambda r: r.node_id)
    srow_ids = [r.id for rows in srows.values() for r in rows]
    scells = _group(list(s.scalars(select(m.ScheduleCellRow).where(m.ScheduleCellRow.row_id.in_(srow_ids))
                                   .order_by(m.ScheduleCellRow.fiscal_year))), lambda r: r.row_id)
    budgets = {b.node_id: b for b in s.scalars(select(m.BudgetRow).where(m.BudgetRow.node_id.in_(ids)))}
    bcosts = _group(list(s.scalars(select(m.BudgetCostRow).where(m.BudgetCostRow.node_id.in_(ids))
                                   .order_by(m.BudgetCostRow.fiscal_year))), lambda r: r.node_id)
    bsums = _group(list(s.scalars(select(m.BudgetSummaryRow).where(m.BudgetSummaryRow.node_id.in_(ids))
                                  .order_by(m.BudgetSummaryRow.position))), lambda r: r.node_id)
    nodes: list[Node] = []
    for n in node_rows:
        schedule = None
        if n.id in syears or n.id in srows:
            schedule = Schedule(
                tuple(FiscalYear(y.fiscal_year) for y in syears.get(n.id, [])),
                tuple(ScheduleRow(r.label, {FiscalYear(c.fiscal_year): c.text
                                            for c in scells.get(r.id, [])})
                      for r in srows.get(n.id, [])))
        budget = None
        if n.id in budgets:
            budget = Budget(
                budgets[n.id].unit,
                {FiscalYear(c.fiscal_year): parse_value(c.text) for c in bcosts.get(n.id, [])},
                tuple(BudgetSummary(FiscalYear(b.first_year), FiscalYear(b.last_year), b.text)
                      for b in bsums.get(n.id, [])))
        doc_edition = {d.id: d.edition_id for d in docs}
        nodes.append(Node(
            key=n.key, plan_id=plan_id, parent_key=key_of.get(n.parent_id) if n.parent_id else None,
            depth=n.depth, order=n.position,
            appearances=tuple(Appearance(a.document_id, doc_edition[a.document_id], a.number, a.title)
                              for a in sorted(apps.get(n.id, []), key=lambda a: a.position)),
            texts=tuple(NodeText(t.label, RichText.parse(t.body), t.document_id)
                        for t in texts.get(n.id, [])),
            departments=tuple(DepartmentLink(dept[d.department_id], Role(d.role))
                              for d in ndepts.get(n.id, [])),
            schedule=schedule, budget=budget))

    ind_rows = list(s.scalars(select(m.IndicatorRow).where(m.IndicatorRow.plan_id == plan_id)
                              .order_by(m.IndicatorRow.position)))
    iids = [i.id for i in ind_rows]
    ikey = {i.id: i.key for i in ind_rows}
    inames = _group(list(s.scalars(select(m.IndicatorNameRow)
                                   .where(m.IndicatorNameRow.indicator_id.in_(iids)))),
                    lambda r: r.indicator_id)
    idepts = _group(list(s.scalars(select(m.IndicatorDepartmentRow)
                                   .where(m.IndicatorDepartmentRow.indicator_id.in_(iids))
                                   .order_by(m.IndicatorDepartmentRow.position))),
                    lambda r: r.indicator_id)
    kind_order = [k.value for k in ValueKind]
    rev_order = [r.value for r in Revision]
    ivals = _group(sorted(s.scalars(select(m.IndicatorValueRow)
                                    .where(m.IndicatorValueRow.indicator_id.in_(iids))),
                          key=lambda v: (kind_order.index(v.kind), v.fiscal_year,
                                         rev_order.index(v.revision))),
                   lambda r: r.indicator_id)
    indicators = tuple(
        Indicator(
            key=i.key, plan_id=plan_id, node_key=key_of[i.node_id], kind=IndicatorKind(i.kind),
            name=i.name, unit=i.unit, number=i.number, cumulative=i.cumulative,
            part_of=ikey[i.part_of_id] if i.part_of_id else None, source=i.source,
            marks=_marks(i.marks),
            departments=tuple(DepartmentLink(dept[d.department_id], Role(d.role))
                              for d in idepts.get(i.id, [])),
            printed_names={r.document_id: r.name
                           for r in sorted(inames.get(i.id, []), key=lambda r: doc_pos[r.document_id])},
            values=tuple(value_from_row(v) for v in ivals.get(i.id, [])))
        for i in ind_rows)
    footnotes = tuple(
        Footnote(plan_id, f.document_id, f.scope_key, f.table_name, f.mark, f.text)
        for f in s.scalars(select(m.FootnoteRow).where(m.FootnoteRow.plan_id == plan_id)
                           .order_by(m.FootnoteRow.position)))
    corrections = tuple(
        Correction(c.document_id, c.location, c.extracted, c.printed, c.note)
        for c in s.scalars(select(m.CorrectionRow).where(m.CorrectionRow.document_id.in_(list(doc_pos)))
                           .order_by(m.CorrectionRow.id)))
    node_pos = {n.id: n.position for n in node_rows}
    progress = tuple(
        ProgressEntry(key_of[p.node_id], FiscalYear(p.fiscal_year), p.status,
                      RichText.parse(p.narrative), p.document_id)
        for p in sorted(s.scalars(select(m.ProgressRow).where(m.ProgressRow.node_id.in_(ids))),
                        key=lambda p: (node_pos[p.node_id], p.fiscal_year)))
    return PlanTree(plan=plan, nodes=tuple(nodes), indicators=indicators, footnotes=footnotes,
                    documents=tuple(docs), progress=progress, corrections=corrections)


# --------------------------------------------------------------------------- edits
def node_id(s: Session, plan_id: str, key: str) -> int:
    nid = s.scalar(select(m.NodeRow.id).where(m.NodeRow.plan_id == plan_id, m.NodeRow.key == key))
    if nid is None:
        raise KeyError(key)
    return nid


def indicator_id(s: Session, plan_id: str, key: str) -> int:
    iid = s.scalar(select(m.IndicatorRow.id).where(m.IndicatorRow.plan_id == plan_id,
                                                   m.IndicatorRow.key == key))
    if iid is None:
        raise KeyError(key)
    return iid


def put_progress(s: Session, plan_id: str, entry: ProgressEntry) -> None:
    nid = node_id(s, plan_id, entry.node_key)
    row = s.get(m.ProgressRow, (nid, entry.year.year))
    if row is None:
        s.add(m.ProgressRow(node_id=nid, fiscal_year=entry.year.year, status=entry.status,
                            narrative=str(entry.narrative), document_id=entry.document_id))
    else:
        row.status = entry.status
        row.narrative = str(entry.narrative)
        row.document_id = entry.document_id


def put_indicator_value(s: Session, plan_id: str, key: str, value: IndicatorValue | None,
                        kind: ValueKind, year: FiscalYear, revision: Revision) -> None:
    """Set (or with None, remove) one value of an indicator."""
    iid = indicator_id(s, plan_id, key)
    where = (m.IndicatorValueRow.indicator_id == iid, m.IndicatorValueRow.kind == kind.value,
             m.IndicatorValueRow.fiscal_year == year.year,
             m.IndicatorValueRow.revision == revision.value)
    row = s.scalar(select(m.IndicatorValueRow).where(*where))
    if value is None:
        s.execute(delete(m.IndicatorValueRow).where(*where))
        return
    if row is None:
        s.add(value_row(iid, value))
    else:
        row.text = str(value.value)
        row.number = _number(value.value)
        row.marks = " ".join(value.marks)
        row.as_of = value.as_of
        row.note = value.note
        row.document_id = value.document_id


def put_budget_cost(s: Session, plan_id: str, key: str, year: FiscalYear, value: Value | None) -> None:
    nid = node_id(s, plan_id, key)
    row = s.get(m.BudgetCostRow, (nid, year.year))
    if value is None:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        if s.get(m.BudgetRow, nid) is None:
            s.add(m.BudgetRow(node_id=nid, unit="千円"))
            s.flush()
        s.add(m.BudgetCostRow(node_id=nid, fiscal_year=year.year, text=str(value), number=_number(value)))
    else:
        row.text = str(value)
        row.number = _number(value)


def set_meta(s: Session, key: str, value: str) -> None:
    s.merge(m.Meta(key=key, value=value))


def get_meta(s: Session, key: str) -> str | None:
    row = s.get(m.Meta, key)
    return row.value if row else None


def get_progress(s: Session, plan_id: str, key: str, year: FiscalYear) -> ProgressEntry | None:
    nid = node_id(s, plan_id, key)
    row = s.get(m.ProgressRow, (nid, year.year))
    if row is None:
        return None
    return ProgressEntry(key, year, row.status, RichText.parse(row.narrative), row.document_id)


def put_schedule_cell(s: Session, plan_id: str, key: str, row_index: int, year: FiscalYear,
                      text: str) -> None:
    nid = node_id(s, plan_id, key)
    row = s.scalar(select(m.ScheduleRowRow).where(m.ScheduleRowRow.node_id == nid,
                                                  m.ScheduleRowRow.position == row_index))
    if row is None:
        raise KeyError((key, row_index))
    cell = s.get(m.ScheduleCellRow, (row.id, year.year))
    if not text:
        if cell is not None:
            s.delete(cell)
    elif cell is None:
        s.add(m.ScheduleCellRow(row_id=row.id, fiscal_year=year.year, text=text))
    else:
        cell.text = text
