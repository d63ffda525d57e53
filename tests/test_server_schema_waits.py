"""The schema's migrations on a PostgreSQL master (`build-db --out URL`, `copy --to URL --force`)
waiting behind another session: a window's open transaction on a table, another writer holding
the master's lock. They wait at most BUSY_TIMEOUT_S (lock_timeout), then say in Japanese which
server database was busy; never a wait without end, never a traceback, nothing half written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from kodaira_desk.cli import main
from kodaira_desk.store import errors as store_errors
from kodaira_desk.store import server


@pytest.fixture
def target(pg_server: object) -> str:
    url: str = pg_server.create_database("schema_wait")  # type: ignore[attr-defined]
    return url


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_errors, "BUSY_TIMEOUT_S", 0.3)


@pytest.fixture
def other(target: str) -> Iterator[psycopg.Connection]:
    """Another session on the same database (a window, another command)."""
    con = psycopg.connect(server.connect_conninfo(target), autocommit=True)
    yield con
    con.close()


def _tables(url: str) -> int:
    with psycopg.connect(server.connect_conninfo(url)) as con:
        row = con.execute("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()").fetchone()
        return int(row[0]) if row else 0


def test_a_copy_behind_another_writer_names_the_server(target: str, other: psycopg.Connection, db_path: Path,
                                                       short_wait: None, capsys: pytest.CaptureFixture[str]) -> None:
    other.execute(f"SELECT pg_advisory_lock({server.LOCK_KEY})")  # another writer of the master
    rc = main(["copy", "--from", str(db_path), "--to", target])
    out, err = capsys.readouterr()
    assert rc == 2 and "Traceback" not in out + err
    assert server.display_name(target) in err and "使用中" in err and "秒" in err
    assert _tables(target) == 0  # nothing half made


def test_a_forced_copy_behind_an_open_transaction_names_the_server(
        pg_master: str, db_path: Path, short_wait: None, capsys: pytest.CaptureFixture[str]) -> None:
    with psycopg.connect(server.connect_conninfo(pg_master)) as reader:
        reader.execute("SELECT count(*) FROM plans")  # a window's transaction left open: its table's lock
        rc = main(["copy", "--from", str(db_path), "--to", pg_master, "--force"])
        reader.rollback()
    out, err = capsys.readouterr()
    assert rc == 2 and "Traceback" not in out + err
    assert server.display_name(pg_master) in err and "使用中" in err
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:  # the master as it was
        row = con.execute("SELECT count(*) FROM plans").fetchone()
        assert row is not None and row[0] > 0


def test_an_upgrade_behind_another_writer_names_the_server(pg_master: str, other_on_master: psycopg.Connection,
                                                           short_wait: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A master of the version before (migration 0009's tables gone) opened while another writer
    holds its lock: the upgrade waits BUSY_TIMEOUT_S, then says so; the master stays as it was."""
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        for table in ("attachments", "evidence_files", "questions", "field_notes"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("UPDATE alembic_version SET version_num = '0008'")
        con.execute("UPDATE meta SET value = '8' WHERE key = 'kd_schema_version'")
    other_on_master.execute(f"SELECT pg_advisory_lock({server.LOCK_KEY})")
    rc = main(["--db", pg_master, "plans"])
    out, err = capsys.readouterr()
    assert rc == 2 and "Traceback" not in out + err
    assert server.display_name(pg_master) in err and "使用中" in err and "形式の更新" in err
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'kd_schema_version'").fetchone() == ("8",)


@pytest.fixture
def other_on_master(pg_master: str) -> Iterator[psycopg.Connection]:
    con = psycopg.connect(server.connect_conninfo(pg_master), autocommit=True)
    yield con
    con.close()


@pytest.mark.parametrize("command", ["build-db", "copy"])
@pytest.mark.parametrize("before_write", [1, 2])
def test_a_forced_replace_behind_another_writer_is_whole_or_nothing_as_it_says(
        pg_master: str, other_on_master: psycopg.Connection, db_path: Path, short_wait: None,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str, before_write: int) -> None:
    """`build-db --force` / `copy --force` onto a master while another writer comes in before their
    first or second write transaction (a reviewer found the drop and the build were two): either
    the master is replaced whole, or the message says nothing was written and the master is as it
    was — never its tables dropped under "何も書き込んでいません"."""
    real = server._on_begin
    writes = [0]

    def on_begin(conn: object) -> None:
        if not conn.get_execution_options().get("kd_read_only"):  # type: ignore[attr-defined]
            writes[0] += 1
            if writes[0] == before_write:  # another writer takes the master's lock first
                other_on_master.execute(f"SELECT pg_advisory_lock({server.LOCK_KEY})")
        real(conn)

    monkeypatch.setattr(server, "_on_begin", on_begin)
    args = (["build-db", "--out", pg_master, "--force"] if command == "build-db"
            else ["copy", "--from", str(db_path), "--to", pg_master, "--force"])
    rc = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        has_plans = con.execute("SELECT to_regclass('plans') IS NOT NULL").fetchone() == (True,)
        plans = con.execute("SELECT count(*) FROM plans").fetchone() if has_plans else None
    if rc == 0:
        assert plans is not None and plans[0] > 0  # replaced whole
    else:
        assert rc == 2 and "何も書き込んでいません" in err
        assert plans is not None and plans[0] > 0, err  # and indeed the master is as it was


def test_a_forced_copy_that_does_not_compare_equal_puts_the_old_master_back(
        pg_master: str, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The copy is committed before its JSON is compared (a window's write may land in between).
    When they differed its tables were dropped: with --force the master it had replaced was gone,
    no backup taken. The master is now kept as a SQLite file before --force, written back on a
    difference, and the message says so, naming the file."""
    from kodaira_desk.services import database
    from kodaira_desk.store.errors import StoreError

    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        con.execute("UPDATE plans SET title = title || '（サーバーの）'")  # the master, not the file copied
        before = con.execute("SELECT id, title FROM plans ORDER BY id").fetchall()

    def differs(_a: object, _b: object, name: str) -> None:
        raise StoreError(f"{name}: 写した内容が元と一致しませんでした（書き出し JSON の比較）。コピーを中止しました。")

    monkeypatch.setattr(database, "_check_equal", differs)
    rc = main(["copy", "--from", str(db_path), "--to", pg_master, "--force"])
    _out, err = capsys.readouterr()
    assert rc == 2 and "Traceback" not in err
    assert "--force で置き換える前の表を書き戻しました" in err and ".before-copy-" in err
    with psycopg.connect(server.connect_conninfo(pg_master)) as con:
        assert con.execute("SELECT id, title FROM plans ORDER BY id").fetchall() == before


def test_a_copy_that_does_not_compare_equal_leaves_an_empty_server_empty(
        target: str, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a master there before, a difference leaves the database as empty as it was."""
    from kodaira_desk.services import database
    from kodaira_desk.store.errors import StoreError

    def differs(_a: object, _b: object, name: str) -> None:
        raise StoreError(f"{name}: 写した内容が元と一致しませんでした（書き出し JSON の比較）。コピーを中止しました。")

    monkeypatch.setattr(database, "_check_equal", differs)
    rc = main(["copy", "--from", str(db_path), "--to", target])
    _out, err = capsys.readouterr()
    assert rc == 2 and "一致しませんでした" in err
    assert _tables(target) == 0
