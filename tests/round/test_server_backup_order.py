"""A master on a server is backed up (before every collection) and copied to and from a file with
its rows in foreign-key order. A snapshot's id is a hash: a return's snapshot may sort before the
snapshot it is the changes to. The copy puts parents first (found by the workbooks' random rounds:
the backup failed with a foreign-key error, and every later collection of that master with it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from kodaira_desk.services.database import copy_database, open_database
from kodaira_desk.store import transfer

ROOT_ID, MIDDLE_ID, CHILD_ID = "f" * 64, "e" * 64, "0" * 64  # the child sorts first, its parent last


def _chain(master: Path | str) -> None:
    db = open_database(master, create=False)
    try:
        with db.session() as s:
            for sid, parent, fields in ((ROOT_ID, None, '{"a": "1"}'), (MIDDLE_ID, ROOT_ID, '{"a": "2"}'),
                                        (CHILD_ID, MIDDLE_ID, '{"a": "3"}')):
                s.execute(text("INSERT INTO snapshots (id, parent_id, fields_json) VALUES (:i, :p, :f)"),
                          {"i": sid, "p": parent, "f": fields})
    finally:
        db.dispose()


def test_a_server_master_with_a_chain_of_snapshots_is_backed_up(pg_master: str, tmp_path: Path) -> None:
    _chain(pg_master)
    db = open_database(pg_master, create=False)
    try:
        transfer.backup(db, tmp_path / "backup.sqlite")
    finally:
        db.dispose()
    con = sqlite3.connect(tmp_path / "backup.sqlite")
    rows = dict(con.execute("SELECT id, parent_id FROM snapshots WHERE id IN (?, ?, ?)", (ROOT_ID, MIDDLE_ID, CHILD_ID)))
    con.close()
    assert rows == {ROOT_ID: None, MIDDLE_ID: ROOT_ID, CHILD_ID: MIDDLE_ID}


def test_a_file_with_a_chain_of_snapshots_moves_to_a_server(db_path: Path, pg_server: object) -> None:
    _chain(db_path)
    url: str = pg_server.create_database("chain")  # type: ignore[attr-defined]
    copy_database(db_path, url)
    db = open_database(url, create=False)
    try:
        with db.session() as s:
            parent = s.execute(text("SELECT parent_id FROM snapshots WHERE id = :i"), {"i": CHILD_ID}).scalar_one()
    finally:
        db.dispose()
    assert parent == MIDDLE_ID
