"""Revisions order the returns of one department: an older copy never reverts a newer return."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, PROGRESS_STATUS, R2, edit, export, field_value, value_cell

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import (
    ResolutionValueError,
    open_conflicts,
    resolve,
    undo_resolution,
)
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import import_results, round_status

FARM_R1 = value_cell("g1.a1.k3", year=2019)  # the department's own indicator, but a past year
NEW_FARMERS = value_cell("g1.a1.k1")  # 新規就農者数 (人), 産業振興課


@pytest.fixture
def files(db_path: Path, tmp_path: Path) -> dict[str, Path]:
    db = open_database(db_path, create=False)
    made = handout(db, R2, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    db.dispose()
    return {f.department: f.path for f in made}


def _collect(master: Path, *paths: Path, actor: str | None = None):  # type: ignore[no-untyped-def]
    db = open_database(master, create=False)
    try:
        return collect(db, list(paths), actor=actor)
    finally:
        db.dispose()


def _states(master: Path) -> dict[str, tuple[str, str | None]]:
    db = open_database(master, create=False)
    try:
        return {s.department: (s.label, s.reason) for s in round_status(db, R2)}
    finally:
        db.dispose()


def test_v1_after_v2_is_refused_as_stale_and_the_master_keeps_v2(db_path: Path, files: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    f = files["産業振興課"]
    edit(f, {FARM: "100区画"})
    v1 = tmp_path / "v1" / f.name
    v1.parent.mkdir()
    shutil.copyfile(f, v1)  # mailed first
    edit(f, {FARM: "200区画", PROGRESS_STATUS: "実施中"})  # then corrected and mailed again
    assert _collect(db_path, f).outcomes[0].code == "merged"
    before = export(db_path)
    late = _collect(db_path, v1).outcomes[0]
    assert late.code == "stale" and late.refused
    assert "古い版" in late.message and "第 1 版" in late.message and "第 2 版" in late.message
    assert export(db_path) == before
    assert field_value(db_path, FARM) == "200区画"
    assert field_value(db_path, PROGRESS_STATUS) == "実施中"


def test_v2_after_v1_merges_only_v2s_own_changes(db_path: Path, files: dict[str, Path]) -> None:
    f = files["産業振興課"]
    edit(f, {FARM: "100区画"})
    assert _collect(db_path, f).outcomes[0].applied == 1
    edit(db_path, {FARM: "150区画"})  # the division corrects the figure after v1 came in
    edit(f, {PROGRESS_STATUS: "実施中"})  # v2 adds a status and leaves the figure as it was
    second = _collect(db_path, f).outcomes[0]
    assert (second.code, second.applied, second.conflicts) == ("merged", 1, 0)
    assert field_value(db_path, FARM) == "150区画"  # v2 did not change it: the correction stays
    assert field_value(db_path, PROGRESS_STATUS) == "実施中"


def test_the_same_revision_again_is_already_collected(db_path: Path, files: dict[str, Path],
                                                      tmp_path: Path) -> None:
    f = files["産業振興課"]
    edit(f, {FARM: "100区画"})
    _collect(db_path, f)
    again = tmp_path / f.name
    con = sqlite3.connect(f)  # the same revision, re-packed (other bytes, same content)
    con.execute("VACUUM INTO ?", (str(again),))
    con.close()
    assert _collect(db_path, again).outcomes[0].code == "already_collected"


def test_an_untouched_file_is_unfilled_not_collected(db_path: Path, files: dict[str, Path]) -> None:
    outcome = _collect(db_path, files["子育て支援課"]).outcomes[0]
    assert outcome.code == "unfilled" and not outcome.refused
    assert _states(db_path)["子育て支援課"][0] == "未記入"
    assert [r.result for r in _import_rows(db_path)] == ["unfilled"]


def _import_rows(master: Path):  # type: ignore[no-untyped-def]
    db = open_database(master, create=False)
    try:
        return import_results(db, R2)
    finally:
        db.dispose()


def test_a_bit_flipped_after_the_last_save_is_refused_as_damaged(db_path: Path, files: dict[str, Path]) -> None:
    f = files["産業振興課"]
    edit(f, {value_cell("g1.a1.k3"): "100区画"})
    con = sqlite3.connect(f)
    con.execute("UPDATE indicator_values SET text='900区画' WHERE text='100区画'")
    con.commit()
    con.close()
    outcome = _collect(db_path, f).outcomes[0]
    assert outcome.code == "tampered" and "破損" in outcome.message
    assert field_value(db_path, FARM) is None


def test_past_year_and_other_departments_changes_are_held_while_the_rest_merges(
        db_path: Path, files: dict[str, Path]) -> None:
    f = files["産業振興課"]
    edit(f, {FARM: "365区画", FARM_R1: "7区画", HALL: "1人"})
    outcome = _collect(db_path, f, actor="政策課 山田").outcomes[0]
    assert (outcome.code, outcome.applied, outcome.held) == ("needs_review", 1, 2)
    assert field_value(db_path, FARM) == "365区画"
    assert field_value(db_path, FARM_R1) == "325区画"  # the printed R1 figure stays
    assert field_value(db_path, HALL) is None
    db = open_database(db_path, create=False)
    kinds = sorted(c.kind for c in open_conflicts(db))
    db.dispose()
    assert kinds == ["other_year", "out_of_scope"]
    assert _states(db_path)["産業振興課"][0] == "要確認"


def test_refusals_and_results_are_stored_and_name_department_file_and_person(
        db_path: Path, files: dict[str, Path], tmp_path: Path) -> None:
    edit(files["産業振興課"], {FARM: "365区画"})
    bad = tmp_path / "壊れた.kdesk"
    data = bytearray(files["子育て支援課"].read_bytes())
    bad.write_bytes(bytes(data[: len(data) // 2 + 17]))
    _collect(db_path, files["産業振興課"], bad, actor="政策課 山田")
    rows = {r.file_name: r for r in _import_rows(db_path)}  # read again after the collection closed
    merged = rows[files["産業振興課"].name]
    assert (merged.department, merged.actor, merged.revision, merged.applied) == ("産業振興課", "政策課 山田", 1, 1)
    db = open_database(db_path, create=False)
    audit = [a for a in audit_entries(db, source="import") if a["field"] == "value:strategy-2015:g1.a1.k3:actual:2020:"]
    db.dispose()
    assert audit[0]["actor"] == "政策課 山田"


def test_a_failing_file_is_refused_by_name_and_the_others_still_merge(db_path: Path, files: dict[str, Path]) -> None:
    """Before: [good file, file with a year 2300] printed only the year error and kept half the batch."""
    edit(files["子育て支援課"], {HALL: "36,000人"})
    edit(files["産業振興課"], {value_cell("g1.a1.k3", year=2199): "1区画"})
    report = _collect(db_path, files["子育て支援課"], files["産業振興課"])
    codes = {o.file: o.code for o in report.outcomes}
    assert codes == {files["子育て支援課"].name: "merged", files["産業振興課"].name: "limit"}
    bad = next(o for o in report.outcomes if o.refused)
    assert bad.message.startswith(files["産業振興課"].name) and "2199" in bad.message
    assert field_value(db_path, HALL) == "36,000人"
    assert _states(db_path)["産業振興課"] == ("要確認", bad.message)  # the reason survives a reopen


def test_a_superseded_handouts_file_is_refused(db_path: Path, files: dict[str, Path], tmp_path: Path) -> None:
    old = files["産業振興課"]
    edit(old, {FARM: "365区画"})
    db = open_database(db_path, create=False)
    handout(db, R2, tmp_path / "再配布", ["産業振興課"])
    db.dispose()
    outcome = _collect(db_path, old).outcomes[0]
    assert outcome.code == "superseded" and "差し替え済み" in outcome.message
    assert field_value(db_path, FARM) is None
    assert _states(db_path)["産業振興課"][0] == "未返却"  # the new file has not come back yet


def test_a_typed_resolution_uses_the_grids_parser_and_can_be_undone(db_path: Path, files: dict[str, Path]) -> None:
    edit(db_path, {NEW_FARMERS: "3人"})
    edit(files["産業振興課"], {NEW_FARMERS: "4人"})
    _collect(db_path, files["産業振興課"])
    db = open_database(db_path, create=False)
    (c,) = open_conflicts(db)
    with pytest.raises(ResolutionValueError) as err:
        resolve(db, c.id, "typed", "5件", actor="政策課 山田")
    assert "単位が違います" in err.value.message and "人" in err.value.message
    resolve(db, c.id, "typed", "5人", actor="政策課 山田")
    assert open_conflicts(db) == []
    db.dispose()
    assert field_value(db_path, NEW_FARMERS) == "5人"
    db = open_database(db_path, create=False)
    undo_resolution(db, c.id, actor="政策課 山田")
    assert [x.id for x in open_conflicts(db)] == [c.id]
    trail = [a["source"] for a in audit_entries(db) if a["field"] == "value:strategy-2015:g1.a1.k1:actual:2020:"]
    db.dispose()
    assert field_value(db_path, NEW_FARMERS) == "3人"
    assert trail == ["typed", "resolution", "resolution_undone"]


def test_collect_output_names_each_refused_file_and_has_no_traceback(db_path: Path, files: dict[str, Path],
                                                                     capsys) -> None:  # type: ignore[no-untyped-def]
    edit(files["産業振興課"], {value_cell("g1.a1.k3", year=2199): "1区画"})
    rc = main(["--db", str(db_path), "collect", str(files["産業振興課"]), str(files["子育て支援課"])])
    out = capsys.readouterr()
    assert rc == 1
    assert files["産業振興課"].name in out.out and "[limit]" in out.out
    assert "Traceback" not in out.out + out.err
