"""Edges of ordering a department file's returns by lineage (domain.lineage): a file saved by an
earlier version before this one, a collected chain longer than the saves it keeps, and a chain
that cannot be read (garbled, hostile). None may lose an edit or stop a file from being saved."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, R2, edit, field_value, value_cell

from kodaira_desk.cli import main
from kodaira_desk.domain import lineage
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import key_of
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.common import FileOutcome
from kodaira_desk.services.rounds.conflicts import open_conflicts
from kodaira_desk.services.rounds.handout import handout

K1 = value_cell("g1.a1.k1")  # 新規就農者数, 産業振興課 (empty in the hand-out)


@pytest.fixture
def handed(db_path: Path, tmp_path: Path) -> Path:
    db = open_database(db_path, create=False)
    made = handout(db, R2, tmp_path / "配布", ["産業振興課"])
    db.dispose()
    return made[0].path


def _copy(f: Path, to: Path) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(f, to / f.name))


def _collect(master: Path, path: Path) -> FileOutcome:
    db = open_database(master, create=False)
    try:
        return collect(db, [path]).outcomes[0]
    finally:
        db.dispose()


def _open(master: Path) -> list[tuple[str, str | None, str | None]]:
    db = open_database(master, create=False)
    try:
        return [(c.key, c.master, c.department_value) for c in open_conflicts(db)]
    finally:
        db.dispose()


def _meta(f: Path, key: str) -> str | None:
    con = sqlite3.connect(f)
    try:
        row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    finally:
        con.close()
    return None if row is None else str(row[0])


def _set_meta(f: Path, key: str, value: str | None) -> None:
    con = sqlite3.connect(f)
    try:
        if value is None:
            con.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))
        con.commit()
    finally:
        con.close()


@pytest.mark.parametrize("recorded", [True, False], ids=["recorded", "collected-before-records"])
def test_a_return_saved_by_an_earlier_version_is_the_base_of_the_next(db_path: Path, handed: Path,
                                                                     recorded: bool) -> None:
    edit(handed, {K1: "12人"})
    _set_meta(handed, lineage.META_KEY, None)  # 第1版 as an earlier Kodaira Desk saved it: no chain
    assert _collect(db_path, handed).code == "merged"  # ordered by its counter
    if not recorded:  # collected before counter-ordered returns were recorded: the hand-out's revision
        con = sqlite3.connect(db_path)
        assert con.execute("DELETE FROM meta WHERE key LIKE 'returns:%'").rowcount == 1
        con.commit()
        con.close()
    edit(handed, {K1: None, FARM: "55区画"})  # 第2版 by this version: K1 taken out again
    second = _collect(db_path, handed)
    assert (second.code, second.conflicts) == ("merged", 0), second.message
    assert (field_value(db_path, K1), field_value(db_path, FARM)) == (None, "55区画")
    assert _open(db_path) == []


def test_a_change_after_an_earlier_versions_return_is_no_conflict(db_path: Path, handed: Path) -> None:
    edit(handed, {K1: "12人"})
    _set_meta(handed, lineage.META_KEY, None)
    assert _collect(db_path, handed).code == "merged"
    edit(handed, {K1: "20人"})
    second = _collect(db_path, handed)
    assert (second.code, second.applied, second.conflicts) == ("merged", 1, 0), second.message
    assert field_value(db_path, K1) == "20人"


def test_an_older_copy_than_a_full_collected_chain_is_refused(db_path: Path, handed: Path, tmp_path: Path) -> None:
    edit(handed, {K1: "12人"})
    v1 = _copy(handed, tmp_path / "v1")  # 第1版
    edit(handed, {K1: None, FARM: "55区画"})
    # as after 1000 more saves (written directly): the chain keeps the last MAX_SAVES, 第1版 no longer in it
    stamp = _meta(handed, "content_hash")
    assert stamp is not None
    last = lineage.MAX_SAVES + 2
    chain = [(r, f"{r:016x}") for r in range(3, last)] + [(last, stamp)]
    assert len(chain) == lineage.MAX_SAVES
    _set_meta(handed, "revision", str(last))
    _set_meta(handed, lineage.META_KEY, lineage.dumps(chain))
    assert _collect(db_path, handed).code == "merged"
    late = _collect(db_path, v1)
    assert late.code == "stale" and late.refused, late.message
    assert "古い版" in late.message and f"第 {last} 版" in late.message
    assert (field_value(db_path, K1), field_value(db_path, FARM)) == (None, "55区画")


def test_a_garbled_chain_is_ordered_by_the_counter(db_path: Path, handed: Path) -> None:
    edit(handed, {K1: "12人"})
    assert _collect(db_path, handed).code == "merged"
    edit(handed, {K1: None, FARM: "55区画"})
    _set_meta(handed, lineage.META_KEY, "x")
    second = _collect(db_path, handed)
    assert (second.code, second.conflicts) == ("merged", 0), second.message
    assert "保存の記録" in second.message and "読めない" in second.message, second.message
    assert (field_value(db_path, K1), field_value(db_path, FARM)) == (None, "55区画")
    assert _open(db_path) == []


HOSTILE = ["[" * 200_000, "[" * 50_000 + "]" * 50_000, '[[1,"' + "a" * 16 + '"],[1e999,"' + "b" * 16 + '"]]',
           '[[' + "9" * 5000 + ',"' + "a" * 16 + '"]]', '{"a": 1}', '[[2,"' + "a" * 16 + '"],[1,"' + "b" * 16 + '"]]']


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_chain_does_not_refuse_good_values(db_path: Path, handed: Path, raw: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    edit(handed, {K1: "12人"})
    _set_meta(handed, lineage.META_KEY, raw)
    rc = main(["--db", str(db_path), "collect", str(handed)])
    out = capsys.readouterr()
    assert rc == 0, out
    assert "Error" not in out.out + out.err and "予期しない" not in out.out + out.err, out
    assert field_value(db_path, K1) == "12人"


@pytest.mark.parametrize("raw", ["[" * 200_000, "[" * 50_000 + "]" * 50_000, "x"], ids=range(3))
def test_a_file_with_a_hostile_chain_can_be_saved(db_path: Path, handed: Path, raw: str) -> None:
    _set_meta(handed, lineage.META_KEY, raw)
    edit(handed, {K1: "12人"})  # raised RecursionError: the file could never be saved again
    chain = lineage.parse_chain(_meta(handed, lineage.META_KEY))
    assert chain is not None and chain[-1] == (1, _meta(handed, "content_hash"))
    assert _collect(db_path, handed).code == "merged"
    assert field_value(db_path, K1) == "12人"
    assert key_of(K1)
