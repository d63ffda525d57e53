"""Untrusted returned files: each kind is refused with its code and a Japanese message naming the
file, and the master stays byte-for-byte the same in its full JSON export."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, export

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout


@pytest.fixture
def setup(db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(master, a clean department file of 産業振興課 for 令和2年度)."""
    db = open_database(db_path, create=False)
    files = handout(db, FiscalYear(2020), tmp_path / "out", ["産業振興課", "子育て支援課"])
    db.dispose()
    return db_path, next(f.path for f in files if f.department == "産業振興課")


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for st in statements:
        con.execute(st)
    con.commit()
    con.close()


def _bytes(data: bytes) -> Callable[[Path, Path], Path]:
    def make(good: Path, d: Path) -> Path:
        p = d / "bad.kdesk"
        p.write_bytes(data)
        return p
    return make


def _from_good(change: Callable[[Path], None]) -> Callable[[Path, Path], Path]:
    def make(good: Path, d: Path) -> Path:
        p = d / "bad.kdesk"
        shutil.copyfile(good, p)
        change(p)
        return p
    return make


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2 + 17])


def _flip_header(p: Path) -> None:
    data = bytearray(p.read_bytes())
    data[16] ^= 0x5A  # page size
    p.write_bytes(bytes(data))


def _smash_pages(p: Path) -> None:
    data = bytearray(p.read_bytes())
    rnd = random.Random(7)
    for i in range(8192, min(len(data), 8192 + 40_000)):
        data[i] = rnd.randrange(256)
    p.write_bytes(bytes(data))


def _xlsx(good: Path, d: Path) -> Path:
    p = d / "bad.kdesk"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return p


def _other_sqlite(good: Path, d: Path) -> Path:
    p = d / "bad.kdesk"
    _sql(p, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('x')")
    return p


def _journal_beside(good: Path, d: Path) -> Path:
    p = d / "bad.kdesk"
    shutil.copyfile(good, p)
    (d / "bad.kdesk-journal").write_bytes(b"\0" * 512)
    return p


def _master_itself(master: Path) -> Callable[[Path, Path], Path]:
    def make(good: Path, d: Path) -> Path:
        p = d / "bad.kdesk"
        shutil.copyfile(master, p)
        return p
    return make


CASES: list[tuple[str, Callable[..., Path], str]] = [
    ("empty", _bytes(b""), "empty"),
    ("random bytes", _bytes(os.urandom(4096)), "not_sqlite"),
    ("xlsx renamed", _xlsx, "not_workbook"),  # recognised as a workbook by its content (issue 15)
    ("pdf renamed", _bytes(b"%PDF-1.7\n" + b"0" * 500), "not_sqlite"),
    ("access database", _bytes(b"\0\x01\0\0Standard Jet DB\0" + b"\0" * 500), "not_sqlite"),
    ("truncated", _from_good(_truncate), "corrupt"),
    ("bit flips in the header", _from_good(_flip_header), "corrupt"),
    ("smashed pages", _from_good(_smash_pages), "corrupt"),
    ("another program's SQLite file", _other_sqlite, "not_ours"),
    ("copied while open", _journal_beside, "copied_while_open"),
    ("newer schema", _from_good(lambda p: _sql(p, "PRAGMA user_version=99")), "newer_schema"),
    ("trigger that would change data", _from_good(lambda p: _sql(
        p, "CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM plans; END")), "unexpected_objects"),
    ("view", _from_good(lambda p: _sql(p, "CREATE VIEW v AS SELECT * FROM plans")), "unexpected_objects"),
    ("extra table", _from_good(lambda p: _sql(p, "CREATE TABLE x (a)")), "unexpected_objects"),
    ("not a department file", _from_good(lambda p: _sql(
        p, "DELETE FROM meta WHERE key='file_kind'")), "not_department_file"),
    ("wrong department", _from_good(lambda p: _sql(
        p, "UPDATE meta SET value='子育て支援課' WHERE key='department'")), "wrong_department"),
    ("unknown hand-out", _from_good(lambda p: _sql(
        p, "UPDATE meta SET value='00000000-0000-0000-0000-000000000000' WHERE key='handout_id'")),
     "unknown_handout"),
    ("another master", _from_good(lambda p: _sql(
        p, "UPDATE meta SET value='someone-else' WHERE key='master_id'")), "other_master"),
    ("invalid value", _from_good(lambda p: _sql(
        p, "UPDATE indicator_values SET text='abc' WHERE id = (SELECT min(id) FROM indicator_values)")),
     "invalid_values"),
    ("other department's indicator changed", _from_good(lambda p: _sql(
        p, "INSERT INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, number, marks) "
           "SELECT id, 'actual', 2020, '', '1人', '1', '' FROM indicators WHERE key='g2.a3.k4'")),
     "tampered"),  # changed outside the app: its content no longer matches the hash of its last save
    ("official target changed", _from_good(lambda p: _sql(
        p, "UPDATE indicator_values SET text='999区画', number='999' WHERE kind='target' AND indicator_id ="
           " (SELECT id FROM indicators WHERE key='g1.a1.k3') AND revision='revised'")), "tampered"),
    ("wrong fiscal year", _from_good(lambda p: _sql(
        p, "UPDATE meta SET value='2019' WHERE key='fiscal_year'")), "wrong_year"),
    ("text in a number column", _from_good(lambda p: _sql(
        p, "UPDATE indicator_values SET fiscal_year='令和' WHERE id = (SELECT min(id) FROM indicator_values)")),
     "corrupt"),
]


@pytest.mark.parametrize(("label", "make", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_and_master_unchanged(setup: tuple[Path, Path], tmp_path: Path, label: str,
                                                   make: Callable[[Path, Path], Path], code: str) -> None:
    master, good = setup
    before = export(master)
    folder = tmp_path / "received"
    folder.mkdir()
    bad = make(good, folder)
    db = open_database(master, create=False)
    report = collect(db, [bad])
    db.dispose()
    outcome = report.outcomes[0]
    assert outcome.code == code, (label, outcome.message)
    assert outcome.refused
    assert outcome.message.startswith("bad.kdesk: ")
    assert any("\u3040" <= ch <= "\u30ff" for ch in outcome.message)
    assert not re.search(r"[A-Z][a-z]+(Error|Exception)", outcome.message), outcome.message  # words, not Python's
    assert report.needs_a_person
    assert export(master) == before


def test_the_master_itself_is_not_a_department_file(setup: tuple[Path, Path], tmp_path: Path) -> None:
    master, good = setup
    before = export(master)
    bad = _master_itself(master)(good, tmp_path)
    db = open_database(master, create=False)
    report = collect(db, [bad])
    db.dispose()
    assert report.outcomes[0].code == "not_department_file"
    assert export(master) == before


def test_a_refused_file_is_kept_and_recorded(setup: tuple[Path, Path], tmp_path: Path) -> None:
    master, good = setup
    bad = _from_good(lambda p: _sql(p, "CREATE VIEW v AS SELECT 1"))(good, tmp_path)
    db = open_database(master, create=False)
    collect(db, [bad])
    with db.reading() as uow:
        imports = [(i.result, i.reason_code, i.stored_copy) for i in uow.rounds.imports()]
    db.dispose()
    assert [i[:2] for i in imports] == [("refused", "unexpected_objects")]
    stored = imports[0][2]
    assert stored and Path(stored).read_bytes() == bad.read_bytes()


def test_an_older_department_file_is_upgraded_on_a_copy(setup: tuple[Path, Path], tmp_path: Path) -> None:
    """A file handed out by the previous version (schema 1, before the round tables) still merges."""
    from round_helpers import edit, field_value

    master, good = setup
    edit(good, {FARM: "365区画"})
    old = tmp_path / "old.kdesk"
    shutil.copyfile(good, old)
    _sql(old, "DROP TABLE audit_log", "DROP TABLE conflicts", "DROP TABLE imports", "DROP TABLE handouts",
         "DROP TABLE snapshots", "DROP TABLE department_events", "DROP TABLE department_details",
         "DROP TABLE round_settings", "DROP TABLE year_locks", "DROP TABLE carried_texts",
         "DROP TABLE attachments", "DROP TABLE evidence_files", "DROP TABLE questions", "DROP TABLE field_notes",
         "DROP TABLE plan_rounds", "ALTER TABLE progress_entries DROP COLUMN settled",
         "ALTER TABLE progress_entries DROP COLUMN settled_note",  # migration 0008
         "UPDATE alembic_version SET version_num='0001'", "PRAGMA user_version=1")
    before_bytes = old.read_bytes()
    db = open_database(master, create=False)
    report = collect(db, [old])
    db.dispose()
    assert report.outcomes[0].code == "merged", report.outcomes[0].message
    assert field_value(master, FARM) == "365区画"
    assert old.read_bytes() == before_bytes  # upgraded on a private copy, never in place
    assert HALL  # the other department's figure is untouched


@pytest.mark.parametrize(("sql", "words"), [
    ("UPDATE indicator_values SET text='abc' WHERE kind='actual' AND fiscal_year=2016 AND indicator_id ="
     " (SELECT id FROM indicators WHERE key='g1.a1.k3')", "市内体験農園の区画数 平成28年度 実績"),
    ("UPDATE indicator_values SET text='" + "9" * 5000 + "' WHERE kind='actual' AND fiscal_year=2016 AND"
     " indicator_id = (SELECT id FROM indicators WHERE key='g1.a1.k3')", "市内体験農園の区画数 平成28年度 実績"),
], ids=["a text that is no value", "a value past the limit"])
def test_a_refused_value_names_its_field_in_words(setup: tuple[Path, Path], tmp_path: Path, sql: str,
                                                  words: str) -> None:
    """The clerk is told which figure to mend (the indicator, the year, the kind), not a key."""
    master, good = setup
    bad = _from_good(lambda p: _sql(p, sql))(good, tmp_path)
    db = open_database(master, create=False)
    outcome = collect(db, [bad]).outcomes[0]
    db.dispose()
    assert outcome.refused and outcome.message.startswith("bad.kdesk: ")
    assert words in outcome.message, outcome.message
    assert "value:" not in outcome.message  # no field key left in the message
