"""The master on a PostgreSQL server (issue 16): several people at once, moving a master there and
back, and the server's own refusals. The tests start a real server (the `pg_server` fixture)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, R2, edit, export, field_value

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import StaleEditError, content_of, key_of
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import import_results
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.store.database import SCHEMA_VERSION, StoreError

ROOT = Path(__file__).resolve().parents[2]
FARM_KEY = key_of(FARM)
HALL_KEY = key_of(HALL)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "KODAIRA_DESK_DATA_DIR": str(tmp_path / "userdata")}


def test_two_windows_save_the_same_field_the_second_is_told_and_nothing_is_lost(master: Path | str) -> None:
    """Two people load 市内体験農園の区画数 (empty) in two windows; the first saves 365. The second
    types 370: the save sees the stored value changed, writes nothing and says so; when the person
    keeps theirs, both values stay in the audit trail."""
    first = Workspace.open(master, create=False, actor="政策課 山田")
    second = Workspace.open(master, create=False, actor="政策課 佐藤")
    try:
        first.save({FARM: content_of(FARM, "365区画")}, {FARM: None})
        with pytest.raises(StaleEditError) as told:
            second.save({FARM: content_of(FARM, "370区画")}, {FARM: None})
        assert [(key_of(t), was, now) for t, was, now in told.value.fields] == [(FARM_KEY, None, "365区画")]
        assert field_value(master, FARM) == "365区画"  # the first save is not overwritten silently
        second.save({FARM: content_of(FARM, "370区画")}, {FARM: content_of(FARM, "365区画")})  # "keep mine"
        trail = [(a["old"], a["new"], a["actor"]) for a in audit_entries(second.db)
                 if a["field"] == FARM_KEY]
    finally:
        first.close()
        second.close()
    assert field_value(master, FARM) == "370区画"
    assert trail == [(None, "365区画", "政策課 山田"), ("365区画", "370区画", "政策課 佐藤")]


def test_two_processes_collect_different_files_at_once_both_merged_audit_complete(
        master: Path | str, tmp_path: Path) -> None:
    db = open_database(master, create=False)
    made = {f.department: f.path for f in handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])}
    db.dispose()
    edit(made["産業振興課"], {FARM: "365区画"})
    edit(made["子育て支援課"], {HALL: "36,000人"})
    procs = [subprocess.Popen([sys.executable, "-m", "kodaira_desk.cli", "--db", str(master), "collect",
                               str(made[d]), "--by", who], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=_env(tmp_path))
             for d, who in (("産業振興課", "政策課 山田"), ("子育て支援課", "政策課 佐藤"))]
    outs = [p.communicate(timeout=180) for p in procs]
    for out, err in outs:
        assert b"Traceback" not in out + err, err.decode()
    db = open_database(master, create=False)
    merged = sorted((r.file_name, r.result) for r in import_results(db))
    audit = sorted((a["field"], a["old"], a["new"], a["actor"]) for a in audit_entries(db, source="import"))
    db.dispose()
    assert merged == sorted((made[d].name, "merged") for d in made)
    assert audit == sorted([(FARM_KEY, None, "365区画", "政策課 山田"), (HALL_KEY, None, "36,000人", "政策課 佐藤")])
    assert field_value(master, FARM) == "365区画" and field_value(master, HALL) == "36,000人"


def test_a_master_copied_sqlite_to_postgresql_to_sqlite_exports_identical_json(
        db_path: Path, pg_server: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(db_path, {FARM: "365区画"})  # an audit row and a typed value, not only the city's data
    url: str = pg_server.create_database("copy")  # type: ignore[attr-defined]
    back = tmp_path / "back.sqlite"
    assert main(["copy", "--from", str(db_path), "--to", url]) == 0
    assert main(["copy", "--from", url, "--to", str(back)]) == 0
    out = capsys.readouterr().out
    assert "JSON の書き出しが一致" in out and "Traceback" not in out
    jsons = []
    for source, name in ((db_path, "a.json"), (url, "b.json"), (back, "c.json")):
        assert main(["--db", str(source), "export", "json", "--out", str(tmp_path / name)]) == 0
        jsons.append((tmp_path / name).read_bytes())
    assert jsons[0] == jsons[1] == jsons[2]
    assert field_value(back, FARM) == "365区画"
    db = open_database(back, create=False)
    trail = [(a["new"], a["actor"]) for a in audit_entries(db) if a["field"] == FARM_KEY]
    db.dispose()
    assert trail == [("365区画", "テスト")]  # the round's records moved too, not only the plans


def test_the_backup_before_a_collection_on_the_server_restores_the_master_as_it_was(
        pg_master: str, pg_server: object, tmp_path: Path) -> None:
    db = open_database(pg_master, create=False)
    made = {f.department: f.path for f in handout(db, R2, tmp_path / "配布", ["産業振興課"])}
    db.dispose()
    before = export(pg_master)
    edit(made["産業振興課"], {FARM: "365区画"})
    assert main(["--db", pg_master, "collect", str(made["産業振興課"])]) == 0
    assert field_value(pg_master, FARM) == "365区画"
    backups = list((tmp_path / "userdata" / "servers").rglob("*-バックアップ/*.sqlite"))
    assert len(backups) == 1
    restored: str = pg_server.create_database("restored")  # type: ignore[attr-defined]
    assert main(["copy", "--from", str(backups[0]), "--to", restored]) == 0
    assert export(restored) == before
    assert field_value(restored, FARM) is None


def test_a_server_database_that_is_not_ours_or_newer_is_refused_by_name(
        pg_master: str, pg_server: object, capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    empty: str = pg_server.create_database("empty")  # type: ignore[attr-defined]
    with pytest.raises(StoreError) as err:
        open_database(empty, create=False)
    assert "Kodaira Desk のデータベースではありません" in err.value.message and "build-db" in err.value.message
    with psycopg.connect(pg_master) as con:
        con.execute("UPDATE meta SET value = %s WHERE key = 'kd_schema_version'", (str(SCHEMA_VERSION + 1),))
    assert main(["--db", pg_master, "plans"]) == 2
    err_text = capsys.readouterr().err
    assert "新しい版" in err_text and "Traceback" not in err_text
    with psycopg.connect(pg_master) as con:
        con.execute("DELETE FROM meta WHERE key = 'kd_application_id'")
    with pytest.raises(StoreError) as err:
        open_database(pg_master, create=False)
    assert "ではありません" in err.value.message


def test_build_db_on_a_server_refuses_tables_already_there(pg_master: str, pg_server: object,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    fresh: str = pg_server.create_database("built")  # type: ignore[attr-defined]
    assert main(["build-db", "--out", fresh]) == 0
    assert main(["--db", fresh, "plans"]) == 0
    assert "strategy-2015" in capsys.readouterr().out
    assert main(["build-db", "--out", pg_master]) == 2
    assert "すでに表があります" in capsys.readouterr().err


def test_a_server_that_cannot_be_reached_gets_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://nobody:secret@/kd?host={tmp_path}"
    assert main(["--db", url, "plans"]) == 2
    err = capsys.readouterr().err
    assert "接続できませんでした" in err and "Traceback" not in err
    assert "secret" not in err  # the password is never shown


def test_the_url_shown_and_remembered_has_no_password() -> None:
    from kodaira_desk.store.database import Database

    db = Database(Path("x"), url="postgresql://yamada:s3cret@db.city.local:5433/kodaira?sslmode=verify-full")
    assert db.location == "postgresql://yamada@db.city.local:5433/kodaira?sslmode=verify-full"
    assert db.name == "kodaira@db.city.local"


def test_a_server_database_an_earlier_version_made_is_backed_up_and_upgraded(pg_master: str, tmp_path: Path) -> None:
    import psycopg

    before = export(pg_master)
    with psycopg.connect(pg_master) as con:
        for table in ("conflicts", "imports", "handouts", "snapshots", "audit_log",
                      "department_events", "department_details", "round_settings", "year_locks", "carried_texts",
                      "attachments", "evidence_files", "questions", "field_notes",
                      "plan_rounds"):
            con.execute(f"DROP TABLE {table}")
        for column in ("settled", "settled_note"):  # migration 0008
            con.execute(f"ALTER TABLE progress_entries DROP COLUMN {column}")
        con.execute("UPDATE alembic_version SET version_num = '0001'")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'kd_schema_version'")
    db = open_database(pg_master, create=False)
    db.dispose()
    assert export(pg_master) == before
    with psycopg.connect(pg_master) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'kd_schema_version'").fetchone()
        tables = {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert version == (str(SCHEMA_VERSION),)
    assert {"handouts", "imports", "conflicts", "audit_log", "department_details"} <= tables
    backups = list((tmp_path / "userdata" / "servers").rglob("*.v1-backup.sqlite"))
    assert len(backups) == 1
    edit(pg_master, {FARM: "365区画"})  # the upgraded master takes saves (and their audit rows)
    assert field_value(pg_master, FARM) == "365区画"
