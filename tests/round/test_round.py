"""A whole yearly round through the services and the command line, with the master in a SQLite
file and on a PostgreSQL server (the `master` fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from round_helpers import FARM, HALL, PROGRESS_STATUS, PROGRESS_TEXT, R2, edit, export, field_value

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import open_conflicts, resolve
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.rounds.status import round_status

DEPARTMENTS = ["産業振興課", "子育て支援課", "都市計画課"]


@pytest.fixture
def round_files(master: Path | str, tmp_path: Path) -> dict[str, Path]:
    out = tmp_path / "配布"
    assert main(["--db", str(master), "handout", "--year", "令和2年度", "--out", str(out),
                 *[arg for d in DEPARTMENTS for arg in ("--department", d)]]) == 0
    files = {p.name.split("_")[2].removesuffix(".kdesk"): p for p in out.glob("*.kdesk")}
    assert sorted(files) == sorted(DEPARTMENTS)
    return files


def test_whole_round_through_the_cli(master: Path | str, round_files: dict[str, Path], capsys) -> None:  # type: ignore[no-untyped-def]
    edit(round_files["産業振興課"], {FARM: "365区画", PROGRESS_STATUS: "実施中",
                                  PROGRESS_TEXT: "・体験農園の区画を拡充しました。"})
    edit(round_files["子育て支援課"], {HALL: "36,000人"})
    capsys.readouterr()
    rc = main(["--db", str(master), "collect", str(round_files["産業振興課"]),
               str(round_files["子育て支援課"]), "--by", "政策課 山田"])
    out = capsys.readouterr().out
    # both files taken in, nothing to review: 0, though 都市計画課 has not returned its file (listed)
    assert rc == 0, out
    assert "未返却: 都市計画課" in out
    assert "取込 2 件" in out
    assert field_value(master, FARM) == "365区画"
    assert field_value(master, HALL) == "36,000人"
    assert field_value(master, PROGRESS_TEXT) == "・体験農園の区画を拡充しました。"
    db = open_database(master, create=False)
    states = {s.department: s.label for s in round_status(db, R2)}
    audit = audit_entries(db, source="import")
    db.dispose()
    assert states == {"産業振興課": "取込済", "子育て支援課": "取込済", "都市計画課": "未返却"}
    farm = [a for a in audit if a["field"] == "value:strategy-2015:g1.a1.k3:actual:2020:"]
    assert farm and farm[0]["old"] is None and farm[0]["new"] == "365区画" and farm[0]["actor"] == "政策課 山田"
    assert farm[0]["item"] == "市内体験農園の区画数 令和2年度 実績"


def test_collecting_a_file_twice_changes_nothing(master: Path | str, round_files: dict[str, Path]) -> None:
    edit(round_files["産業振興課"], {FARM: "365区画"})
    db = open_database(master, create=False)
    first = collect(db, [round_files["産業振興課"]])
    assert first.outcomes[0].code == "merged"
    db.dispose()
    before = export(master)
    db = open_database(master, create=False)
    again = collect(db, [round_files["産業振興課"]])
    db.dispose()
    assert again.outcomes[0].code == "already_collected"
    assert export(master) == before


def test_conflict_is_kept_until_a_person_decides(master: Path | str, round_files: dict[str, Path]) -> None:
    edit(master, {FARM: "370区画"})  # the policy division corrected the figure meanwhile
    edit(round_files["産業振興課"], {FARM: "365区画", PROGRESS_STATUS: "実施中"})
    db = open_database(master, create=False)
    report = collect(db, [round_files["産業振興課"]])
    assert report.outcomes[0].code == "needs_review" and report.outcomes[0].conflicts == 1
    assert report.needs_a_person
    assert field_value(master, FARM) == "370区画"  # the master keeps its value
    assert field_value(master, PROGRESS_STATUS) == "実施中"  # the other field was applied
    conflicts = open_conflicts(db)
    assert [(c.master, c.department_value, c.base) for c in conflicts] == [("370区画", "365区画", None)]
    assert {s.department: s.label for s in round_status(db, R2)}["産業振興課"] == "要確認"
    resolve(db, conflicts[0].id, "take", actor="政策課 山田")
    assert open_conflicts(db) == []
    assert {s.department: s.label for s in round_status(db, R2)}["産業振興課"] == "取込済"
    trail = [a for a in audit_entries(db) if a["field"].startswith("value:strategy-2015:g1.a1.k3:actual:2020")]
    db.dispose()
    assert field_value(master, FARM) == "365区画"
    assert [(a["source"], a["old"], a["new"]) for a in trail] == [
        ("typed", None, "370区画"), ("resolution", "370区画", "365区画")]


def test_same_change_on_both_sides_is_not_a_conflict(master: Path | str, round_files: dict[str, Path]) -> None:
    edit(master, {FARM: "365区画"})
    edit(round_files["産業振興課"], {FARM: "365区画"})
    db = open_database(master, create=False)
    report = collect(db, [round_files["産業振興課"]])
    db.dispose()
    assert report.outcomes[0].code == "merged" and report.outcomes[0].conflicts == 0


def test_a_second_return_uses_the_first_as_its_base(master: Path | str, round_files: dict[str, Path]) -> None:
    f = round_files["産業振興課"]
    edit(f, {FARM: "365区画"})
    db = open_database(master, create=False)
    assert collect(db, [f]).outcomes[0].code == "merged"
    db.dispose()
    edit(f, {PROGRESS_STATUS: "実施中"})  # the clerk adds something and sends the file again
    db = open_database(master, create=False)
    second = collect(db, [f])
    db.dispose()
    assert second.outcomes[0].code == "merged" and second.outcomes[0].applied == 1
    assert field_value(master, PROGRESS_STATUS) == "実施中"


def test_order_of_collection_does_not_matter(master: Path | str, round_files: dict[str, Path],
                                             tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from pg_cluster import copy_of

    edit(round_files["産業振興課"], {FARM: "365区画"})
    edit(round_files["子育て支援課"], {HALL: "36,000人"})
    other = copy_of(master, request.getfixturevalue("pg_server") if isinstance(master, str) else None,
                    tmp_path / "other.sqlite")
    results = []
    for one, order in ((master, ["産業振興課", "子育て支援課"]), (other, ["子育て支援課", "産業振興課"])):
        db = open_database(one, create=False)
        for d in order:
            collect(db, [round_files[d]])
        db.dispose()
        results.append(json.loads(export(one)))
    assert results[0] == results[1]


def test_unknown_department_for_handout(master: Path | str, tmp_path: Path) -> None:
    from kodaira_desk.services.rounds.common import RoundError

    db = open_database(master, create=False)
    with pytest.raises(RoundError) as err:
        handout(db, FiscalYear(2020), tmp_path, ["存在しない課"])
    db.dispose()
    assert "存在しない課" in err.value.message
