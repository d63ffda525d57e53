"""Sibling copies: a clerk copies the handed-out file and two people fill the two copies (or one
copy is saved more often); both come back. Their returns are ordered by lineage (each file's chain
of saves, domain.lineage), not by the save counter: no copy's values are lost, a field both
changed differently is a conflict, and an older copy of a collected return is still 古い版."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, R2, edit, export, field_value, value_cell

from kodaira_desk.cli import main
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import key_of
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.common import CollectReport
from kodaira_desk.services.rounds.conflicts import open_conflicts
from kodaira_desk.services.rounds.handout import handout

K1 = value_cell("g1.a1.k1")  # 新規就農者数, 産業振興課
K4 = value_cell("g1.a1.k4")
K4_FORECAST = value_cell("g1.a1.k4", ValueKind.FORECAST)


@pytest.fixture
def handed(db_path: Path, tmp_path: Path) -> Path:
    db = open_database(db_path, create=False)
    made = handout(db, R2, tmp_path / "配布", ["産業振興課"])
    db.dispose()
    return made[0].path


def _copy(f: Path, to: Path) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(f, to / f.name))


def _collect(master: Path, path: Path) -> CollectReport:
    db = open_database(master, create=False)
    try:
        return collect(db, [path])
    finally:
        db.dispose()


def _open(master: Path) -> list[tuple[str, str | None, str | None]]:
    db = open_database(master, create=False)
    try:
        return [(c.key, c.master, c.department_value) for c in open_conflicts(db)]
    finally:
        db.dispose()


def test_a_copy_saved_more_often_keeps_the_other_copys_values(db_path: Path, handed: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    a, c = _copy(handed, tmp_path / "A"), _copy(handed, tmp_path / "C")
    edit(a, {K1: "12人", K4: "345人"})
    edit(a, {K4_FORECAST: "999人", FARM: "55区画"})  # 第2版
    for v in ("70人", "75人", "77人"):
        edit(c, {K1: v})  # 第3版, only 指標1 changed
    main(["--db", str(db_path), "collect", str(a)])
    assert "反映 4 件、要確認 0 件" in capsys.readouterr().out
    main(["--db", str(db_path), "collect", str(c)])
    out = capsys.readouterr().out
    assert "第 3 版。反映 0 件、要確認 1 件" in out and "写し" in out, out
    assert field_value(db_path, K1) == "12人"  # the master keeps its value until a person decides
    assert (field_value(db_path, K4), field_value(db_path, K4_FORECAST), field_value(db_path, FARM)) == \
        ("345人", "999人", "55区画")
    assert _open(db_path) == [(key_of(K1), "12人", "77人")]


def test_a_sibling_saved_once_after_is_merged_three_way_not_refused(db_path: Path, handed: Path,
                                                                    tmp_path: Path) -> None:
    a, b = _copy(handed, tmp_path / "A"), _copy(handed, tmp_path / "B")
    edit(a, {K1: "12人"})
    edit(a, {K4: "345人"})  # 第2版
    edit(b, {FARM: "55区画", K1: "13人", K4: "345人"})  # 第1版, saved after A
    assert _collect(db_path, a).outcomes[0].code == "merged"
    late = _collect(db_path, b).outcomes[0]
    assert (late.code, late.applied, late.conflicts) == ("needs_review", 1, 1), late.message
    assert field_value(db_path, FARM) == "55区画"  # B's own edit reached the master
    assert (field_value(db_path, K1), field_value(db_path, K4)) == ("12人", "345人")
    assert _open(db_path) == [(key_of(K1), "12人", "13人")]
    assert _collect(db_path, b).outcomes[0].code == "already_collected"


def test_an_ancestor_of_a_collected_save_is_refused_with_both_revisions(db_path: Path, handed: Path,
                                                                        tmp_path: Path) -> None:
    edit(handed, {K1: "12人"})
    v1 = _copy(handed, tmp_path / "v1")  # 第1版, mailed first
    edit(handed, {K1: "20人", FARM: "55区画"})  # 第2版, collected first
    assert _collect(db_path, handed).outcomes[0].code == "merged"
    before = export(db_path)
    late = _collect(db_path, v1).outcomes[0]
    assert late.code == "stale" and late.refused
    assert "古い版" in late.message and "第 1 版" in late.message and "第 2 版" in late.message
    assert export(db_path) == before


def test_a_sibling_of_a_later_save_merges_against_their_common_collected_save(db_path: Path, handed: Path,
                                                                               tmp_path: Path) -> None:
    edit(handed, {K1: "12人"})
    v1 = _copy(handed, tmp_path / "v1")
    assert _collect(db_path, v1).outcomes[0].code == "merged"  # 第1版
    sibling = _copy(v1, tmp_path / "sibling")  # a copy of 第1版, filled on its own
    edit(handed, {K1: "20人", FARM: "55区画"})  # 第2版 of the main line
    edit(sibling, {K4: "345人"})  # another 第2版: the counter alone took it for the collected one
    descends = _collect(db_path, handed).outcomes[0]
    assert (descends.code, descends.applied, descends.conflicts) == ("merged", 2, 0)
    assert "写し" not in descends.message
    merged = _collect(db_path, sibling).outcomes[0]
    assert (merged.code, merged.applied, merged.conflicts) == ("merged", 1, 0), merged.message
    assert "第 1 版を基準" in merged.message
    # its 12人 is 第1版's: no change of its own, so the main line's 20人 stays
    assert (field_value(db_path, K1), field_value(db_path, K4), field_value(db_path, FARM)) == \
        ("20人", "345人", "55区画")


def test_a_file_without_a_chain_of_saves_collects_by_its_counter_as_before(db_path: Path, handed: Path,
                                                                           tmp_path: Path) -> None:
    edit(handed, {K1: "12人"})
    v1 = _copy(handed, tmp_path / "v1")
    edit(handed, {K1: "20人"})
    for f in (v1, handed):  # as an earlier Kodaira Desk saved them
        con = sqlite3.connect(f)
        con.execute("DELETE FROM meta WHERE key = 'saves'")
        con.commit()
        con.close()
    assert _collect(db_path, handed).outcomes[0].code == "merged"
    late = _collect(db_path, v1).outcomes[0]
    assert late.code == "stale" and "第 1 版" in late.message and "第 2 版" in late.message
    assert field_value(db_path, K1) == "20人"


def test_copies_sharing_a_save_never_collected_hold_what_cannot_be_told(db_path: Path, handed: Path,
                                                                        tmp_path: Path) -> None:
    edit(handed, {K1: "12人"})  # 第1版, copied but never collected: the master never sees it
    copy = _copy(handed, tmp_path / "copy")
    edit(handed, {K1: None})  # the main line takes it back out
    edit(copy, {K4: "345人"})  # the copy keeps 12人 and adds 345人
    assert _collect(db_path, handed).outcomes[0].code in ("merged", "unfilled", "already_collected")
    late = _collect(db_path, copy).outcomes[0]
    # against the hand-out (their common 第1版 is unknown): whether 12人 was taken out on one side
    # or typed on the other cannot be told, nor 345人: held for a person, never applied over the other
    assert (late.code, late.applied, late.conflicts) == ("needs_review", 0, 2), late.message
    assert (field_value(db_path, K1), field_value(db_path, K4)) == (None, None)
    assert sorted(_open(db_path)) == sorted([(key_of(K1), None, "12人"), (key_of(K4), None, "345人")])
