"""What a plan workbook's import and its undo write (issue 27): an import that moves no item writes
no item's place — an UPDATE a node, twice, was most of the worker's time in an import and in its
元に戻す, while the window waited for the interpreter's lock —, and one that moves items still puts
them where the workbook does, and its undo back where they were."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import event

from kodaira_desk.services.export import dumps, trees_to_json
from kodaira_desk.services.plan_editing.workbook import (
    apply_plan_import,
    export_plan_workbook,
    preview_plan_import,
    undo_plan_import,
)
from kodaira_desk.services.plans import load_all, load_plan
from kodaira_desk.store.database import Database


def everything(db: Database) -> str:
    return dumps(trees_to_json(load_all(db)))


@contextmanager
def node_places_written(db: Database) -> Iterator[list[str]]:
    """The statements that write a node's parent, depth or position, as they run."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE NODES"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def test_a_heading_changed_and_undone_writes_no_place(db: Database, tmp_path: Path) -> None:
    out = export_plan_workbook(db, "strategy-2015", tmp_path / "s.xlsx")
    before_all = everything(db)
    wb = openpyxl.load_workbook(out)
    wb["体系"]["D2"] = "住み続けたいまちをつくる"
    wb.save(tmp_path / "heading.xlsx")
    preview = preview_plan_import(db, tmp_path / "heading.xlsx", "strategy-2015")
    with node_places_written(db) as written:
        change = apply_plan_import(db, preview)
        assert load_plan(db, "strategy-2015").node("g1").title == "住み続けたいまちをつくる"
        undo_plan_import(db, change.inverse)
    assert written == []
    assert everything(db) == before_all


def test_items_moved_are_placed_and_put_back(db: Database, tmp_path: Path) -> None:
    out = export_plan_workbook(db, "strategy-2015", tmp_path / "s.xlsx")
    before_all = everything(db)
    held = load_plan(db, "strategy-2015")
    first, second = (n.key for n in held.children("g1")[:2])
    wb = openpyxl.load_workbook(out)
    ws = wb["体系"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    # the first two 施策 of 基本目標１ change places, each with what is under it
    block = [r for r in rows if r[0] == first or str(r[0]).startswith(first + ".")]
    at = rows.index(block[0])
    after_block = rows[at + len(block):]
    moved = [r for r in after_block if r[0] == second or str(r[0]).startswith(second + ".")]
    rest = [r for r in after_block if r not in moved]
    ws.delete_rows(2, ws.max_row)
    for r in rows[:at] + moved + block + rest:
        ws.append(list(r))
    wb.save(tmp_path / "moved.xlsx")
    preview = preview_plan_import(db, tmp_path / "moved.xlsx", "strategy-2015")
    with node_places_written(db) as written:
        change = apply_plan_import(db, preview)
        assert written  # the places changed: written
    assert [n.key for n in load_plan(db, "strategy-2015").children("g1")][:2] == [second, first]
    undo_plan_import(db, change.inverse)
    assert [n.key for n in load_plan(db, "strategy-2015").children("g1")][:2] == [first, second]
    assert everything(db) == before_all
