"""Reading with the standard sqlite3 module: whole plans (through tree_reader.py), the entry
fields of a file, the database's facts.

The window reads every plan when it starts; doing it without SQLAlchemy keeps SQLAlchemy's import
(about 0.15 s) and ORM object construction out of the start-up path. Writing still goes through
the ORM (repository.py); the round-trip test (db/city → database → JSON) covers this reader.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk.domain.annotations import is_annotation_key, underlying
from kodaira_desk.domain.errors import FieldValueError, ValueParseError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.limits import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    MAX_VALUE_CHARS,
    LimitError,
    check_text,
    check_value_text,
)
from kodaira_desk.domain.model import (
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import format_value, parse_value
from kodaira_desk.store import errors, server
from kodaira_desk.store.annotation_reader import (
    read_annotation_field,
    read_annotation_fields,
)
from kodaira_desk.store.errors import StoreError, is_busy
from kodaira_desk.store.tree_reader import _marks, fetch_all, has_column, load_trees

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
            raise errors.busy_error(path) from exc
        raise StoreError.of(errors.HOT_JOURNAL, file=path.name, journal=journal.name) from exc


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
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=errors.BUSY_TIMEOUT_S)
    con.row_factory = sqlite3.Row
    try:
        con.execute("PRAGMA query_only=ON")
        yield con
    except sqlite3.DatabaseError as exc:
        if errors.is_corrupt(exc):
            raise errors.corrupt_error(path) from exc
        if is_busy(exc):  # a writer committing past the wait (an exclusive lock held long)
            raise errors.busy_error(path) from exc
        raise
    finally:
        con.close()


def list_plans(con: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r["id"], r["title"]) for r in con.execute("SELECT id, title FROM plans ORDER BY position")]


DEPARTMENTS_SQL = "SELECT name FROM departments ORDER BY id"
MARK_SQL = "SELECT MAX(id), COUNT(*) FROM audit_log"


def list_departments(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute(DEPARTMENTS_SQL)]


def get_metas(con: Any, keys: Sequence[str], last: bool = False) -> dict[str, str]:
    """Several meta rows in one query (`last`: on a server the read's end goes with it: one
    round trip in all)."""
    return metas_of(fetch_all(con, [metas_query(keys)], last)[0])


def metas_query(keys: Sequence[str]) -> tuple[str, list[str]]:
    return f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * len(keys))})", list(keys)


def metas_of(rows: Iterable[Sequence[Any]]) -> dict[str, str]:
    """The answer of `metas_query`: the rows that are there."""
    return {str(k): str(v) for k, v in rows}


def get_meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def change_mark(con: sqlite3.Connection, last: bool = False) -> str:
    """A short mark that changes whenever anyone writes to the plans: every write (a save, a
    collection, a resolution, a plan edit) leaves an audit row in its transaction. `last`: on a
    server the read's end goes with it (one round trip for a look)."""
    return mark_of(fetch_all(con, [(MARK_SQL, [])], last)[0][0])


def mark_of(row: Any) -> str:
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
        found = load_trees(self._con, [plan_id])
        if not found:
            raise KeyError(plan_id)
        return found[0]

    def load_all(self) -> list[PlanTree]:
        """Every plan, in one query per table (store/tree_reader.py)."""
        return load_trees(self._con)


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


def _whole(table: str, column: str, value: object) -> int:
    """A fiscal year or a position as stored: a whole number (not a bool), or ValueError (a file
    changed outside the app: 2024.5 or '2024' would otherwise make the field of 2024 a second time)."""
    if type(value) is not int:
        raise ValueError(f"{table}.{column} = {value!r}: not a whole number")
    return value


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
    nodes = {nid: f"{plan_id}:{key}" for nid, plan_id, key in cur.execute(NODES_SQL)}
    _progress_fields(cur, nodes, out, missing)
    indicators = {iid: f"value:{plan_id}:{key}:" for iid, plan_id, key in cur.execute(INDICATORS_SQL)}
    value_rows(cur.execute(VALUES_SQL), indicators, out, missing)
    budgets = {b for (b,) in cur.execute(BUDGETS_SQL)} if untrusted else None
    cost_rows(cur.execute(COSTS_SQL), nodes, budgets, out, missing)
    schedule_rows = schedule_rows_of(cur.execute(SCHEDULE_ROWS_SQL), nodes, missing)
    cell_rows(cur.execute(CELLS_SQL), schedule_rows, out, missing)
    out.update(read_annotation_fields(con, untrusted=untrusted))  # notes, questions, attachments (issue 25)
    return out


# read_fields' queries (store.field_delta reads the same columns of the rows that differ)
NODES_SQL = "SELECT id, plan_id, key FROM nodes"
INDICATORS_SQL = "SELECT id, plan_id, key FROM indicators"
VALUES_SQL = "SELECT indicator_id, kind, fiscal_year, revision, text, marks FROM indicator_values"
BUDGETS_SQL = "SELECT node_id FROM budgets"
COSTS_SQL = "SELECT node_id, fiscal_year, text FROM budget_costs"
SCHEDULE_ROWS_SQL = "SELECT id, node_id, position FROM schedule_rows"
CELLS_SQL = "SELECT row_id, fiscal_year, text FROM schedule_cells"


def value_rows(rows: Iterable[tuple[Any, ...]], indicators: dict[Any, str], out: dict[str, str | None],
               missing: Missing) -> None:
    """read_fields' indicator values, from rows of VALUES_SQL's columns."""
    kinds, revisions, value_field = _KINDS, _REVISIONS, _value_field
    key = ""
    try:  # a text that is no value raises naming its field (the try costs nothing until it does)
        for iid, kind, year, revision, text, marks in rows:
            prefix = indicators.get(iid)
            if prefix is None:
                missing("indicator_values", "indicator_id", iid)
                continue
            if kind not in kinds or revision not in revisions:
                raise ValueError(f"unknown value kind or revision: {kind!r} {revision!r}")
            key = f"{prefix}{kind}:{year if type(year) is int else _whole('indicator_values', 'fiscal_year', year)}:{revision}"
            printed = value_field(text, marks)  # None for anything but plain text within the limits
            if printed is None:
                marks = marks or ""
                printed = format_value(parse_value(_checked_value(key, text)), _marks(_checked_value(key, marks)))
            out[key] = printed
    except ValueParseError as exc:
        raise FieldValueError(key, exc.message) from exc


def cost_rows(rows: Iterable[tuple[Any, ...]], nodes: dict[Any, str], budgets: set[Any] | None,
              out: dict[str, str | None], missing: Missing) -> None:
    """read_fields' 事業費, from rows of COSTS_SQL's columns (`budgets`: the items with a budget,
    checked in an untrusted file; None: not checked)."""
    key = ""
    try:
        for node_id, year, text in rows:
            item = nodes.get(node_id)
            if budgets is not None and node_id not in budgets:
                missing("budget_costs", "node_id", node_id)
            if item is None:
                missing("budget_costs", "node_id", node_id)
                continue
            key = f"cost:{item}:{year if type(year) is int else _whole('budget_costs', 'fiscal_year', year)}"
            printed = _value_field(text, "")
            out[key] = printed if printed is not None else _canonical_value(_checked_value(key, text))
    except ValueParseError as exc:
        raise FieldValueError(key, exc.message) from exc


Missing = Callable[[str, str, object], None]


def _progress_fields(cur: sqlite3.Cursor, nodes: dict[Any, str], out: dict[str, str | None],
                     missing: Missing) -> None:
    """read_fields' statuses and 実施等状況, and a project's 決算額 with its reason."""
    progress_rows(cur.execute(progress_sql(getattr(cur, "connection", None))), nodes, out, missing)


def progress_sql(con: Any) -> str:
    """read_fields' query of progress_entries (a file of an earlier version has no 決算額 yet)."""
    settled_cols = "settled, settled_note" if has_column(con, "progress_entries", "settled") else "NULL, ''"
    return f"SELECT node_id, fiscal_year, status, narrative, {settled_cols} FROM progress_entries"


def progress_rows(rows: Iterable[tuple[Any, ...]], nodes: dict[Any, str], out: dict[str, str | None],
                  missing: Missing) -> None:
    """read_fields' statuses, 実施等状況 and 決算額, from rows of progress_sql's columns."""
    for node_id, year, status, narrative, settled, note in rows:
        item = nodes.get(node_id)
        if item is None:
            missing("progress_entries", "node_id", node_id)
            continue
        base = f"progress:{item}:{year if type(year) is int else _whole('progress_entries', 'fiscal_year', year)}"
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
        if settled:
            try:
                printed = _value_field(settled, "") if isinstance(settled, str) else None
                out[f"{base}:settled"] = printed if printed is not None else _canonical_value(
                    _checked_value(f"{base}:settled", settled))
            except ValueParseError as exc:
                raise FieldValueError(f"{base}:settled", exc.message) from exc
        if note:
            out[f"{base}:settled_note"] = check_text(f"{base}:settled_note", note, max_chars=MAX_NOTE_CHARS)


def schedule_rows_of(rows: Iterable[tuple[Any, ...]], nodes: dict[Any, str],
                     missing: Missing) -> dict[Any, tuple[str, Any]]:
    """read_fields' schedule rows (id → item, position), from rows of SCHEDULE_ROWS_SQL's columns."""
    found: dict[Any, tuple[str, Any]] = {}
    for rid, node_id, position in rows:
        item = nodes.get(node_id)
        if item is not None:
            found[rid] = (item, position if type(position) is int else _whole("schedule_rows", "position", position))
        else:
            missing("schedule_rows", "node_id", node_id)
    return found


def cell_rows(rows: Iterable[tuple[Any, ...]], schedule_rows: dict[Any, tuple[str, Any]],
              out: dict[str, str | None], missing: Missing) -> None:
    """read_fields' schedule cells, from rows of CELLS_SQL's columns."""
    for row_id, year, text in rows:
        row = schedule_rows.get(row_id)
        if row is None:
            missing("schedule_cells", "row_id", row_id)
            continue
        if type(year) is not int:
            _whole("schedule_cells", "fiscal_year", year)
        if text:
            key = f"schedule:{row[0]}:{row[1]}:{year}"
            out[key] = check_text(key, text, max_chars=MAX_VALUE_CHARS * 10)


_ONE_FIELD = {
    "value": "SELECT v.text, v.marks FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
             "WHERE i.plan_id = ? AND i.key = ? AND v.kind = ? AND v.fiscal_year = ? AND v.revision = ?",
    "progress": "SELECT p.status, p.narrative, p.settled, p.settled_note FROM progress_entries p "
                "JOIN nodes n ON n.id = p.node_id WHERE n.plan_id = ? AND n.key = ? AND p.fiscal_year = ?",
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
            elif fk.part == "settled":  # a project's 決算額, printed as read_fields prints it
                out[key] = _canonical_value(_checked_value(key, row[2])) if row[2] else None
            elif fk.part == "settled_note":
                out[key] = row[3] or None
            else:
                out[key] = _canonical_text(row[1] or "") or None
        elif fk.kind == "cost":
            row = cur.execute(_ONE_FIELD["cost"], (fk.plan_id, fk.item, fk.year)).fetchone()
            out[key] = None if row is None else _canonical_value(_checked_value(key, row[0]))
        else:
            row = cur.execute(_ONE_FIELD["schedule"], (fk.plan_id, fk.item, int(fk.part), fk.year)).fetchone()
            out[key] = (row[0] or None) if row is not None else None
    return out


_THERE = {  # of one plan, the keys asked that are there (a `{}` of placeholders)
    "indicator": "SELECT key FROM indicators WHERE plan_id = ? AND key IN ({})",
    "node": "SELECT key FROM nodes WHERE plan_id = ? AND key IN ({})",
    "schedule": "SELECT n.key || ':' || r.position FROM schedule_rows r JOIN nodes n ON n.id = r.node_id "
                "WHERE n.plan_id = ? AND n.key IN ({})",
}


def gone_fields(con: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    """The keys (domain.fields or annotation keys) whose field has nothing to belong to any more: its
    indicator, item, schedule row or plan removed (the plan editor, in another window or process).
    One query per plan and kind of thing asked (a save on a server: a round trip each), whatever the
    number of fields."""
    asked: dict[tuple[str, str], dict[str, list[str]]] = {}  # (kind, plan) → what is looked up → its keys
    for key in keys:
        fk = FieldKey.parse(underlying(key))
        kind = {"value": "indicator", "schedule": "schedule"}.get(fk.kind, "node")  # (progress, cost: the item's)
        asked.setdefault((kind, fk.plan_id), {}).setdefault(
            f"{fk.item}:{int(fk.part)}" if kind == "schedule" else fk.item, []).append(key)
    cur = con.cursor()
    cur.row_factory = None
    out: set[str] = set()
    for (kind, plan_id), wanted in asked.items():
        items = sorted({w.rsplit(":", 1)[0] if kind == "schedule" else w for w in wanted})
        there: set[str] = set()
        for start in range(0, len(items), 500):  # (SQLite's and libpq's bound on parameters)
            chunk = items[start:start + 500]
            there.update(str(r[0]) for r in cur.execute(_THERE[kind].format(", ".join("?" * len(chunk))),
                                                         (plan_id, *chunk)).fetchall())
        out.update(k for w, found in wanted.items() if w not in there for k in found)
    return out


def content_hash(fields: dict[str, str | None]) -> str:
    """The hash of a file's entry fields, as the app writes it at every save of a department file."""
    import hashlib  # OpenSSL's library: not for the window's start-up (issue 27)

    # NUL cannot occur in a key or a value (domain.limits), so it separates them unambiguously;
    # the parts joined once (no string made per field: a collection hashes every returned file)
    parts: list[str] = []
    add = parts.append
    for k in sorted(fields):
        v = fields[k]
        if v is not None:
            add(k)
            add(v)
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class HashBase:
    """content_hash of fields that differ from these (`base`) in a few keys, without joining and
    sorting every field again (issue 27: content_hash was some 3 ms of each file a collection's
    worker checked at ×10): the base's parts kept in content_hash's order, each file's hash made
    from a copy with the keys that differ put in, replaced or taken out."""

    def __init__(self, base: dict[str, str | None]) -> None:
        self._base = {k: v for k, v in base.items() if v is not None}
        self._keys = sorted(self._base)
        self._parts = [part for k in self._keys for part in (k, self._base[k])]

    def hash_of(self, fields: dict[str, str | None], changed: Iterable[str]) -> str:
        """content_hash(fields), where every key whose value (None: absent) differs from the base's
        is in `changed` (others may be too)."""
        import hashlib

        parts = self._parts.copy()
        keys, base, get = self._keys, self._base, fields.get
        # from the last key back: a part put in or taken out moves only the parts after it
        for k in sorted(set(changed), reverse=True):
            new = get(k)
            i = bisect_left(keys, k)
            if k in base:
                if new is None:
                    del parts[2 * i:2 * i + 2]
                else:
                    parts[2 * i + 1] = new
            elif new is not None:
                parts[2 * i:2 * i] = [k, new]
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
