"""Time to import a plan workbook of the city's size ×10 (the strategy, every goal repeated ten
times: 560 items, 340 indicators), beside openpyxl's own time to read the same workbook.

Baseline in the same run: `openpyxl.load_workbook(read_only=True)` iterating every cell of every
sheet (what any reader of the file must pay). Figures: import as a new plan (read, check, preview,
write in one transaction), import over the same plan (read, compare, nothing to write) and the
export, and a workbook with one heading changed imported over the plan and undone (元に戻す: what the window's
worker writes, issue 27). Prints medians of several runs.
"""

from __future__ import annotations

import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from benchmarks.scale import enlarge
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.paths import city_data_dir
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing import remove_plan
from kodaira_desk.services.plan_editing.workbook import (
    apply_plan_import,
    export_plan_workbook,
    preview_plan_import,
    undo_plan_import,
)
from kodaira_desk.store.database import Database, create_schema, make_engine

RUNS = 3
FACTOR = 10


def median_time(fn: Callable[[], object], runs: int = RUNS, setup: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def build(path: Path) -> str:
    strategy = next(t for t in load_city_data(city_data_dir()) if t.plan.id == "strategy-2015")
    big = enlarge(strategy, FACTOR)
    # the copies' goals get numbers of their own (two goals numbered 基本目標１ are refused)
    big = dataclasses.replace(big, nodes=tuple(
        dataclasses.replace(n, appearances=tuple(dataclasses.replace(a, number=f"{a.number}の{n.key.split('~')[1]}")
                                                 for a in n.appearances))
        if n.parent_key is None and "~" in n.key else n for n in big.nodes))
    engine = make_engine(path)
    create_schema(engine)
    engine.dispose()
    db = Database(path)
    with db.unit_of_work() as uow:
        uow.plans.write_all([big])
    db.dispose()
    return big.plan.id


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    source = tmp / "big.sqlite"
    plan_id = build(source)
    work = tmp / "work.sqlite"
    shutil.copyfile(source, work)
    db = open_database(work, create=False)
    book = tmp / "plan.xlsx"
    t_export = median_time(lambda: export_plan_workbook(db, plan_id, book))
    db.dispose()

    def openpyxl_read() -> None:
        wb = openpyxl.load_workbook(book, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    _ = cell.value
        wb.close()

    t_openpyxl = median_time(openpyxl_read)
    state: dict[str, object] = {}

    def fresh() -> None:
        old = state.get("db")
        if isinstance(old, Database):
            old.dispose()
        shutil.copyfile(source, work)
        d = open_database(work, create=False)
        remove_plan(d, plan_id)
        state["db"] = d

    def import_new() -> None:
        d = state["db"]
        assert isinstance(d, Database)
        apply_plan_import(d, preview_plan_import(d, book))

    t_new = median_time(import_new, setup=fresh)

    def import_same() -> None:
        d = state["db"]
        assert isinstance(d, Database)
        preview = preview_plan_import(d, book, plan_id)
        assert not preview.changes

    t_same = median_time(import_same)
    d = state["db"]
    assert isinstance(d, Database)
    # one heading changed in Excel, imported over the plan, then undone, RUNS times (the undo leaves
    # the plan as the preview saw it: the same preview each time)
    changed = tmp / "changed.xlsx"
    wb = openpyxl.load_workbook(book)
    wb["体系"]["D2"] = f"{wb['体系']['D2'].value}（改）"
    wb.save(changed)
    preview = preview_plan_import(d, changed, plan_id)
    imports, undos = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        change = apply_plan_import(d, preview)
        t1 = time.perf_counter()
        undo_plan_import(d, change.inverse)
        imports.append(t1 - t0)
        undos.append(time.perf_counter() - t1)
    t_change, t_undo = statistics.median(imports), statistics.median(undos)
    d.dispose()
    wb = openpyxl.load_workbook(book, read_only=True)
    rows = sum(ws.max_row or 0 for ws in wb.worksheets)
    wb.close()
    print(f"plan workbook ×{FACTOR}: {book.stat().st_size / 1024:.0f} KB, {rows} rows (median of {RUNS})")
    print(f"  openpyxl read (baseline)      {t_openpyxl:7.2f} s   1.0×")
    print(f"  import as a new plan          {t_new:7.2f} s   {t_new / t_openpyxl:.1f}×")
    print(f"  import over itself (preview)  {t_same:7.2f} s   {t_same / t_openpyxl:.1f}×")
    print(f"  export                        {t_export:7.2f} s   {t_export / t_openpyxl:.1f}×")
    print(f"  one heading changed: import   {t_change:7.2f} s   {t_change / t_openpyxl:.1f}×")
    print(f"  its undo (元に戻す)            {t_undo:7.2f} s   {t_undo / t_openpyxl:.1f}×")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
