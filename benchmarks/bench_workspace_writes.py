"""A save and a collection as the window makes them, at ×10 data, beside raw SQLite doing the least.

- Save: 24 fields typed in the window (12 indicator values, 6 statuses, 6 実施等状況, across
  several plans) saved through the workspace, as Ctrl+S does (`Workspace.save_session`: the save on
  the worker and the plans taken back into the session). Baseline: one raw sqlite3 transaction
  (BEGIN IMMEDIATE) updating the same 24 rows by key.
- Collection: 6 returned department files (two edits each) collected through the workspace, as
  回収状況と取り込み does (`Workspace.collect`: the merge and what changed in the master, for the
  window to refresh). Baseline: raw sqlite3 reading every indicator value of the 6 files.

Each figure is the best of ROUNDS (KD_BENCH_ROUNDS, default 3), wall and CPU, with the bytes the
process read meanwhile (`rchar` of /proc/self/io: SQLite's page reads, cached or not). The machine
may be shared by other work: the load average is printed; compare figures from the same run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_round import clerk_edits
from benchmarks.scale import build_scaled
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.editing import content_of, target_of
from kodaira_desk.services.rounds.yearly import plan_handout
from kodaira_desk.services.workspace import Workspace

ROUNDS = int(os.environ.get("KD_BENCH_ROUNDS", "3"))
FILES = 6
YEAR = 2020

# The same benchmark on main before the unit of work (commit 4e56fcf, load average 1.9–3.4 on 2
# shared cores): wall s, CPU s, MB read. The save read its plans again and every field twice; the
# collection read every plan again to learn what it had changed.
BEFORE: dict[str, tuple[float, float, float]] = {
    "save": (0.1573, 0.1439, 5.79), "raw save": (0.0009, 0.0009, 0.13),
    "collect": (0.9693, 0.8790, 53.72), "raw read": (0.1344, 0.0901, 1.48),
}


def _read_mb() -> float:
    try:
        with open("/proc/self/io", encoding="ascii") as f:
            for line in f:
                if line.startswith("rchar:"):
                    return int(line.split()[1]) / 1e6
    except OSError:
        pass
    return float("nan")


def _timed(fn: Callable[[], object]) -> tuple[float, float, float]:
    r0 = _read_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0, _read_mb() - r0


def _best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs), min(r[2] for r in runs)


def _fmt(t: tuple[float, float, float]) -> str:
    return f"{t[0] * 1000:8.1f} ms wall {t[1] * 1000:8.1f} ms CPU {t[2]:7.2f} MB read"


def chosen_fields(trees: list[PlanTree]) -> list[tuple[str, str, str]]:
    """(field key, text A, text B): 12 values, 6 statuses, 6 narratives over several plans."""
    values: list[tuple[str, str, str]] = []
    progress: list[tuple[str, str, str]] = []
    for tree in trees[::4]:
        for ind in tree.indicators[:2]:
            unit = ind.unit if any(str(v.value).endswith(ind.unit) for v in ind.values) else ""
            values.append((f"value:{tree.plan.id}:{ind.key}:actual:{YEAR}:", f"1,234{unit}", f"2,345{unit}"))
        for node in [n for n in tree.nodes if n.depth >= 2][:1]:
            base = f"progress:{tree.plan.id}:{node.key}:{YEAR}"
            progress.append((f"{base}:status", "A", "B"))
            progress.append((f"{base}:narrative", "・ベンチマークの記入（一）", "・ベンチマークの記入（二）"))
    return values[:12] + progress[:12]


def save_through_workspace(ws: Workspace, fields: list[tuple[str, str, str]], which: int) -> None:
    for key, *texts in fields:
        target = target_of(key)
        ws.session.put(target, content_of(target, texts[which]))
    applied = ws.save_session()
    assert applied.changes, "the save changed nothing"


def save_raw(path: Path, fields: list[tuple[str, str, str]], which: int) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        for key, *texts in fields:
            parts = key.split(":")
            text = texts[which]
            if parts[0] == "value":
                _, plan, item, kind, year, rev = parts
                con.execute("UPDATE indicator_values SET text = ? WHERE indicator_id = "
                            "(SELECT id FROM indicators WHERE plan_id = ? AND key = ?) "
                            "AND kind = ? AND fiscal_year = ? AND revision = ?",
                            (text, plan, item, kind, int(year), rev))
            else:
                _, plan, item, year, column = parts
                con.execute(f"UPDATE progress_entries SET {column} = ? WHERE node_id = "
                            "(SELECT id FROM nodes WHERE plan_id = ? AND key = ?) AND fiscal_year = ?",
                            (text, plan, item, int(year)))
        con.execute("COMMIT")
    finally:
        con.close()


def read_raw(paths: list[Path]) -> None:
    for p in paths:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        con.execute("SELECT * FROM indicator_values").fetchall()
        con.close()


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-writes-"))
    master = build_scaled(tmp / "master.sqlite", 10, distinct_department_copies=1)
    ws = Workspace.open(master, create=False, actor="bench")
    trees = ws.load_plans().trees
    fields = chosen_fields(list(trees.values()))
    n_fields = sum(1 for _ in ws.session.trees)
    # the departments with something to fill in YEAR (a department of a plan not in force that year
    # is refused by the hand-out, as a person choosing it would be told)
    depts = plan_handout(list(trees.values()), FiscalYear(YEAR)).departments
    handed = ws.handout(FiscalYear(YEAR), tmp / "out", sorted(depts)[:FILES])
    paths = []
    for f in handed:
        clerk_edits(f.path, f.department)  # type: ignore[attr-defined]
        paths.append(f.path)  # type: ignore[attr-defined]

    saves, raw_saves = [], []
    for i in range(ROUNDS * 2):  # the two texts in turn: every save changes all its fields
        saves.append(_timed(lambda i=i: save_through_workspace(ws, fields, i % 2)))
        # the same texts again (the workspace's loaded values stay true)
        raw_saves.append(_timed(lambda i=i: save_raw(master, fields, i % 2)))
    ws.close()

    backup = tmp / "master-before.sqlite"
    shutil.copyfile(master, backup)
    collects, raw_reads = [], []
    for _ in range(ROUNDS):
        raw_reads.append(_timed(lambda: read_raw(paths)))
        shutil.copyfile(backup, master)
        for leftover in (tmp / "master-受領ファイル", tmp / "master-バックアップ"):
            shutil.rmtree(leftover, ignore_errors=True)
        ws = Workspace.open(master, create=False, actor="bench")
        before = dict(ws.load_plans().trees)
        collects.append(_timed(lambda ws=ws, before=before: ws.collect(paths, before)))
        ws.close()

    rows = {"save": _best(saves), "raw save": _best(raw_saves),
            "collect": _best(collects), "raw read": _best(raw_reads)}
    print(f"data ×10: {n_fields} plans; save of {len(fields)} typed fields; collection of {len(paths)} files "
          f"(best of {ROUNDS})")
    print(f"  save through the workspace:    {_fmt(rows['save'])}")
    print(f"  raw sqlite3 update, same rows: {_fmt(rows['raw save'])}")
    print(f"  collect through the workspace: {_fmt(rows['collect'])}")
    print(f"  raw sqlite3 read of the files: {_fmt(rows['raw read'])}")
    for name, (wall, cpu, mb) in BEFORE.items():
        print(f"  before ({name}): {wall * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU {mb:7.2f} MB read")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
