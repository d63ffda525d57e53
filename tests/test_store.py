"""The database file: marked as ours, foreign keys on, schema from the migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kodaira_desk.store.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Database,
    StoreError,
    check_file,
    create_schema,
    make_engine,
)
from kodaira_desk.store.models import Base


def test_file_is_marked_as_ours(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_connections_enforce_foreign_keys_and_a_rollback_journal(db_path: Path) -> None:
    db = Database(db_path)
    with db.read_session() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    db.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_match_the_models(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> None:
    """The same migrations make the models' schema on both backends."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    target = tmp_path / "schema.sqlite" if backend == "sqlite" else request.getfixturevalue(
        "pg_server").create_database("schema")
    engine = make_engine(target)
    create_schema(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_failed_unit_of_work_writes_nothing(master: Path | str) -> None:
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import open_database

    db = open_database(master, create=False)
    key = "schedule:restructuring:r.1.1.n1:0:2019"
    with db.reading() as uow:
        before = uow.fields.current([key])
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        uow.meta.set("half", "written")
        uow.fields.put_schedule_cell("restructuring", "r.1.1.n1", 0, FiscalYear(2019), "書きかけ")
        uow.flush()
        assert uow.fields.current([key]) == {key: "書きかけ"}  # the transaction reads its own write
        raise RuntimeError("boom")
    with db.reading() as uow:
        assert uow.meta.get("half") is None
        assert uow.fields.current([key]) == before
    db.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ファイルが空です"),
        (b"PK\x03\x04" + b"\0" * 200, "ZIP 形式"),  # said for what it is (an Excel workbook, say)
        (b"not a database at all" * 10, "SQLite"),
    ],
)
def test_foreign_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "foreign.sqlite"
    f.write_bytes(content)
    with pytest.raises(StoreError) as err:
        check_file(f)
    assert message in err.value.message and "Kodaira Desk" in err.value.message


def test_an_empty_file_is_said_to_be_empty(tmp_path: Path) -> None:
    f = tmp_path / "zero.kdesk"  # the tester's C9: the window said "not SQLite", the CLI "empty"
    f.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        check_file(f)
    assert err.value.message.startswith("zero.kdesk: ファイルが空です"), err.value.message
    assert "Kodaira Desk のデータベースではありません" in err.value.message


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "other.sqlite"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as err:
        check_file(f)
    assert "Kodaira Desk のデータベースではありません" in err.value.message


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as err:
        check_file(db_path)
    assert "新しい版" in err.value.message


def test_an_older_database_is_upgraded_on_open_with_a_backup(db_path: Path) -> None:
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.export import dumps, trees_to_json
    from kodaira_desk.services.plans import load_all

    db = open_database(db_path, create=False)
    before = dumps(trees_to_json(load_all(db)))
    db.dispose()
    con = sqlite3.connect(db_path)
    for table in ("audit_log", "conflicts", "imports", "handouts", "snapshots",
                  "department_events", "department_details", "round_settings", "year_locks", "carried_texts",
                  "attachments", "evidence_files", "questions", "field_notes",
                  "plan_rounds"):
        con.execute(f"DROP TABLE {table}")
    for column in ("settled", "settled_note"):  # migration 0008
        con.execute(f"ALTER TABLE progress_entries DROP COLUMN {column}")
    con.execute("UPDATE alembic_version SET version_num='0001'")
    con.execute("PRAGMA user_version=1")
    con.commit()
    con.close()
    db = open_database(db_path, create=False)
    after = dumps(trees_to_json(load_all(db)))
    db.dispose()
    assert after == before
    con = sqlite3.connect(db_path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = con.execute("PRAGMA user_version").fetchone()[0]
    con.close()
    assert {"handouts", "imports", "conflicts", "audit_log"} <= tables
    assert version == SCHEMA_VERSION
    assert db_path.with_name("kodaira.v1-backup.sqlite").exists()


def test_field_reader_agrees_with_the_domain(master: Path | str) -> None:
    """reader.read_fields (used to collect files quickly) reads what domain.fields.field_map sees."""
    from kodaira_desk.domain.fields import field_map
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_all
    from kodaira_desk.store.reader import read_fields

    db = open_database(master, create=False)
    expected = {k: v for t in load_all(db) for k, v in field_map(t).items()}
    with db.read() as con:
        got = read_fields(con)
    db.dispose()
    assert got == expected
    assert got["value:strategy-2015:g2.a3.k1:forecast:2020:"] == "7,944人"
    assert len(got) > 700
