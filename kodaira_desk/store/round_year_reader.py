"""The round's year read through a plain connection (sqlite3, or the server's connection answering
the same calls), without SQLAlchemy: the fixed years and a department file's carried texts, which
the window asks when it loads the plans and a collection reads from a returned file before anything
of it is trusted; and a hand-out's carried texts written into the file it makes (issue 24)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.round_year import CarriedText, YearLock


def has_table(con: Any, table: str) -> bool:
    """Whether a plain connection's database has `table` (a file an earlier version made may not;
    a server's master is always upgraded when it is opened)."""
    if not isinstance(con, sqlite3.Connection):
        return True
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


LOCKS_SQL = "SELECT plan_id, fiscal_year FROM year_locks"
CARRIED_SQL = "SELECT field_key, text, from_year, confirmed_at FROM carried_texts"


def locks_of(rows: Iterable[Any]) -> frozenset[tuple[str, int]]:
    return frozenset((str(r[0]), int(r[1])) for r in rows)


def carried_of(rows: Iterable[Any]) -> dict[str, CarriedText]:
    return {str(r[0]): CarriedText(str(r[0]), str(r[1]), int(r[2]), r[3] is not None) for r in rows}


def read_locks(con: Any) -> frozenset[tuple[str, int]]:
    """(plan, year) of every fixed year, through a plain connection."""
    if not has_table(con, "year_locks"):
        return frozenset()
    return locks_of(con.execute(LOCKS_SQL))


def read_lock_details(con: Any) -> list[YearLock]:
    if not has_table(con, "year_locks"):
        return []
    return [YearLock(str(r[0]), int(r[1]), str(r[2]), r[3], r[4] or "") for r in con.execute(
        "SELECT plan_id, fiscal_year, locked_at, locked_by, note FROM year_locks ORDER BY plan_id, fiscal_year")]


def read_carried(con: Any) -> dict[str, CarriedText]:
    """The carried texts of a department file, through a plain connection (none in a master, and
    none in a file an earlier version made)."""
    if not has_table(con, "carried_texts"):
        return {}
    return carried_of(con.execute(CARRIED_SQL))


def write_carried(con: sqlite3.Connection, texts: list[CarriedText]) -> list[str]:
    """Into a department file being handed out (its own sqlite3 connection, inside its transaction):
    each carried text as the starting 実施等状況 of its measure, recorded as carried. Returns the
    entry fields it wrote (the hand-out reads only those again for the file's content hash)."""
    written: list[str] = []
    for t in texts:
        fk = FieldKey.parse(t.key)
        row = con.execute("SELECT id FROM nodes WHERE plan_id = ? AND key = ?", (fk.plan_id, fk.item)).fetchone()
        if row is None:
            continue
        written.append(t.key)
        node_id = row[0]
        if con.execute("SELECT 1 FROM progress_entries WHERE node_id = ? AND fiscal_year = ?",
                       (node_id, fk.year)).fetchone():
            con.execute("UPDATE progress_entries SET narrative = ? WHERE node_id = ? AND fiscal_year = ?",
                        (t.text, node_id, fk.year))
        else:
            con.execute("INSERT INTO progress_entries(node_id, fiscal_year, status, narrative, document_id) "
                        "VALUES (?, ?, NULL, ?, NULL)", (node_id, fk.year, t.text))
        con.execute("INSERT OR REPLACE INTO carried_texts(field_key, text, from_year) VALUES (?, ?, ?)",
                    (t.key, t.text, t.from_year))
    return written
