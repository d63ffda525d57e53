"""名前を付けて保存 of a file another program is writing (services/file_place.copy_as): a byte copy
taken while the writer is mid-commit holds some of its new pages and some old ones, fails its check,
and the person was told the file is damaged. Copied through SQLite's backup from a read-only
connection, the copy waits for the commit and is whole; a copy whose check cannot even open it says
it is damaged, never an unexpected problem."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from kodaira_desk.services import file_place
from kodaira_desk.services.file_place import FileDamaged, copy_as


def _file(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        con.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 200,) for _ in range(3000)])
    con.close()


def test_a_copy_taken_while_another_writer_is_mid_commit_is_whole(tmp_path: Path) -> None:
    source, target = tmp_path / "提出用.kdesk", tmp_path / "写し" / "提出用.kdesk"
    target.parent.mkdir()
    _file(source)
    writer = sqlite3.connect(source, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA cache_size=2")  # its changed pages spill into the file before the commit
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE t SET v = 'y' || v")
    writer.execute("INSERT INTO t (v) SELECT v FROM t")
    commit = threading.Timer(0.5, writer.execute, ("COMMIT",))
    commit.start()
    try:
        copy_as(source, target)
    finally:
        commit.join()
        writer.close()
    with sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] in (3000, 6000)
    con.close()


def test_a_copy_to_a_relative_name_is_checked_not_an_unexpected_problem(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """(`kodaira-desk` from a shell: a name without its folder; the check's file: URI needs a whole path.)"""
    _file(tmp_path / "提出用.kdesk")
    monkeypatch.chdir(tmp_path)
    assert copy_as(Path("提出用.kdesk"), Path("写し.kdesk")) == Path("写し.kdesk")
    assert file_place.reads_whole(tmp_path / "写し.kdesk")


def test_a_source_that_is_not_a_database_is_said_damaged(tmp_path: Path) -> None:
    source, target = tmp_path / "提出用.kdesk", tmp_path / "写し.kdesk"
    source.write_bytes(b"PK\x03\x04" + b"\0" * 4000)  # an xlsx renamed, say
    with pytest.raises(FileDamaged):
        copy_as(source, target)
    assert not target.exists()
