"""Whole plans read in one query per table (store/tree_reader.py, issue 27) are the plans read one
by one (store/reader.load_plan_tree), on a file and on the server, for every plan or some."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import content_of, save_edits, target_of
from kodaira_desk.store.reader import list_plans, load_plan_tree, read_connection
from kodaira_desk.store.tree_reader import load_trees


def _one_by_one(path: Path) -> list[object]:
    with read_connection(path) as con:
        return [load_plan_tree(con, pid) for pid, _ in list_plans(con)]


def test_every_plan_read_at_once_is_each_plan_read_alone(db_path: Path) -> None:
    # a value with a mark, a narrative and a status typed, so that every kind of row is there
    db = open_database(db_path, create=False)
    edits = {"value:strategy-2015:g1.a1.k3:actual:2020:": "400区画※", "progress:strategy-2015:g1.a1.m2:2020:status":
             "A", "progress:strategy-2015:g1.a1.m2:2020:narrative": "・一行目\n・二行目"}
    save_edits(db, {target_of(k): content_of(target_of(k), v) for k, v in edits.items()}, actor="テスト")
    db.dispose()
    alone = _one_by_one(db_path)
    with read_connection(db_path) as con:
        together = load_trees(con)
        ids = [t.plan.id for t in alone]
        assert together == alone and len(alone) >= 3
        assert load_trees(con, [ids[-1], ids[0]]) == [alone[0], alone[-1]]  # in the database's order
        assert load_trees(con, [ids[1], ids[1]]) == [alone[1]]
        assert load_trees(con, ["no-such-plan"]) == [] and load_trees(con, []) == []


def test_a_scaled_database_reads_the_same_both_ways(tmp_path: Path) -> None:
    from benchmarks.scale import build_scaled

    path = build_scaled(tmp_path / "x3.sqlite", 3, distinct_department_copies=1)
    alone = _one_by_one(path)
    with read_connection(path) as con:
        assert load_trees(con) == alone and len(alone) == 9


@pytest.mark.parametrize("backend", ["postgresql"])
def test_the_server_gives_the_plans_the_file_gives_in_one_pipeline(backend: str, db_path: Path,
                                                                    pg_master: str) -> None:
    alone = _one_by_one(db_path)
    db = open_database(pg_master, create=False)
    try:
        with db.read() as con:
            assert load_trees(con) == alone
            assert load_trees(con, [alone[1].plan.id]) == [alone[1]]
    finally:
        db.dispose()
