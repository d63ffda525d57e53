"""The reference a collection's worker reads the next files against (store.field_delta) stays what
it was when it was read: a file of an older format is upgraded in place by the collection
(collect._upgrade_copy, on the private copy the reference is a link of), and a reference changed
under the comparison could make a value a clerk changed look unchanged — an edit lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, R2, edit

from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.collect import _upgrade_copy
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.department_file import open_untrusted
from kodaira_desk.store.field_delta import Reference, fields_against, keep_reference
from kodaira_desk.store.reader import read_fields

FIRST_VALUE = "SELECT text FROM indicator_values WHERE rowid = (SELECT min(rowid) FROM indicator_values)"
RETYPED = "UPDATE indicator_values SET text = '999件' WHERE rowid = (SELECT min(rowid) FROM indicator_values)"


@pytest.fixture
def returned(db_path: Path, tmp_path: Path) -> list[Path]:
    db = open_database(db_path, create=False)
    handed = handout(db, R2, tmp_path / "out", ["産業振興課", "子育て支援課"])
    db.dispose()
    edit(handed[0].path, {FARM: "365区画"})
    edit(handed[1].path, {HALL: "12,345人"})
    return [f.path for f in handed]


def _as_version_8(path: Path, to: Path, *statements: str) -> Path:
    """`path` as the version before notes wrote it (schema 8), `statements` run on it."""
    shutil.copyfile(path, to)
    con = sqlite3.connect(to)
    for table in ("attachments", "evidence_files", "questions", "field_notes"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE alembic_version SET version_num = '0008'")
    con.execute("PRAGMA user_version = 8")
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    return to


def _fields(path: Path) -> dict[str, str | None]:
    con = open_untrusted(path)
    try:
        return read_fields(con, untrusted=True)
    finally:
        con.close()


def _kept(copy: Path, folder: Path) -> Reference | None:
    """What a worker keeps of its first file (services.received_prepare.serve)."""
    folder.mkdir(exist_ok=True)
    return keep_reference(copy, folder, "kd-received-", _fields(copy), open_untrusted)


def _as_the_worker_reads(path: Path, ref: Reference | None) -> dict[str, str | None]:
    """The fields of the next file as department_file.inspect reads them against `ref`."""
    con = open_untrusted(path)
    try:
        fields = fields_against(con, ref) if ref is not None else None
        return fields if fields is not None else read_fields(con, untrusted=True)
    finally:
        con.close()


def _retyped_key(original: Path, retyped: Path) -> str:
    """The one field `RETYPED` changed (its value: 999件 and the row's marks)."""
    before, after = _fields(original), _fields(retyped)
    (key,) = [k for k in after if after[k] != before.get(k)]
    assert str(after[key]).startswith("999件")
    return key


def test_an_older_first_file_upgraded_in_place_cannot_make_a_changed_value_look_unchanged(
        returned: list[Path], tmp_path: Path) -> None:
    first = _as_version_8(returned[0], tmp_path / "first.kdesk")
    (before,) = sqlite3.connect(first).execute(FIRST_VALUE).fetchone()
    assert before != "999件"
    ref = _kept(first, tmp_path / "ref")
    # the collection upgrades the first file's copy in place; a migration of a later version that
    # rewrites an entry row would do this as well
    _upgrade_copy(first)
    con = sqlite3.connect(first)
    con.execute(RETYPED)
    con.commit()
    con.close()
    # the next file: its clerk typed that very value over the one the first file held
    following = _as_version_8(returned[1], tmp_path / "next.kdesk", RETYPED)
    key = _retyped_key(_as_version_8(returned[1], tmp_path / "as-handed.kdesk"), following)
    read = _as_the_worker_reads(following, ref)
    assert str(read[key]).startswith("999件")
    assert read == _fields(following)
    if ref is not None:
        ref.remove()


def test_an_older_file_is_never_kept_as_the_reference(returned: list[Path], tmp_path: Path) -> None:
    """Read whole rather than against a file the collection will change; a file of today's format is
    kept, and the next files are read against it as before."""
    old = _as_version_8(returned[0], tmp_path / "old.kdesk")
    assert _kept(old, tmp_path / "ref") is None
    assert list((tmp_path / "ref").iterdir()) == []
    ref = _kept(returned[0], tmp_path / "ref")
    assert ref is not None
    try:
        con = open_untrusted(returned[1])
        try:
            assert fields_against(con, ref) == read_fields(con, untrusted=True)
        finally:
            con.close()
    finally:
        ref.remove()


def test_a_reference_changed_after_it_was_kept_is_no_reference(returned: list[Path], tmp_path: Path) -> None:
    """Whatever writes into the copy a reference is linked with, the next file is read whole."""
    copy = tmp_path / "first.kdesk"
    shutil.copyfile(returned[0], copy)
    ref = _kept(copy, tmp_path / "ref")
    assert ref is not None
    try:
        con = sqlite3.connect(copy)
        con.execute(RETYPED)
        con.commit()
        con.close()
        following = tmp_path / "next.kdesk"
        shutil.copyfile(returned[1], following)
        con = sqlite3.connect(following)
        con.execute(RETYPED)
        con.commit()
        con.close()
        checked = open_untrusted(following)
        try:
            assert fields_against(checked, ref) is None
        finally:
            checked.close()
        key = _retyped_key(returned[1], following)
        assert str(_as_the_worker_reads(following, ref)[key]).startswith("999件")
    finally:
        ref.remove()
