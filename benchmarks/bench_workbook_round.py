"""Hand out and collect 60 department workbooks (.xlsx) with the city data scaled ×10.

Baseline in the same run: openpyxl alone opening each of the 60 workbooks read-only and reading
every cell of its sheets (what any collection of workbooks has to do at least). The collection adds
the zip-directory checks, the identity and layout checks against the master, the domain's parser
for every cell, the three-way merge and the writes, in one transaction with a savepoint per file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from benchmarks.scale import build_scaled
from kodaira_desk.domain.fields import field_map
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.scope import departments_in_scope
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.handout import handout

FILES = 60
SHEET = "成果指標"


def clerk_edits(path: Path) -> int:
    """Type two numbers into the first two empty unlocked value cells and a status into the first
    unlocked measure, as a clerk would in Excel."""
    wb = openpyxl.load_workbook(path)
    n = 0
    for row in wb[SHEET].iter_rows(min_row=4):
        for cell in row:
            if n < 2 and not cell.protection.locked and cell.value is None:
                cell.value = 100 + n
                n += 1
                break
    for row in wb["実施状況"].iter_rows(min_row=4):
        if not row[4].protection.locked:
            row[4].value = "実施中"
            n += 1
            break
    wb.save(path)
    return n


def read_only(path: Path) -> int:
    """openpyxl only: open read-only and read every cell of every sheet."""
    with path.open("rb") as fh:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for _ in row)
        wb.close()
    return cells


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-wbround-"))
    master = build_scaled(tmp / "master.sqlite", 10, distinct_department_copies=2)
    db = open_database(master, create=False)
    trees = load_all(db)
    depts: set[str] = set()
    for t in trees:
        depts |= departments_in_scope(t)
    chosen = sorted(depts)[:FILES]
    fields = sum(len(field_map(t)) for t in trees)
    t0 = time.perf_counter()
    files = handout(db, FiscalYear(2020), tmp / "out", chosen, file_format="xlsx")
    t_handout = time.perf_counter() - t0
    edited = sum(clerk_edits(f.path) for f in files)
    size = sum(f.path.stat().st_size for f in files)

    t0, c0 = time.perf_counter(), time.process_time()
    cells = sum(read_only(f.path) for f in files)
    t_raw, c_raw = time.perf_counter() - t0, time.process_time() - c0

    shutil.copyfile(master, tmp / "master-before.sqlite")
    t0, c0 = time.perf_counter(), time.process_time()
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        prof = cProfile.Profile()
        report = prof.runcall(collect, db, [f.path for f in files])
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    report = collect(db, [f.path for f in files]) if not os.environ.get("PROFILE") else report
    t_collect, c_collect = time.perf_counter() - t0, time.process_time() - c0
    db.dispose()
    codes: dict[str, int] = {}
    for o in report.outcomes:
        codes[o.code] = codes.get(o.code, 0) + 1
    print(f"data ×10: {len(trees)} plans, {fields} entry fields, {len(chosen)} departments")
    print(f"hand out {len(files)} workbooks:  {t_handout:6.2f} s  ({size / len(files) / 1e3:.0f} kB each, "
          f"{cells / len(files):.0f} cells each)")
    print(f"collect {len(files)} workbooks ({edited} edits):  {t_collect:6.2f} s wall, {c_collect:5.2f} s CPU  {codes}")
    print(f"  baseline openpyxl read-only reading every cell of the 60: {t_raw:6.2f} s wall, {c_raw:5.2f} s CPU"
          f"  (ratio {t_collect / t_raw:.1f}× wall, {c_collect / max(c_raw, 1e-9):.1f}× CPU)")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
