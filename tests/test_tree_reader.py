"""Whole plans read in one query per table (store/tree_reader.py, issue 27) are the plans as they
were written: the city data, its scaled copies, a plan with typed values, on a file and on the
server, for every plan or some; and a unit of work reads its own uncommitted writes the same way."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.paths import city_data_dir
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import content_of, save_edits, target_of
from kodaira_desk.store.reader import read_connection
from kodaira_desk.store.tree_reader import load_trees

FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"
STATUS = "progress:strategy-2015:g1.a1.m2:2020:status"
NARRATIVE = "progress:strategy-2015:g1.a1.m2:2020:narrative"


def test_every_plan_read_at_once_is_the_city_data_as_written(db_path: Path) -> None:
    written = list(load_city_data(city_data_dir()))
    with read_connection(db_path) as con:
        together = load_trees(con)
        assert together == written and len(written) == 3
        ids = [t.plan.id for t in written]
        assert load_trees(con, [ids[-1], ids[0]]) == [written[0], written[-1]]  # in the database's order
        assert load_trees(con, [ids[1], ids[1]]) == [written[1]]
        assert load_trees(con, ["no-such-plan"]) == [] and load_trees(con, []) == []


def test_typed_values_read_back_in_every_plan_and_alone(db_path: Path) -> None:
    # a value with a mark, a narrative and a status typed, so that every kind of row is there
    db = open_database(db_path, create=False)
    edits = {FARM: "400区画※", STATUS: "A", NARRATIVE: "・一行目\n・二行目"}
    save_edits(db, {target_of(k): content_of(target_of(k), v) for k, v in edits.items()}, actor="テスト")
    db.dispose()
    with read_connection(db_path) as con:
        together = load_trees(con)
        alone = [load_trees(con, [t.plan.id])[0] for t in together]
    assert together == alone
    strategy = together[0]
    farm = strategy.indicator("g1.a1.k3")
    actual = next(v for v in farm.values if v.kind is ValueKind.ACTUAL and v.year == FiscalYear(2020))
    assert str(actual.value) == "400区画" and actual.marks == ("※",)
    entry = strategy.progress_in("g1.a1.m2", FiscalYear(2020))
    assert entry is not None and entry.status == "A" and str(entry.narrative) == "・一行目\n・二行目"


def test_a_scaled_database_reads_as_written(tmp_path: Path) -> None:
    from benchmarks.scale import build_scaled, scaled_trees

    path = build_scaled(tmp_path / "x3.sqlite", 3, distinct_department_copies=1)
    with read_connection(path) as con:
        got = load_trees(con)
    assert got == scaled_trees(3, distinct_department_copies=1) and len(got) == 9


def test_a_unit_of_work_reads_its_own_writes(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        with db.reading() as uow:  # rolled back at its end
            before = uow.plans.load_tree("program-2021")
            uow.plans.update_plan(replace(before.plan, title="実行プログラム（改）"))
            inside: PlanTree = uow.plans.load_tree("program-2021")
            assert inside == replace(before, plan=replace(before.plan, title="実行プログラム（改）"))
            with pytest.raises(KeyError):
                uow.plans.load_tree("no-such-plan")
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_the_server_gives_the_plans_the_file_gives_in_one_pipeline(backend: str, db_path: Path,
                                                                    pg_master: str) -> None:
    written = list(load_city_data(city_data_dir()))
    db = open_database(pg_master, create=False)
    try:
        with db.read() as con:
            assert load_trees(con) == written
            assert load_trees(con, [written[1].plan.id]) == [written[1]]
        with db.reading() as uow:  # inside a transaction, through the pipeline too
            assert uow.plans.load_tree(written[2].plan.id) == written[2]
    finally:
        db.dispose()
