"""Reading whole plans with the standard sqlite3 module.

The window reads every plan when it starts; doing it without SQLAlchemy keeps SQLAlchemy's import
(about 0.15 s) and ORM object construction out of the start-up path. Writing still goes through
the ORM (repository.py); the round-trip test (db/city → database → JSON) covers this reader.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk.domain.annotations import is_annotation_key
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.limits import (
    MAX_TEXT_CHARS,
    MAX_VALUE_CHARS,
    LimitError,
    check_text,
    check_value_text,
)
from kodaira_desk.domain.model import (
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
from kodaira_desk.domain.values import format_value, parse_value
from kodaira_desk.store import errors, server
from kodaira_desk.store.annotation_reader import (
    load_annotations,
    read_annotation_field,
    read_annotation_fields,
)
from kodaira_desk.store.errors import StoreError, busy_message, is_busy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Row = sqlite3.Row
_KINDS = frozenset(k.value for k in ValueKind)
_REVISIONS = frozenset(r.value for r in Revision)


def recover_hot_journal(path: Path) -> None:
    """A crash mid-commit leaves a "hot" journal beside the file; a read-only connection cannot
    roll it back ("attempt to write a readonly database"). Roll it back through one read-write
    open, or say plainly why that is not possible."""
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    try:
        con = sqlite3.connect(path, timeout=errors.BUSY_TIMEOUT_S)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls the journal back
        finally:
            con.close()
    except sqlite3.Error as exc:
        if is_busy(exc):
            raise StoreError(busy_message(path)) from exc
        raise StoreError(
            f"{path.name} は前回の書き込みが途中で止まったままです（{journal.name} があります）。"
            "書き込みできる場所とアカウントで一度開くと元に戻ります。") from exc


def raw_connection(session: Session) -> Any:
    """The connection under an ORM session, inside its transaction, answering the sqlite3 calls
    the reader makes (the sqlite3 connection itself, or server.PgConnection)."""
    con = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "sqlite":
        return con
    return server.PgConnection(con)


@contextmanager
def read_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection (the file is not created, nothing can be written through it)."""
    recover_hot_journal(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        con.execute("PRAGMA query_only=ON")
        yield con
    finally:
        con.close()


def _marks(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


def _by(rows: list[Row], column: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = defaultdict(list)
    for r in rows:
        out[r[column]].append(r)
    return out


def list_plans(con: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r["id"], r["title"]) for r in con.execute("SELECT id, title FROM plans ORDER BY position")]


def list_departments(con: sqlite3.Connection) -> list[str]:
    return [r["name"] for r in con.execute("SELECT name FROM departments ORDER BY id")]


def get_meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def change_mark(con: sqlite3.Connection) -> str:
    """A short mark that changes whenever anyone writes to the plans: every write (a save, a
    collection, a resolution, a plan edit) leaves an audit row in its transaction."""
    row = con.execute("SELECT MAX(id), COUNT(*) FROM audit_log").fetchone()
    return f"{row[0]}:{row[1]}"


class PlanReader:
    """Whole plans and the database's facts, read without the ORM (start-up): what
    `Database.reader()` hands a service, so that it never holds the connection itself."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def plans(self) -> list[tuple[str, str]]:
        """(id, title) of every plan, in order."""
        return list_plans(self._con)

    def departments(self) -> list[str]:
        return list_departments(self._con)

    def meta(self, key: str) -> str | None:
        return get_meta(self._con, key)

    def change_mark(self) -> str:
        return change_mark(self._con)

    def load_plan(self, plan_id: str) -> PlanTree:
        """Raises KeyError for an unknown plan."""
        return load_plan_tree(self._con, plan_id)

    def load_all(self) -> list[PlanTree]:
        return [load_plan_tree(self._con, pid) for pid, _ in list_plans(self._con)]


def load_plan_tree(con: sqlite3.Connection, plan_id: str) -> PlanTree:
    """The whole plan as domain objects, in one query per table."""
    prow = con.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if prow is None:
        raise KeyError(plan_id)
    q = con.execute
    dept = {r["id"]: r["name"] for r in q("SELECT id, name FROM departments")}
    docs = [
        Document(id=d["id"], plan_id=d["plan_id"], kind=DocumentKind(d["kind"]), title=d["title"],
                 source=d["source"], edition_id=d["edition_id"], subtitle=d["subtitle"],
                 committee=d["committee"], handout=d["handout"],
                 date=date.fromisoformat(d["date"]) if d["date"] else None, draft=bool(d["draft"]))
        for d in q("SELECT * FROM documents WHERE plan_id = ? ORDER BY position", (plan_id,))
    ]
    plan = Plan(
        id=prow["id"], title=prow["title"], period_from=FiscalYear(prow["period_from"]),
        period_to=FiscalYear(prow["period_to"]),
        levels=tuple(x for x in prow["levels"].split("\n") if x),
        editions=tuple(Edition(e["id"], e["label"]) for e in q(
            "SELECT id, label FROM editions WHERE plan_id = ? ORDER BY position", (plan_id,))),
        sections=tuple(Section(r["heading"], RichText.parse(r["body"]), r["document_id"]) for r in q(
            "SELECT * FROM plan_sections WHERE plan_id = ? ORDER BY position", (plan_id,))),
    )
    nodes, key_of = _nodes(con, plan_id, dept, {d.id: d.edition_id for d in docs})
    indicators = _indicators(con, plan_id, dept, key_of, {d.id: i for i, d in enumerate(docs)})
    footnotes = tuple(
        Footnote(plan_id, f["document_id"], f["scope_key"], f["table_name"], f["mark"], f["text"])
        for f in q("SELECT * FROM footnotes WHERE plan_id = ? ORDER BY position", (plan_id,)))
    corrections = tuple(
        Correction(c["document_id"], c["location"], c["extracted"], c["printed"], c["note"])
        for c in q("SELECT c.* FROM corrections c JOIN documents d ON d.id = c.document_id "
                   "WHERE d.plan_id = ? ORDER BY c.id", (plan_id,)))
    progress = tuple(
        ProgressEntry(key_of[p["node_id"]], FiscalYear(p["fiscal_year"]), p["status"],
                      RichText.parse(p["narrative"]), p["document_id"])
        for p in q("SELECT p.* FROM progress_entries p JOIN nodes n ON n.id = p.node_id "
                   "WHERE n.plan_id = ? ORDER BY n.position, p.fiscal_year", (plan_id,)))
    return PlanTree(plan=plan, nodes=nodes, indicators=indicators, footnotes=footnotes,
                    documents=tuple(docs), progress=progress, corrections=corrections,
                    annotations=load_annotations(con, plan_id))


def _nodes(con: sqlite3.Connection, plan_id: str, dept: dict[Any, str],
           doc_edition: dict[str, str]) -> tuple[tuple[Node, ...], dict[Any, str]]:
    """The plan's nodes with their parts (one query per table), and node id → key."""
    q = con.execute
    node_rows = q("SELECT * FROM nodes WHERE plan_id = ? ORDER BY position", (plan_id,)).fetchall()
    key_of = {n["id"]: n["key"] for n in node_rows}
    in_plan = "SELECT {cols} FROM {table} t JOIN nodes n ON n.id = t.node_id WHERE n.plan_id = ? {order}"

    def node_table(table: str, order: str = "") -> dict[Any, list[Row]]:
        sql = in_plan.format(cols="t.*", table=table, order=order)
        return _by(q(sql, (plan_id,)).fetchall(), "node_id")

    apps = node_table("node_appearances", "ORDER BY t.position")
    texts = node_table("node_texts", "ORDER BY t.position")
    ndepts = node_table("node_departments", "ORDER BY t.position")
    syears = node_table("schedule_years", "ORDER BY t.fiscal_year")
    srows = node_table("schedule_rows", "ORDER BY t.position")
    scells = _by(q("SELECT c.* FROM schedule_cells c JOIN schedule_rows r ON r.id = c.row_id "
                   "JOIN nodes n ON n.id = r.node_id WHERE n.plan_id = ? ORDER BY c.fiscal_year",
                   (plan_id,)).fetchall(), "row_id")
    budgets = {r["node_id"]: r for r in q(in_plan.format(cols="t.*", table="budgets", order=""), (plan_id,))}
    bcosts = node_table("budget_costs", "ORDER BY t.fiscal_year")
    bsums = node_table("budget_summaries", "ORDER BY t.position")

    nodes: list[Node] = []
    for n in node_rows:
        nid = n["id"]
        schedule = None
        if nid in syears or nid in srows:
            schedule = Schedule(
                tuple(FiscalYear(y["fiscal_year"]) for y in syears.get(nid, [])),
                tuple(ScheduleRow(r["label"], {FiscalYear(c["fiscal_year"]): c["text"]
                                               for c in scells.get(r["id"], [])})
                      for r in srows.get(nid, [])))
        budget = None
        if nid in budgets:
            budget = Budget(
                budgets[nid]["unit"],
                {FiscalYear(c["fiscal_year"]): parse_value(c["text"]) for c in bcosts.get(nid, [])},
                tuple(BudgetSummary(FiscalYear(b["first_year"]), FiscalYear(b["last_year"]), b["text"])
                      for b in bsums.get(nid, [])))
        nodes.append(Node(
            key=n["key"], plan_id=plan_id,
            parent_key=key_of[n["parent_id"]] if n["parent_id"] is not None else None,
            depth=n["depth"], order=n["position"],
            appearances=tuple(Appearance(a["document_id"], doc_edition[a["document_id"]], a["number"],
                                         a["title"]) for a in apps.get(nid, [])),
            texts=tuple(NodeText(t["label"], RichText.parse(t["body"]), t["document_id"])
                        for t in texts.get(nid, [])),
            departments=tuple(DepartmentLink(dept[d["department_id"]], Role(d["role"]))
                              for d in ndepts.get(nid, [])),
            schedule=schedule, budget=budget))
    return tuple(nodes), key_of


def _indicators(con: sqlite3.Connection, plan_id: str, dept: dict[Any, str], key_of: dict[Any, str],
                doc_pos: dict[str, int]) -> tuple[Indicator, ...]:
    """The plan's indicators with their names, 課 and values (one query per table)."""
    q = con.execute
    ind_rows = q("SELECT * FROM indicators WHERE plan_id = ? ORDER BY position", (plan_id,)).fetchall()
    ikey = {i["id"]: i["key"] for i in ind_rows}
    in_inds = ("SELECT t.* FROM {table} t JOIN indicators i ON i.id = t.indicator_id "
               "WHERE i.plan_id = ? {order}")
    inames = _by(q(in_inds.format(table="indicator_names", order=""), (plan_id,)).fetchall(),
                 "indicator_id")
    idepts = _by(q(in_inds.format(table="indicator_departments", order="ORDER BY t.position"),
                   (plan_id,)).fetchall(), "indicator_id")
    kind_order = [k.value for k in ValueKind]
    rev_order = [r.value for r in Revision]
    value_rows = sorted(
        q(in_inds.format(table="indicator_values", order=""), (plan_id,)).fetchall(),
        key=lambda v: (kind_order.index(v["kind"]), v["fiscal_year"], rev_order.index(v["revision"])))
    ivals = _by(value_rows, "indicator_id")
    return tuple(
        Indicator(
            key=i["key"], plan_id=plan_id, node_key=key_of[i["node_id"]], kind=IndicatorKind(i["kind"]),
            name=i["name"], unit=i["unit"], number=i["number"], cumulative=bool(i["cumulative"]),
            part_of=ikey[i["part_of_id"]] if i["part_of_id"] is not None else None, source=i["source"],
            marks=_marks(i["marks"]),
            departments=tuple(DepartmentLink(dept[d["department_id"]], Role(d["role"]))
                              for d in idepts.get(i["id"], [])),
            printed_names={r["document_id"]: r["name"] for r in sorted(
                inames.get(i["id"], []), key=lambda r: doc_pos[r["document_id"]])},
            values=tuple(
                IndicatorValue(kind=ValueKind(v["kind"]), year=FiscalYear(v["fiscal_year"]),
                               value=parse_value(v["text"]), revision=Revision(v["revision"]),
                               marks=_marks(v["marks"]), as_of=v["as_of"], note=v["note"],
                               document_id=v["document_id"])
                for v in ivals.get(i["id"], [])))
        for i in ind_rows)


@lru_cache(maxsize=1 << 16)
def _canonical_value(text: str) -> str:
    # The same printed values recur in every department file of a round: parse each spelling once.
    return str(parse_value(text))


@lru_cache(maxsize=1 << 16)
def _value_problem(text: str) -> str | None:
    try:
        check_value_text("", text)
    except LimitError as exc:
        return exc.message.removeprefix(": ")
    return None


@lru_cache(maxsize=1 << 16)
def _value_field(text: str, marks: str) -> str | None:
    """The field value of a value row (canonical value and marks) when both are within the limits,
    else None (the caller raises, naming the field). Cached: a round repeats the same values."""
    if _value_problem(text) is not None or _value_problem(marks) is not None:
        return None
    return format_value(parse_value(text), _marks(marks))


def _checked_value(key: str, text: object) -> str:
    """A printed value within domain.limits (checked once per spelling), or LimitError naming `key`."""
    if not isinstance(text, str):
        return check_value_text(key, text)  # raises: not text
    problem = _value_problem(text)
    if problem is not None:
        raise LimitError(key, problem)
    return text


@lru_cache(maxsize=1 << 14)
def _canonical_text(text: str) -> str:
    return str(RichText.parse(text))


@lru_cache(maxsize=1 << 14)
def _narrative_field(text: str) -> str | None:
    """The canonical narrative when within the limits, else None (the caller raises, naming the
    field). Cached by spelling: every department file of a round holds the same narratives."""
    try:
        return _canonical_text(check_text("", text))
    except LimitError:
        return None


@lru_cache(maxsize=1 << 12)
def _status_ok(text: str) -> bool:
    try:
        check_text("", text, max_chars=MAX_VALUE_CHARS)
    except LimitError:
        return False
    return True


class BrokenReference(ValueError):
    """A row of an untrusted file whose parent row is missing (what PRAGMA foreign_key_check finds)."""

    def __init__(self, table: str, column: str, value: object) -> None:
        super().__init__(f"{table}.{column} = {value!r}: no such row")
        self.table = table


def read_fields(con: sqlite3.Connection, *, untrusted: bool = False) -> dict[str, str | None]:
    """Every entry field of every plan (the same keys and values as domain.fields.field_map),
    read straight from the tables. Each raw value is checked against domain.limits before it is
    parsed (LimitError names the field), then parsed and printed again, so a file cannot slip in
    text that is not a value (DomainError) or a value in another spelling. The checks and parses
    are cached by spelling (a round repeats the same values in every file); a spelling that fails
    goes through the uncached check again, which raises naming the field.

    Collecting reads every field of every returned file, so this runs once per file: the small
    tables (nodes, indicators, schedule rows) are read once into maps and the large ones without
    joins, as plain tuples. A row whose parent is missing is skipped, as a join would; with
    `untrusted` (a returned department file) it raises BrokenReference instead: the foreign keys
    of every row that becomes a field are checked as the row is read, so the file needs no
    PRAGMA foreign_key_check over tables the merge never reads."""

    def missing(table: str, column: str, value: object) -> None:
        if untrusted:
            raise BrokenReference(table, column, value)

    out: dict[str, str | None] = {}
    cur = con.cursor()
    cur.row_factory = None  # tuples, whatever the connection's factory
    nodes = {nid: f"{plan_id}:{key}" for nid, plan_id, key in cur.execute("SELECT id, plan_id, key FROM nodes")}
    _progress_fields(cur, nodes, out, missing)
    indicators = {iid: f"value:{plan_id}:{key}:"
                  for iid, plan_id, key in cur.execute("SELECT id, plan_id, key FROM indicators")}
    kinds, revisions, value_field = _KINDS, _REVISIONS, _value_field
    for iid, kind, year, revision, text, marks in cur.execute(
            "SELECT indicator_id, kind, fiscal_year, revision, text, marks FROM indicator_values"):
        prefix = indicators.get(iid)
        if prefix is None:
            missing("indicator_values", "indicator_id", iid)
            continue
        if kind not in kinds or revision not in revisions:
            raise ValueError(f"unknown value kind or revision: {kind!r} {revision!r}")
        key = f"{prefix}{kind}:{year if type(year) is int else int(year)}:{revision}"
        printed = value_field(text, marks)  # None for anything but plain text within the limits
        if printed is None:
            marks = marks or ""
            printed = format_value(parse_value(_checked_value(key, text)), _marks(_checked_value(key, marks)))
        out[key] = printed
    budgets = {b for (b,) in cur.execute("SELECT node_id FROM budgets")} if untrusted else set()
    for node_id, year, text in cur.execute("SELECT node_id, fiscal_year, text FROM budget_costs"):
        item = nodes.get(node_id)
        if untrusted and node_id not in budgets:
            missing("budget_costs", "node_id", node_id)
        if item is None:
            missing("budget_costs", "node_id", node_id)
            continue
        key = f"cost:{item}:{year if type(year) is int else int(year)}"
        printed = value_field(text, "")
        out[key] = printed if printed is not None else _canonical_value(_checked_value(key, text))
    _schedule_fields(cur, nodes, out, missing)
    out.update(read_annotation_fields(con, untrusted=untrusted))  # notes, questions, attachments (issue 25)
    return out


Missing = Callable[[str, str, object], None]


def _progress_fields(cur: sqlite3.Cursor, nodes: dict[Any, str], out: dict[str, str | None],
                     missing: Missing) -> None:
    """read_fields' statuses and 実施等状況."""
    for node_id, year, status, narrative in cur.execute(
            "SELECT node_id, fiscal_year, status, narrative FROM progress_entries"):
        item = nodes.get(node_id)
        if item is None:
            missing("progress_entries", "node_id", node_id)
            continue
        base = f"progress:{item}:{year if type(year) is int else int(year)}"
        if status:
            if isinstance(status, str) and _status_ok(status):
                out[f"{base}:status"] = status
            else:
                out[f"{base}:status"] = check_text(f"{base}:status", status, max_chars=MAX_VALUE_CHARS)
        text = narrative or ""
        cached = _narrative_field(text) if isinstance(text, str) and len(text) <= MAX_TEXT_CHARS else None
        if cached is None:
            cached = _canonical_text(check_text(f"{base}:narrative", text))
        if cached:
            out[f"{base}:narrative"] = cached


def _schedule_fields(cur: sqlite3.Cursor, nodes: dict[Any, str], out: dict[str, str | None],
                     missing: Missing) -> None:
    """read_fields' schedule cells."""
    rows: dict[Any, tuple[str, Any]] = {}
    for rid, node_id, position in cur.execute("SELECT id, node_id, position FROM schedule_rows"):
        item = nodes.get(node_id)
        if item is not None:
            rows[rid] = (item, position)
        else:
            missing("schedule_rows", "node_id", node_id)
    for row_id, year, text in cur.execute("SELECT row_id, fiscal_year, text FROM schedule_cells"):
        row = rows.get(row_id)
        if row is None:
            missing("schedule_cells", "row_id", row_id)
        elif text:
            key = f"schedule:{row[0]}:{int(row[1])}:{int(year)}"
            out[key] = check_text(key, text, max_chars=MAX_VALUE_CHARS * 10)


_ONE_FIELD = {
    "value": "SELECT v.text, v.marks FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
             "WHERE i.plan_id = ? AND i.key = ? AND v.kind = ? AND v.fiscal_year = ? AND v.revision = ?",
    "progress": "SELECT p.status, p.narrative FROM progress_entries p JOIN nodes n ON n.id = p.node_id "
                "WHERE n.plan_id = ? AND n.key = ? AND p.fiscal_year = ?",
    "cost": "SELECT c.text FROM budget_costs c JOIN nodes n ON n.id = c.node_id "
            "WHERE n.plan_id = ? AND n.key = ? AND c.fiscal_year = ?",
    "schedule": "SELECT c.text FROM schedule_cells c JOIN schedule_rows r ON r.id = c.row_id "
                "JOIN nodes n ON n.id = r.node_id WHERE n.plan_id = ? AND n.key = ? AND r.position = ? "
                "AND c.fiscal_year = ?",
}


def read_fields_of(con: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str | None]:
    """The entry fields named by `keys` (domain.fields keys) as read_fields gives them, each read by
    its own row: what a save compares and audits without reading the other fields. A key whose
    field holds nothing (or names nothing) maps to None."""
    cur = con.cursor()
    cur.row_factory = None  # tuples, whatever the connection's factory
    out: dict[str, str | None] = {}
    for key in keys:
        if is_annotation_key(key):  # a note, a question's part, an attachment (issue 25)
            out[key] = read_annotation_field(con, key)
            continue
        fk = FieldKey.parse(key)
        if fk.kind == "value":
            row = cur.execute(_ONE_FIELD["value"], (fk.plan_id, fk.item, fk.part, fk.year, fk.revision)).fetchone()
            out[key] = None if row is None else (_value_field(row[0], row[1] or "") or format_value(
                parse_value(_checked_value(key, row[0])), _marks(_checked_value(key, row[1] or ""))))
        elif fk.kind == "progress":
            row = cur.execute(_ONE_FIELD["progress"], (fk.plan_id, fk.item, fk.year)).fetchone()
            if row is None:
                out[key] = None
            elif fk.part == "status":
                out[key] = row[0] or None
            else:
                out[key] = _canonical_text(row[1] or "") or None
        elif fk.kind == "cost":
            row = cur.execute(_ONE_FIELD["cost"], (fk.plan_id, fk.item, fk.year)).fetchone()
            out[key] = None if row is None else _canonical_value(_checked_value(key, row[0]))
        else:
            row = cur.execute(_ONE_FIELD["schedule"], (fk.plan_id, fk.item, int(fk.part), fk.year)).fetchone()
            out[key] = (row[0] or None) if row is not None else None
    return out


def content_hash(fields: dict[str, str | None]) -> str:
    """The hash of a file's entry fields, as the app writes it at every save of a department file."""
    # NUL cannot occur in a key or a value (domain.limits), so it separates them unambiguously
    text = "\x00".join([f"{k}\x00{fields[k]}" for k in sorted(fields) if fields[k] is not None])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
