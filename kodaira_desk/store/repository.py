"""Repositories: write domain objects into the tables and read them back as domain objects."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    ALL_DEPARTMENTS,
    Document,
    IndicatorValue,
    Node,
    Plan,
    PlanTree,
    ProgressEntry,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value, format_value, number_of, parse_value
from kodaira_desk.store import models as m


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

    def write_plan_row(self, p: Plan, documents: Iterable[Document], position: int) -> None:
        """The plan itself: its row at `position`, its round setting, editions and documents (a new
        plan made in the editor has no more; a whole tree goes on with `write`)."""
        s = self.s
        s.add(m.PlanRow(id=p.id, title=p.title, period_from=p.period_from.year,
                        period_to=p.period_to.year, levels="\n".join(p.levels), position=position))
        s.flush()
        s.add(round_setting_row(p))
        for i, e in enumerate(p.editions):
            s.add(m.EditionRow(plan_id=p.id, id=e.id, label=e.label, position=i))
        for i, d in enumerate(documents):
            s.add(m.DocumentRow(
                id=d.id, plan_id=p.id, kind=d.kind.value, title=d.title, subtitle=d.subtitle,
                source=d.source, edition_id=d.edition_id, committee=d.committee, handout=d.handout,
                date=d.date.isoformat() if d.date else None, draft=d.draft, position=i))
        s.flush()

    def write(self, tree: PlanTree, position: int) -> None:
        s, p = self.s, tree.plan
        self.write_plan_row(p, tree.documents, position)
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
            s.add(progress_row(node_ids[pe.node_key], pe))
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


def round_setting_row(plan: Plan) -> m.PlanRoundRow:
    r = plan.round
    return m.PlanRoundRow(plan_id=plan.id, level=r.level, status=r.status, narrative=r.narrative,
                             settlement=r.settlement, indicators=r.indicators)


def progress_row(node_id: int, pe: ProgressEntry) -> m.ProgressRow:
    return m.ProgressRow(node_id=node_id, fiscal_year=pe.year.year, status=pe.status, narrative=str(pe.narrative),
                         document_id=pe.document_id, settled=None if pe.settled is None else format_value(pe.settled),
                         settled_note=pe.settled_note)


def value_row(indicator_id: int, v: IndicatorValue) -> m.IndicatorValueRow:
    return m.IndicatorValueRow(
        indicator_id=indicator_id, kind=v.kind.value, fiscal_year=v.year.year,
        revision=v.revision.value, text=str(v.value), number=_number(v.value),
        marks=" ".join(v.marks), as_of=v.as_of, note=v.note, document_id=v.document_id)


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
        s.add(progress_row(nid, entry))
    else:
        row.status = entry.status
        row.narrative = str(entry.narrative)
        row.document_id = entry.document_id
        row.settled = None if entry.settled is None else format_value(entry.settled)
        row.settled_note = entry.settled_note


def put_indicator_value(s: Session, plan_id: str, key: str, value: IndicatorValue | None,
                        kind: ValueKind, year: FiscalYear, revision: Revision) -> None:
    """Set (or with None, remove) one value of an indicator.

    As SQL on the session's connection (issue 27: the ORM's select of the row, each flushing what
    the session held, and the flush of its change were some 5 ms of each value a collection
    applied); no IndicatorValueRow is ever loaded into a session, so none goes stale. What the
    session holds unwritten (a plan's new rows) is written first."""
    s.flush()
    con = s.connection()
    iid = con.execute(_INDICATOR_ID, {"plan_id": plan_id, "key": key}).scalar()
    if iid is None:
        raise KeyError(key)
    where = {"w_iid": iid, "w_kind": kind.value, "w_year": year.year, "w_revision": revision.value}
    if value is None:
        con.execute(_VALUE_DELETE, where)
        return
    row = {"text": str(value.value), "number": _number(value.value), "marks": " ".join(value.marks),
           "as_of": value.as_of, "note": value.note, "document_id": value.document_id}
    if con.execute(_VALUE_UPDATE, {**where, **{f"new_{k}": v for k, v in row.items()}}).rowcount == 0:
        con.execute(_VALUE_INSERT, {"indicator_id": iid, "kind": value.kind.value, "fiscal_year": value.year.year,
                                    "revision": value.revision.value, **row})


def put_indicator_values(s: Session, puts: Sequence[tuple[str, str, IndicatorValue | None, ValueKind, FiscalYear,
                                                        Revision]]) -> None:
    """Set (or with None, remove) many values at once: (plan id, indicator key, value, kind, year,
    revision) each, at most one per value. The rows are those `put_indicator_value` writes one by
    one, in a few statements whatever their number (issue 27: a save of 540 values was 1,620
    statements, and the worker, letting go of the interpreter's lock in each and taking it back at
    once, kept the window waiting for it); the indicators' ids and the rows already there are read
    in one query each, a chunk of ids at a time."""
    if not puts:
        return
    s.flush()
    con = s.connection()
    plans = sorted({p for p, *_ in puts})
    ids: dict[tuple[str, str], int] = {}
    for chunk in _chunks(plans):
        ids.update(((p, k), i) for i, p, k in con.execute(_INDICATOR_IDS, {"plans": chunk}))
    wanted: list[tuple[int, IndicatorValue | None, ValueKind, FiscalYear, Revision]] = []
    for plan_id, key, value, kind, year, revision in puts:
        iid = ids.get((plan_id, key))
        if iid is None:
            raise KeyError(key)
        wanted.append((iid, value, kind, year, revision))
    there: set[tuple[int, str, int, str]] = set()
    kinds, years = sorted({w[2].value for w in wanted}), sorted({w[3].year for w in wanted})
    for chunk in _chunks(sorted({w[0] for w in wanted})):  # (the years and kinds written only: a save's one year)
        there.update((i, k, y, r) for i, k, y, r in con.execute(_VALUES_THERE, {"ids": chunk, "kinds": kinds,
                                                                               "years": years}))
    gone, changed, new = [], [], []
    for iid, value, kind, year, revision in wanted:
        where = {"w_iid": iid, "w_kind": kind.value, "w_year": year.year, "w_revision": revision.value}
        if value is None:
            gone.append(where)
            continue
        row = {"text": str(value.value), "number": _number(value.value), "marks": " ".join(value.marks),
               "as_of": value.as_of, "note": value.note, "document_id": value.document_id}
        if (iid, kind.value, year.year, revision.value) in there:
            changed.append({**where, **{f"new_{k}": v for k, v in row.items()}})
        else:
            new.append({"indicator_id": iid, "kind": value.kind.value, "fiscal_year": value.year.year,
                        "revision": value.revision.value, **row})
    for statement, rows in ((_VALUE_DELETE, gone), (_VALUE_UPDATE, changed), (_VALUE_INSERT, new)):
        if rows:
            con.execute(statement, rows)


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """`items` in parts of `size` (a statement's bound parameters are limited: SQLite's 999 before 3.32)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


_VALUE = m.IndicatorValueRow
_INDICATOR_IDS = select(m.IndicatorRow.id, m.IndicatorRow.plan_id, m.IndicatorRow.key).where(
    m.IndicatorRow.plan_id.in_(bindparam("plans", expanding=True)))
_VALUES_THERE = select(_VALUE.indicator_id, _VALUE.kind, _VALUE.fiscal_year, _VALUE.revision).where(
    _VALUE.indicator_id.in_(bindparam("ids", expanding=True)), _VALUE.kind.in_(bindparam("kinds", expanding=True)),
    _VALUE.fiscal_year.in_(bindparam("years", expanding=True)))
_INDICATOR_ID = select(m.IndicatorRow.id).where(m.IndicatorRow.plan_id == bindparam("plan_id"),
                                                m.IndicatorRow.key == bindparam("key"))
# (an UPDATE's parameters are not named as a column of its table)
_VALUE_WHERE = (_VALUE.indicator_id == bindparam("w_iid"), _VALUE.kind == bindparam("w_kind"),
                _VALUE.fiscal_year == bindparam("w_year"), _VALUE.revision == bindparam("w_revision"))
_VALUE_DELETE = delete(_VALUE).where(*_VALUE_WHERE)
_VALUE_UPDATE = update(_VALUE).where(*_VALUE_WHERE).values(
    text=bindparam("new_text"), number=bindparam("new_number"), marks=bindparam("new_marks"),
    as_of=bindparam("new_as_of"), note=bindparam("new_note"), document_id=bindparam("new_document_id"))
_VALUE_INSERT = insert(_VALUE)


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

    return ProgressEntry(key, year, row.status, RichText.parse(row.narrative), row.document_id,
                         parse_value(row.settled) if row.settled else None, row.settled_note or "")


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


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _json(value: str | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _unjson(text: str | None) -> str | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, str) else None


def audit(s: Session, key: str, old: str | None, new: str | None, source: str,
          source_id: str | None, actor: str | None, note: str | None = None) -> None:
    audit_many(s, [(key, old, new, note)], source, source_id, actor)


def audit_many(s: Session, changes: Sequence[tuple[str, str | None, str | None, str | None]], source: str,
               source_id: str | None, actor: str | None) -> None:
    """Audit rows, one per (key, old, new, note), in that order, in one statement on the session's
    connection (issue 27: the ORM's add and flush of each were a part of every collected file's
    merge). Every audit row is written here: their ids keep the order of the changes."""
    if not changes:
        return
    at = _now()
    s.connection().execute(_AUDIT_INSERT, [
        {"at": at, "field_key": key, "old": _json(old), "new": _json(new), "source": source,
         "source_id": source_id, "actor": actor, "note": note} for key, old, new, note in changes])


_AUDIT_INSERT = insert(m.AuditRow)
