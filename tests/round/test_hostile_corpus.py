"""The kinds of issue 11 §5–§7, each collected through the command line: every one gets a named
refusal (its code printed beside the file's name), the master keeps its plans, and no traceback
ever reaches the output.

Files altered with SQL outside the app would be refused as 破損 (their content no longer matches
the hash of the last save); `_restamp` writes the hash again, as a determined sender could, so
that the checks behind it are tested too."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from notes_helpers import (
    EXE,
    PDF,
    annotation_fields,
    lying_zip_xlsx,
    macro_xlsx,
    smuggle_attachment,
    zip_bomb_xlsx,
)
from round_helpers import FARM, R2, edit, export

from kodaira_desk.cli import main
from kodaira_desk.domain.evidence import sha256_hex
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.store.reader import content_hash, read_fields


@pytest.fixture
def good(db_path: Path, tmp_path: Path) -> Path:
    db = open_database(db_path, create=False)
    (f,) = handout(db, R2, tmp_path / "配布", ["産業振興課"])
    db.dispose()
    edit(f.path, {FARM: "365区画"})
    return f.path


def _sql(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    con = sqlite3.connect(path)
    for st in statements:
        con.execute(st, params) if "?" in st else con.execute(st)
    con.commit()
    con.close()


def _restamp(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        stamp = content_hash(read_fields(con))
    except Exception:
        stamp = "0" * 64
    con.execute("UPDATE meta SET value = ? WHERE key = 'content_hash'", (stamp,))
    con.commit()
    con.close()


def _raw_restamp(path: Path) -> None:
    """The hash check comes after the reader's limits; a file the reader refuses needs no stamp."""
    con = sqlite3.connect(path)
    con.execute("DELETE FROM meta WHERE key = 'content_hash'")
    con.commit()
    con.close()


FARM_ID = "(SELECT id FROM indicators WHERE plan_id='strategy-2015' AND key='g1.a1.k3')"
MEASURE = "(SELECT id FROM nodes WHERE plan_id='strategy-2015' AND key='g1.a1.m2')"


def _value(text: str) -> Callable[[Path], None]:
    def change(p: Path) -> None:
        _sql(p, f"UPDATE indicator_values SET text = ? WHERE indicator_id = {FARM_ID} AND kind='actual' "
             "AND fiscal_year=2020", params=(text,))
        _raw_restamp(p)
    return change


def _narrative(text: object) -> Callable[[Path], None]:
    def change(p: Path) -> None:
        _sql(p, f"INSERT OR REPLACE INTO progress_entries (node_id, fiscal_year, status, narrative) "
             f"VALUES ({MEASURE}, 2020, '実施中', ?)", params=(text,))
        _raw_restamp(p)
    return change


def _schedule_row_master_lacks(p: Path) -> None:
    con = sqlite3.connect(p)
    node = con.execute("SELECT node_id FROM schedule_rows LIMIT 1").fetchone()[0]
    n = con.execute("SELECT count(*) FROM schedule_rows WHERE node_id = ?", (node,)).fetchone()[0]
    con.execute("INSERT INTO schedule_rows (node_id, position, label) VALUES (?, ?, '追加行')", (node, n))
    row = con.execute("SELECT id FROM schedule_rows WHERE node_id = ? AND position = ?", (node, n)).fetchone()[0]
    con.execute("INSERT INTO schedule_cells (row_id, fiscal_year, text) VALUES (?, 2020, '実施')", (row,))
    con.commit()
    con.close()
    _restamp(p)


def _year(year: int) -> Callable[[Path], None]:
    def change(p: Path) -> None:
        _sql(p, f"INSERT INTO progress_entries (node_id, fiscal_year, status, narrative) "
             f"VALUES ({MEASURE}, {year}, '実施中', '')")
        _restamp(p)
    return change


def _many_new_fields(p: Path) -> None:
    con = sqlite3.connect(p)
    inds = [r[0] for r in con.execute(f"SELECT id FROM indicators WHERE id = {FARM_ID}")]
    rows = [(inds[0], kind, y, f"{y}区画") for kind in ("actual", "forecast") for y in range(1990, 2240)
            if not (kind == "actual" and y == 2020)]
    con.executemany("INSERT OR IGNORE INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, "
                    "number, marks) VALUES (?, ?, ?, '', ?, NULL, '')", rows)
    con.commit()
    con.close()
    _restamp(p)


def _dangling(*statements: str) -> Callable[[Path], None]:
    """A row whose parent row is missing, the stamp written again over what a join would read (the
    row left out): only the check of the row's reference can refuse it."""
    def change(p: Path) -> None:
        _sql(p, *statements)
        _restamp(p)
    return change


FARM_KEY = "value:strategy-2015:g1.a1.k3:actual:2020:"


def _attachment(name: str, data: bytes, *, kind: str = "pdf", sha: str | None = None) -> Callable[[Path], None]:
    """An evidence file put into the file with SQL (its hash as given, or its content's), the stamp
    written again."""
    def change(p: Path) -> None:
        smuggle_attachment(p, FARM_KEY, name, data, kind=kind, sha=sha)
    return change


def _many_attachments(p: Path) -> None:
    """Seven PDFs of 9 MB each: every one within its own limit, together past the file's."""
    for i in range(7):
        _attachment(f"台帳{i}.pdf", b"%PDF-1.4\n" + bytes([i]) * 9_000_000)(p)


def _schema(*statements: str) -> Callable[[Path], None]:
    def change(p: Path) -> None:
        _sql(p, *statements, "PRAGMA user_version=1")
    return change


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("schedule cell in a row the master lacks", _schedule_row_master_lacks, "unknown_field"),
    ("a value with 2 million digits", _value("1" * 2_000_000 + "区画"), "limit"),
    ("100,000 digits", _value("9" * 100_000), "limit"),
    ("a million decimals", _value("1." + "5" * 1_000_000), "limit"),
    ("30 digits", _value("1" * 30 + "区画"), "limit"),
    ("NUL in a unit", _value("5区\x00画"), "limit"),
    ("user_version=1, alembic_version missing", _schema("DROP TABLE alembic_version"), "old_schema"),
    ("user_version=1, alembic_version empty", _schema("DELETE FROM alembic_version"), "old_schema"),
    ("user_version=1, alembic_version 0001 over newer tables", _schema(
        "UPDATE alembic_version SET version_num='0001'"), "old_schema"),
    ("user_version=1, unknown alembic_version", _schema("UPDATE alembic_version SET version_num='zzzz'"),
     "old_schema"),
    ("year 2300 in the department's own scope", _year(2300), "limit"),
    ("progress for FY2199", _year(2199), "limit"),
    ("a 9.5 MB narrative", _narrative("あ" * 9_500_000), "limit"),
    ("NUL in a narrative", _narrative("区画\x00を拡充"), "limit"),
    ("a control character in a narrative", _narrative("区画\x1bを拡充"), "limit"),
    ("a bidi override in a narrative", _narrative("区画\u202eを拡充"), "limit"),
    ("a BLOB narrative", _narrative("あ".encode()), "limit"),
    ("550 new fields in one file", _many_new_fields, "limit"),
    ("a value of an indicator the file lacks", _dangling(
        "INSERT INTO indicator_values (indicator_id, kind, fiscal_year, revision, text, number, marks) "
        "VALUES (999999, 'actual', 2020, '', '5区画', NULL, '')"), "corrupt"),
    ("progress of a measure the file lacks", _dangling(
        "INSERT INTO progress_entries (node_id, fiscal_year, status, narrative) VALUES (999999, 2020, '実施中', '')"),
     "corrupt"),
    ("a cost of a budget the file lacks", _dangling(
        "DELETE FROM budgets WHERE node_id = (SELECT node_id FROM budget_costs LIMIT 1)"), "corrupt"),
    ("a schedule cell of a row the file lacks", _dangling(
        "INSERT INTO schedule_cells (row_id, fiscal_year, text) VALUES (999999, 2020, '実施')"), "corrupt"),
    ("a schedule row of a measure the file lacks", _dangling(
        "UPDATE schedule_rows SET node_id = 999999 WHERE id = (SELECT row_id FROM schedule_cells LIMIT 1)"),
     "corrupt"),
    ("a bit flipped in the department's own text", lambda p: _sql(
        p, "UPDATE indicator_values SET text='366区画' WHERE text='365区画'"), "tampered"),
    # evidence files, notes and questions carried in the file (issue 25)
    ("an executable attached as a PDF", _attachment("調査結果.pdf", EXE), "attachment_type"),
    ("a PDF attached as a PNG", _attachment("写真.png", PDF), "attachment_type"),
    ("a zip bomb attached as .xlsx", _attachment("集計表.xlsx", zip_bomb_xlsx(), kind="xlsx"), "zip_bomb"),
    ("a zip whose directory claims 4 GB, as .xlsx", _attachment("集計表.xlsx", lying_zip_xlsx(), kind="xlsx"),
     "zip_bomb"),
    ("a macro book attached as .xlsx", _attachment("集計表.xlsx", macro_xlsx(), kind="xlsx"), "attachment_type"),
    ("an attached .exe", _attachment("setup.exe", EXE, kind="exe"), "attachment_type"),
    ("an attachment of 10 MB and one byte", _attachment("大きい.pdf", b"%PDF-1.4\n" + b"0" * 9_999_992),
     "limit"),
    ("attachments of 60 MB together", _many_attachments, "limit"),
    ("an attachment whose content changed after it was attached", _attachment(
        "台帳.pdf", PDF + b"%changed", sha=sha256_hex(PDF)), "tampered"),
    ("an attachment whose content is missing", _dangling(
        f"INSERT INTO attachments (field_key, sha256, plan_id, name) VALUES ('{FARM_KEY}', '{'0' * 64}', "
        "'strategy-2015', '台帳.pdf')"), "corrupt"),
    ("an attachment named with a path", _attachment("..\\..\\Windows\\台帳.pdf", PDF), "attachment_type"),
    ("an answer to a question the master never asked", _dangling(
        f"INSERT INTO questions (id, field_key, plan_id, text, asked_at, answer) VALUES ('{'a' * 32}', "
        f"'{FARM_KEY}', 'strategy-2015', '偽の質問', '2026-12-06', '回答')"), "unknown_field"),
    ("a question id that is not one", _dangling(
        f"INSERT INTO questions (id, field_key, plan_id, text, asked_at) VALUES ('x', '{FARM_KEY}', "
        "'strategy-2015', '質問', '2026-12-06')"), "invalid_values"),
    ("a note of 20,000 characters", _dangling(
        f"INSERT INTO field_notes (field_key, plan_id, text) VALUES ('{FARM_KEY}', 'strategy-2015', "
        f"'{'あ' * 20_000}')"), "limit"),
    ("a bidi override in a note", _dangling(
        f"INSERT INTO field_notes (field_key, plan_id, text) VALUES ('{FARM_KEY}', 'strategy-2015', "
        "'増設\u202eのため')"), "limit"),
    ("a note of a field the master lacks", _dangling(
        "INSERT INTO field_notes (field_key, plan_id, text) VALUES "
        "('value:strategy-2015:nowhere:actual:2020:', 'strategy-2015', 'メモ')"), "unknown_field"),
]


@pytest.mark.parametrize(("label", "change", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_is_a_named_refusal_without_traceback(db_path: Path, good: Path, tmp_path: Path, label: str,
                                                         change: Callable[[Path], None], code: str,
                                                         capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "送付" / "提出用.kdesk"
    bad.parent.mkdir()
    shutil.copyfile(good, bad)
    change(bad)
    before = export(db_path), annotation_fields(db_path)
    capsys.readouterr()
    rc = main(["--db", str(db_path), "collect", str(bad)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err, label
    assert rc == 1, (label, out)
    line = next(x for x in out.out.splitlines() if x.startswith("× 提出用.kdesk: "))
    assert line.endswith(f"[{code}]"), (label, line[:300])
    assert len(line) < 600  # a message, not the value echoed back
    if "attach" in label and code != "corrupt" and "together" not in label:
        assert "添付ファイル「" in line, line  # the attachment is named, not only the file
    assert (export(db_path), annotation_fields(db_path)) == before


def test_a_very_long_file_name_is_merged_with_its_copy_kept(db_path: Path, good: Path, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.collect import collect
    from kodaira_desk.services.rounds.status import import_results

    long = tmp_path / ("課" * 78 + ".kdesk")  # 240 bytes: with the copy's prefix past 255
    assert len(long.name.encode()) == 240
    shutil.copyfile(good, long)
    db = open_database(db_path, create=False)
    assert collect(db, [long]).outcomes[0].code == "merged"
    (r,) = import_results(db)
    db.dispose()
    assert r.result == "merged"


def test_a_corrupt_file_is_described_in_one_line(db_path: Path, good: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "壊れ.kdesk"
    data = bytearray(good.read_bytes())
    for i in range(4096 * 3, 4096 * 3 + 3000):
        data[i] ^= 0x55
    bad.write_bytes(bytes(data))
    main(["--db", str(db_path), "collect", str(bad)])
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("× 壊れ.kdesk"))
    assert line.endswith("[corrupt]")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_an_unreadable_file_is_refused(db_path: Path, good: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good.chmod(0)
    try:
        main(["--db", str(db_path), "collect", str(good)])
    finally:
        good.chmod(0o644)
    assert "[unreadable]" in capsys.readouterr().out


def test_a_read_only_master_gives_a_clear_message(db_path: Path, good: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    where = tmp_path / "ro"
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        master = where / "master.sqlite"
        shutil.copyfile(db_path, master)
        (where / "master-受領ファイル").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        rc = main(["--db", str(master), "collect", str(good)])
        out = capsys.readouterr()
        assert rc in (1, 2) and "Traceback" not in out.out + out.err
        assert "書き込み" in out.out + out.err and good.name in out.out + out.err
        assert main(["--db", str(master), "plans"]) == 0  # reading still works
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
