"""A returned department file's fields worked out from the rows that differ from a reference: a
file of the same collection already checked and read whole (a collection's worker keeps its first
file as the reference of the next ones, services.received_prepare; issue 27).

Every department file of a hand-out is cut from one image: a returned file differs from another
in the rows its clerk changed and the department's own records, a few of thousands. Reading
every field makes a Python object of every cell (most of a worker's CPU); here SQLite compares
the two files row by row (each table's rows matched by rowid, every column read_fields reads
compared as bytes of the same type) and only the rows that differ come to Python, where they go
through read_fields' own checks and parses (store.reader: `value_rows` and its siblings). The
result is the same dict read_fields gives; what it cannot promise falls back to reading the file
whole (None): a schema that differs from the reference's in any way, a table of the plans'
structure (items, indicators, budgets, schedule rows) that differs, an older file, an error,
and a file where two rows would make the same field (read_fields keeps the later row's; a file
changed outside the app: its unique indexes need not hold). A reference keeps the field each of its
rows makes (`rows`) and is not kept when two make the same one. It stays as it was read: an older
file is never one (the collection upgrades its copy in place, and the link with it), and a file
changed since it was kept (`stamp`) is no reference.

The file has passed its own checks first (quick_check, its objects, its identity: store.
department_file); the content hash is still worked out over every field of the result.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kodaira_desk.domain.annotations import is_annotation_key
from kodaira_desk.store import reader
from kodaira_desk.store.annotation_reader import read_annotation_fields
from kodaira_desk.store.database import SCHEMA_VERSION
from kodaira_desk.store.reader import BrokenReference
from kodaira_desk.store.tree_reader import has_column

ALIAS = "kd_reference"
_SAFE = "/:\\"  # what a path keeps as it is in a URI (the rest is %-escaped: a 受領ファイル folder)
_PROGRESS = ("node_id", "fiscal_year", "status", "narrative", "settled", "settled_note")
# the tables of the plans' structure, with the columns read_fields reads: equal in both files, or no delta
_STRUCTURE = {"nodes": ("id", "plan_id", "key"), "indicators": ("id", "plan_id", "key"),
              "budgets": ("node_id",), "schedule_rows": ("id", "node_id", "position")}
# the tables of the entries, with the columns read_fields reads (in its queries' order)
_ENTRIES = {"indicator_values": ("indicator_id", "kind", "fiscal_year", "revision", "text", "marks"),
            "progress_entries": _PROGRESS, "budget_costs": ("node_id", "fiscal_year", "text"),
            "schedule_cells": ("row_id", "fiscal_year", "text")}


@dataclass(frozen=True)
class Reference:
    """A file read whole, kept where its collection removes what it leaves (`path`), with what
    reading another file against it needs: its schema, its fields, the maps of its structure."""

    path: Path
    schema: tuple[tuple[Any, ...], ...]
    entries: dict[str, str | None]  # its fields but the notes, questions and attachments
    nodes: dict[Any, str]
    indicators: dict[Any, str]
    budgets: set[Any]
    schedule_rows: dict[Any, tuple[str, Any]]
    rows: frozenset[str]  # the field (its key but the part) each row of its entries makes: no two the same
    stamp: tuple[int, ...] = ()  # its inode, size and time when kept: a file changed since is no reference
    hashing: reader.HashBase | None = None  # its entries' parts of content_hash, for the next files' hashes

    def remove(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def _raise(table: str, column: str, value: object) -> None:
    raise BrokenReference(table, column, value)


def _stamp(path: Path) -> tuple[int, ...]:
    st = os.stat(path)
    return st.st_ino, st.st_size, st.st_mtime_ns


def _schema(con: sqlite3.Connection) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(r) for r in con.execute(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY type, name"))


def keep_reference(copy: Path, folder: Path, prefix: str, fields: dict[str, str | None],
                   open_file: Any) -> Reference | None:
    """`copy` (a file just read whole into `fields`) kept as a reference in a folder of its own
    under `folder` named with `prefix` (a hard link: it stays when the collection removes the copy
    it merged); `open_file` opens it as any returned file is opened. None when it cannot be kept
    (a filesystem without links, an older file, Windows: each file is then read whole)."""
    if os.name == "nt":  # a linked file open here could not be renamed (kept) by the collection
        return None
    made: Path | None = None
    try:
        made = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
        kept = made / "reference.sqlite"
        os.link(copy, kept)  # no copy written: a filesystem without links reads every file whole
        con = open_file(kept)
        try:
            # an older file: read whole, and never the reference (the collection upgrades its copy in
            # place, the link with it: its rows would change under the comparison)
            if int(con.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION \
                    or not has_column(con, "progress_entries", "settled"):
                raise ValueError("no delta for an older file")
            if any(str(r[1]).lower() == "rowid" for table in (*_STRUCTURE, *_ENTRIES)
                   for r in con.execute(f"PRAGMA table_info({table})")):
                raise ValueError("a column named rowid: its rows could not be matched by their rowid")
            cur = con.cursor()
            cur.row_factory = None
            nodes = {nid: f"{plan_id}:{key}" for nid, plan_id, key in cur.execute(reader.NODES_SQL)}
            indicators = {iid: f"value:{plan_id}:{key}:" for iid, plan_id, key in cur.execute(reader.INDICATORS_SQL)}
            budgets = {b for (b,) in cur.execute(reader.BUDGETS_SQL)}
            rows = reader.schedule_rows_of(cur.execute(reader.SCHEDULE_ROWS_SQL), nodes, _raise)
            entries = {k: v for k, v in fields.items() if not is_annotation_key(k)}
            ref = Reference(kept, _schema(con), entries, nodes, indicators, budgets, rows, frozenset())
            made_by = [_row_key(ref, table, row) for table, sql in _ROW_KEYS_SQL.items() for row in cur.execute(sql)]
            distinct = frozenset(made_by)
            if len(distinct) != len(made_by):
                raise ValueError("two rows make the same field: not a reference")
            return replace(ref, rows=distinct, stamp=_stamp(kept), hashing=reader.HashBase(entries))
        finally:
            con.close()
    except (OSError, sqlite3.Error, ValueError, KeyError):
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        return None


def fields_against(con: sqlite3.Connection, ref: Reference) -> dict[str, str | None] | None:
    """The fields of the file open on `con` (its own checks passed) as read_fields(con, untrusted=
    True) gives them, raising what it raises for the rows that differ; None: read the file whole."""
    against = fields_and_changes(con, ref)
    return None if against is None else against[0]


def fields_and_changes(con: sqlite3.Connection, ref: Reference) -> tuple[dict[str, str | None], set[str]] | None:
    """fields_against's fields, and the keys where they may differ from the reference's entries
    (the fields of its rows that differ, and the notes, questions and attachments): every key
    whose value differs is among them (for ref.hashing)."""
    try:
        if _schema(con) != ref.schema or _stamp(ref.path) != ref.stamp:  # the reference as it was read
            return None
        annotations = read_annotation_fields(con, untrusted=True)  # before the reference is attached
        uri = f"file:{quote(str(ref.path), safe=_SAFE)}?mode=ro"
        con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 1)
        try:
            con.execute(f"ATTACH DATABASE ? AS {ALIAS}", (uri,))
        finally:
            con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    except (sqlite3.Error, OSError):
        return None
    try:
        cur = con.cursor()
        cur.row_factory = None
        try:
            if not all(_same(cur, table, columns) for table, columns in _STRUCTURE.items()):
                return None
            gone: dict[str, list[Any]] = {}
            new: dict[str, list[Any]] = {}
            for table, columns in _ENTRIES.items():
                gone[table], new[table] = _differing(cur, table, columns)
        except sqlite3.Error:
            return None
    finally:
        with suppress(sqlite3.Error):
            con.execute(f"DETACH DATABASE {ALIAS}")
    out = dict(ref.entries)
    changed = _forget(out, ref, gone)
    made: dict[str, str | None] = {}  # the fields the file's rows that differ make
    reader.value_rows(new["indicator_values"], ref.indicators, made, _raise)
    reader.progress_rows(new["progress_entries"], ref.nodes, made, _raise)
    reader.cost_rows(new["budget_costs"], ref.nodes, ref.budgets, made, _raise)
    reader.cell_rows(new["schedule_cells"], ref.schedule_rows, made, _raise)
    if not _each_field_once(ref, gone, new):
        return None
    out.update(made)
    out.update(annotations)
    changed.update(made, annotations)
    return out, changed


# the columns of each table of the entries that say which field a row makes (the first of _ENTRIES')
_ROW_KEYS_SQL = {"indicator_values": "SELECT indicator_id, kind, fiscal_year, revision FROM indicator_values",
                 "progress_entries": "SELECT node_id, fiscal_year FROM progress_entries",
                 "budget_costs": "SELECT node_id, fiscal_year FROM budget_costs",
                 "schedule_cells": "SELECT row_id, fiscal_year FROM schedule_cells"}


def _row_key(ref: Reference, table: str, row: tuple[Any, ...]) -> str:
    """The field a row of `table` makes (the row read and checked: KeyError or ValueError if not)."""
    year = row[2] if table == "indicator_values" else row[1]
    if type(year) is not int:
        raise ValueError(f"{table}.fiscal_year = {year!r}")
    if table == "indicator_values":
        return f"{ref.indicators[row[0]]}{row[1]}:{year}:{row[3]}"
    if table == "progress_entries":
        return f"progress:{ref.nodes[row[0]]}:{year}"
    if table == "budget_costs":
        return f"cost:{ref.nodes[row[0]]}:{year}"
    item, position = ref.schedule_rows[row[0]]
    return f"schedule:{item}:{position}:{year}"


def _each_field_once(ref: Reference, gone: dict[str, list[Any]], new: dict[str, list[Any]]) -> bool:
    """Whether no two rows of the file make the same field (its rows: the reference's that are not
    `gone`, each making a field of its own, and the `new` ones, read and checked), so that the
    fields worked out are read_fields' whatever order it reads the rows in."""
    freed = {_row_key(ref, table, row) for table, rows in gone.items() for row in rows}
    seen: set[str] = set()
    for table, rows in new.items():
        for row in rows:
            key = _row_key(ref, table, row)
            if key in seen or (key in ref.rows and key not in freed):
                return False
            seen.add(key)
    return True


def _unequal(columns: tuple[str, ...]) -> str:
    # compared as stored (the schemas are the same: no affinity applies), text byte for byte
    return " OR ".join(f"a.{c} IS NOT b.{c} COLLATE BINARY" for c in columns)


def _same(cur: sqlite3.Cursor, table: str, columns: tuple[str, ...]) -> bool:
    """Whether the table holds the same rows (by rowid, the columns read) in both files."""
    sql = (f"SELECT (SELECT count(*) FROM main.{table}) = (SELECT count(*) FROM {ALIAS}.{table}) "
           f"AND NOT EXISTS (SELECT 1 FROM main.{table} a LEFT JOIN {ALIAS}.{table} b ON b.rowid = a.rowid "
           f"WHERE b.rowid IS NULL OR {_unequal(columns)})")
    return bool(cur.execute(sql).fetchone()[0])


def _differing(cur: sqlite3.Cursor, table: str, columns: tuple[str, ...]) -> tuple[list[Any], list[Any]]:
    """The reference's rows (their columns read) that the file lacks or holds otherwise, and the
    file's rows the reference lacks or holds otherwise, in the order a FULL JOIN of the two gives
    them: one LEFT JOIN pass from the file's rows (each looked up in the reference by rowid), then,
    only when the counts say the reference has rows the file lacks, those rows. (A FULL JOIN looked
    every row up from both sides: twice the lookups for the rows a file never lacks; issue 27.)"""
    n = len(columns)
    sql = (f"SELECT b.rowid IS NOT NULL, {', '.join(f'a.{c}' for c in columns)}, "
           f"{', '.join(f'b.{c}' for c in columns)} FROM main.{table} a LEFT JOIN {ALIAS}.{table} b "
           f"ON b.rowid = a.rowid WHERE b.rowid IS NULL OR {_unequal(columns)}")
    gone: list[Any] = []
    new: list[Any] = []
    unmatched = 0  # the file's rows with no row of the same rowid in the reference
    for row in cur.execute(sql):
        new.append(row[1:1 + n])
        if row[0]:
            gone.append(row[1 + n:])
        else:
            unmatched += 1
    mine, theirs = cur.execute(f"SELECT (SELECT count(*) FROM main.{table}), "
                               f"(SELECT count(*) FROM {ALIAS}.{table})").fetchone()
    # rowids are unique in each table: the file's other rows matched as many distinct reference rows
    if theirs != mine - unmatched:
        gone += cur.execute(f"SELECT {', '.join(f'b.{c}' for c in columns)} FROM {ALIAS}.{table} b "
                            f"WHERE NOT EXISTS (SELECT 1 FROM main.{table} a WHERE a.rowid = b.rowid)").fetchall()
    return gone, new


def _forget(out: dict[str, str | None], ref: Reference, gone: dict[str, list[Any]]) -> set[str]:
    """The fields the reference's rows that differ made (the file's rows make theirs again) taken
    out; returns their keys."""
    keys: list[str] = []
    for iid, kind, year, revision, _text, _marks in gone["indicator_values"]:
        prefix = ref.indicators.get(iid)
        if prefix is not None:
            keys.append(f"{prefix}{kind}:{int(year)}:{revision}")
    for node_id, year, *_rest in gone["progress_entries"]:
        item = ref.nodes.get(node_id)
        if item is not None:
            keys += [f"progress:{item}:{int(year)}:{part}" for part in ("status", "narrative", "settled", "settled_note")]
    for node_id, year, _text in gone["budget_costs"]:
        item = ref.nodes.get(node_id)
        if item is not None:
            keys.append(f"cost:{item}:{int(year)}")
    for row_id, year, _text in gone["schedule_cells"]:
        row = ref.schedule_rows.get(row_id)
        if row is not None:
            keys.append(f"schedule:{row[0]}:{int(row[1])}:{int(year)}")
    for key in keys:
        out.pop(key, None)
    return set(keys)
