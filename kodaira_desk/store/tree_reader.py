"""Whole plans read in one query per table, however many plans (issue 27).

The reader it replaces asked some twenty queries of each plan: 600 at ×10 data, 6,000 at ×100,
each a round trip to a server. Here every table is read once for all the plans asked (or all
plans), as plain tuples, and the rows are grouped in memory; on a server the queries go out in one
pipeline (`PgConnection.fetch_all`): one round trip for everything. The one reader of plans: the
window's start-up (reader.PlanReader) and a unit of work's plan inside its transaction
(plan_repository.load_tree) both read here. The trees are the plans as written
(tests/test_tree_reader.py holds them to the city data and its scaled copies).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from kodaira_desk.domain.annotations import Annotations
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    REVISION_ORDER,
    VALUE_KIND_ORDER,
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
from kodaira_desk.domain.round_setting import RoundSetting
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value, parse_value
from kodaira_desk.store.annotation_reader import annotation_queries, group_annotations
from kodaira_desk.store.first_plans import FirstPlans, first_plans

Rows = list[tuple[Any, ...]]
Query = tuple[str, Sequence[Any]]


def _marks(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


@lru_cache(maxsize=1 << 16)
def _value(text: str) -> Value:
    """A stored value parsed (frozen, so one object serves every plan and every read: the same
    spellings recur across plans, years and department files)."""
    return parse_value(text)


@lru_cache(maxsize=1 << 14)
def _rich(text: str) -> RichText:
    return RichText.parse(text)


def has_column(con: Any, table: str, column: str) -> bool:
    """Whether a file made by an earlier version has the column yet (a department file is read
    before it is upgraded; a server master is always up to date)."""
    if not isinstance(con, sqlite3.Connection):
        return True
    return any(r[1] == column for r in con.execute(f"PRAGMA table_info({table})"))


def fetch_all(con: Any, queries: Sequence[Query], last: bool = False) -> list[Rows]:
    """The rows of every query, as tuples: on a server in one round trip (its connection's
    `fetch_all`; `last`: the read's end travels in it too), on a SQLite file one after the other."""
    if hasattr(con, "fetch_all"):
        return list(con.fetch_all(queries, end=last))
    cur = con.cursor()
    cur.row_factory = None
    return [cur.execute(sql, tuple(params)).fetchall() for sql, params in queries]


Asked = Sequence[str] | int | FirstPlans | None  # the plans' ids; an int, FirstPlans: the first screen's; None: all


def _in(column: str, ids: Asked) -> tuple[str, list[str]]:
    """A WHERE clause limiting `column` to the plans asked (none: every plan)."""
    if ids is None:
        return "", []
    if isinstance(ids, int | FirstPlans):
        return f"WHERE {column} IN ({first_plans(ids).ids_sql()})", []
    return f"WHERE {column} IN ({', '.join('?' * len(ids))})", list(ids)


def _node_table(cols: str, table: str, ids: Asked, order: str) -> Query:
    where, params = _in("n.plan_id", ids)
    return (f"SELECT {cols} FROM {table} t JOIN nodes n ON n.id = t.node_id {where} ORDER BY {order}", params)


def _indicator_table(cols: str, table: str, ids: Asked, order: str) -> Query:
    where, params = _in("i.plan_id", ids)
    return (f"SELECT {cols} FROM {table} t JOIN indicators i ON i.id = t.indicator_id {where} ORDER BY {order}",
            params)


def _queries(ids: Asked, rounds: bool = True, settled: bool = True) -> list[Query]:
    """`rounds`, `settled`: the file has the plan's round setting and a project's 決算額 (migration
    0008; a file of an earlier version has neither: every plan asks its indicators only)."""
    plans_where, plan_params = _in("id", ids)
    where, params = _in("plan_id", ids)
    d_where, d_params = _in("d.plan_id", ids)
    return [
        (f"SELECT id, title, period_from, period_to, levels FROM plans {plans_where} ORDER BY position", plan_params),
        ("SELECT id, name FROM departments", []),
        ("SELECT id, plan_id, kind, title, source, edition_id, subtitle, committee, handout, date, draft "
         f"FROM documents {where} ORDER BY position", params),
        (f"SELECT plan_id, id, label FROM editions {where} ORDER BY position", params),
        (f"SELECT plan_id, heading, body, document_id FROM plan_sections {where} ORDER BY position", params),
        (f"SELECT id, plan_id, key, parent_id, depth, position FROM nodes {where} ORDER BY position", params),
        _node_table("t.node_id, t.document_id, t.number, t.title", "node_appearances", ids, "t.position"),
        _node_table("t.node_id, t.label, t.body, t.document_id", "node_texts", ids, "t.position"),
        _node_table("t.node_id, t.department_id, t.role", "node_departments", ids, "t.position"),
        _node_table("t.node_id, t.fiscal_year", "schedule_years", ids, "t.fiscal_year"),
        _node_table("t.node_id, t.id, t.label", "schedule_rows", ids, "t.position"),
        (f"SELECT c.row_id, c.fiscal_year, c.text FROM schedule_cells c JOIN schedule_rows r ON r.id = c.row_id "
         f"JOIN nodes n ON n.id = r.node_id {_in('n.plan_id', ids)[0]} ORDER BY c.fiscal_year", params),
        _node_table("t.node_id, t.unit", "budgets", ids, "t.node_id"),
        _node_table("t.node_id, t.fiscal_year, t.text", "budget_costs", ids, "t.fiscal_year"),
        _node_table("t.node_id, t.first_year, t.last_year, t.text", "budget_summaries", ids, "t.position"),
        ("SELECT id, plan_id, key, node_id, kind, name, unit, number, cumulative, part_of_id, source, marks "
         f"FROM indicators {where} ORDER BY position", params),
        _indicator_table("t.indicator_id, t.document_id, t.name", "indicator_names", ids, "t.indicator_id"),
        _indicator_table("t.indicator_id, t.department_id, t.role", "indicator_departments", ids, "t.position"),
        _indicator_table("t.indicator_id, t.kind, t.fiscal_year, t.revision, t.text, t.marks, t.as_of, t.note, "
                         "t.document_id", "indicator_values", ids, "t.indicator_id"),
        ("SELECT plan_id, document_id, scope_key, table_name, mark, text "
         f"FROM footnotes {where} ORDER BY position", params),
        ("SELECT d.plan_id, c.document_id, c.location, c.extracted, c.printed, c.note FROM corrections c "
         f"JOIN documents d ON d.id = c.document_id {d_where} ORDER BY c.id", d_params),
        _node_table("t.node_id, t.fiscal_year, t.status, t.narrative, t.document_id, "
                    + ("t.settled, t.settled_note" if settled else "NULL, ''"), "progress_entries", ids,
                    "n.position, t.fiscal_year"),
        (f"SELECT plan_id, level, status, narrative, settlement, indicators FROM plan_rounds {where}", params)
        if rounds else ("SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 1 = 0", []),
    ]


def _by(rows: Rows, column: int = 0) -> dict[Any, Rows]:
    out: dict[Any, Rows] = defaultdict(list)
    for r in rows:
        out[r[column]].append(r)
    return out


def load_trees(con: Any, plan_ids: Iterable[str] | None = None) -> list[PlanTree]:
    """The plans asked (None: every plan), in the database's order of plans."""
    return load_trees_and(con, plan_ids)[0]


def load_trees_and(con: Any, plan_ids: Iterable[str] | int | FirstPlans | None = None, also: Sequence[Query] = (),
                   last: bool = False) -> tuple[list[PlanTree], list[Rows]]:
    """The plans asked (an int: the first so many), and the rows of the queries `also` sent with
    theirs: on a server in the same round trip (`last`: the one that ends the read,
    store/first_screen.py)."""
    queries = trees_queries(con, plan_ids, also)
    if len(queries) == len(also):  # no plan asked
        return [], fetch_all(con, also, last)
    return trees_of(fetch_all(con, queries, last), len(also))


def trees_queries(con: Any, plan_ids: Iterable[str] | int | FirstPlans | None = None,
                  also: Sequence[Query] = ()) -> list[Query]:
    """What load_trees_and sends (`con`: a SQLite file's connection, or anything else for a server,
    whose master is always up to date): its answers, in order, make the trees with `trees_of`."""
    ids: Asked = (plan_ids if plan_ids is None or isinstance(plan_ids, int | FirstPlans)
                  else list(dict.fromkeys(plan_ids)))
    if ids == []:
        return list(also)
    return [*_queries(ids, has_column(con, "plan_rounds", "plan_id"), has_column(con, "progress_entries", "settled")),
            *annotation_queries(ids, has_column(con, "attachments", "sha256")), *also]


def trees_of(fetched: Sequence[Rows], also: int = 0) -> tuple[list[PlanTree], list[Rows]]:
    """The trees from the answers of `trees_queries`, and the last `also` answers (those of the
    queries sent with them)."""
    rows, extra = list(fetched[:len(fetched) - also]), list(fetched[len(fetched) - also:])
    (plans, depts, docs, editions, sections, nodes, apps, texts, ndepts, syears, srows, scells, budgets, bcosts,
     bsums, inds, inames, idepts, ivalues, footnotes, corrections, progress, rounds, *annotations) = rows
    g = _Grouped(nodes, inds, docs)
    tables = dict(depts=dict(depts), editions=_by(editions), sections=_by(sections), apps=_by(apps),
                  texts=_by(texts), ndepts=_by(ndepts), syears=_by(syears), srows=_by(srows), scells=_by(scells),
                  budgets={b[0]: b[1] for b in budgets}, bcosts=_by(bcosts), bsums=_by(bsums), inames=_by(inames),
                  idepts=_by(idepts), ivalues=_by(ivalues), footnotes=_by(footnotes), corrections=_by(corrections),
                  progress=_by(progress), rounds={r[0]: RoundSetting(r[1], bool(r[2]), r[3], bool(r[4]), bool(r[5]))
                                                  for r in rounds})
    notes = group_annotations(*annotations)  # notes, questions, attachments (issue 25)
    return [g.tree(p, **tables, annotations=notes.get(p[0], Annotations())) for p in plans], extra


# enum members and years by their stored value: a dict look-up, not an Enum call per row
_KINDS = {k.value: k for k in ValueKind}
_REVISIONS = {r.value: r for r in Revision}
_ROLES = {r.value: r for r in Role}


@lru_cache(maxsize=512)
def _year(year: int) -> FiscalYear:
    return FiscalYear(year)


class _Grouped:
    """The rows of every table, grouped by the plan or the row they belong to."""

    def __init__(self, nodes: Rows, inds: Rows, docs: Rows) -> None:
        self.nodes = _by(nodes, 1)
        self.key_of = {n[0]: n[2] for n in nodes}
        self.inds = _by(inds, 1)
        self.ikey = {i[0]: i[2] for i in inds}
        self.docs = _by(docs, 1)

    def tree(self, p: tuple[Any, ...], **t: Any) -> PlanTree:
        plan_id = p[0]
        docs = [Document(id=d[0], plan_id=d[1], kind=DocumentKind(d[2]), title=d[3], source=d[4], edition_id=d[5],
                         subtitle=d[6], committee=d[7], handout=d[8],
                         date=date.fromisoformat(d[9]) if d[9] else None, draft=bool(d[10]))
                for d in self.docs.get(plan_id, [])]
        plan = Plan(id=plan_id, title=p[1], period_from=_year(p[2]), period_to=_year(p[3]),
                    levels=tuple(x for x in p[4].split("\n") if x),
                    editions=tuple(Edition(e[1], e[2]) for e in t["editions"].get(plan_id, [])),
                    sections=tuple(Section(s[1], _rich(s[2]), s[3]) for s in t["sections"].get(plan_id, [])),
                    round=t["rounds"].get(plan_id) or RoundSetting())
        node_rows = self.nodes.get(plan_id, [])
        edition_of = {d.id: d.edition_id for d in docs}
        nodes = tuple(self._node(plan_id, n, edition_of, t) for n in node_rows)
        progress = tuple(ProgressEntry(n[2], _year(r[1]), r[2], _rich(r[3]), r[4], _value(r[5]) if r[5] else None,
                                       r[6] or "")
                         for n in node_rows for r in t["progress"].get(n[0], []))
        doc_pos = {d.id: i for i, d in enumerate(docs)}
        indicators = tuple(self._indicator(plan_id, i, doc_pos, t) for i in self.inds.get(plan_id, []))
        footnotes = tuple(Footnote(plan_id, f[1], f[2], f[3], f[4], f[5]) for f in t["footnotes"].get(plan_id, []))
        corrections = tuple(Correction(c[1], c[2], c[3], c[4], c[5]) for c in t["corrections"].get(plan_id, []))
        return PlanTree(plan=plan, nodes=nodes, indicators=indicators, footnotes=footnotes, documents=tuple(docs),
                        progress=progress, corrections=corrections, annotations=t["annotations"])

    def _node(self, plan_id: str, n: tuple[Any, ...], edition_of: dict[str, str], t: dict[str, Any]) -> Node:
        nid = n[0]
        dept = t["depts"]
        schedule = None
        if nid in t["syears"] or nid in t["srows"]:
            scells = t["scells"]
            schedule = Schedule(
                tuple(_year(y[1]) for y in t["syears"].get(nid, [])),
                tuple(ScheduleRow(r[2], {_year(c[1]): c[2] for c in scells.get(r[1], [])})
                      for r in t["srows"].get(nid, [])))
        budget = None
        if nid in t["budgets"]:
            budget = Budget(
                t["budgets"][nid],
                {_year(c[1]): _value(c[2]) for c in t["bcosts"].get(nid, [])},
                tuple(BudgetSummary(_year(b[1]), _year(b[2]), b[3]) for b in t["bsums"].get(nid, [])))
        return Node(
            key=n[2], plan_id=plan_id, parent_key=self.key_of[n[3]] if n[3] is not None else None,
            depth=n[4], order=n[5],
            appearances=tuple(Appearance(a[1], edition_of[a[1]], a[2], a[3]) for a in t["apps"].get(nid, [])),
            texts=tuple(NodeText(x[1], _rich(x[2]), x[3]) for x in t["texts"].get(nid, [])),
            departments=tuple(DepartmentLink(dept[d[1]], _ROLES[d[2]]) for d in t["ndepts"].get(nid, [])),
            schedule=schedule, budget=budget)

    def _indicator(self, plan_id: str, i: tuple[Any, ...], doc_pos: dict[str, int], t: dict[str, Any]) -> Indicator:
        iid = i[0]
        dept = t["depts"]
        values = sorted(t["ivalues"].get(iid, []), key=lambda v: (VALUE_KIND_ORDER[v[1]], v[2], REVISION_ORDER[v[3]]))
        return Indicator(
            key=i[2], plan_id=plan_id, node_key=self.key_of[i[3]], kind=IndicatorKind(i[4]), name=i[5], unit=i[6],
            number=i[7], cumulative=bool(i[8]), part_of=self.ikey[i[9]] if i[9] is not None else None,
            source=i[10], marks=_marks(i[11]),
            departments=tuple(DepartmentLink(dept[d[1]], _ROLES[d[2]]) for d in t["idepts"].get(iid, [])),
            printed_names={r[1]: r[2] for r in sorted(t["inames"].get(iid, []), key=lambda r: doc_pos[r[1]])},
            values=tuple(
                IndicatorValue(kind=_KINDS[v[1]], year=_year(v[2]), value=_value(v[4]),
                               revision=_REVISIONS[v[3]], marks=_marks(v[5]), as_of=v[6], note=v[7], document_id=v[8])
                for v in values))
