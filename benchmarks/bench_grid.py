"""Pasting a block into the KPI grid, beside a bare QTableView + QStandardItemModel doing the same.

The KPI grid is loaded with the city's strategy enlarged ×10 (and as it is, ×1) and all its indicators
under one node (a grid of some 300 rows at ×10), as the window shows it at 1366×768. Each paste goes through
GridView.paste: TSV parsing, the domain parser per cell, one undo command, the repaint.
Printed: one typed cell, a 50×8 block, and 1,000 cells (125×8; target ≤ 10× the bare view's GUI-thread
CPU, each counted until the window is idle: what a paste leaves to a later event is counted too), each
beside the bare view doing the same (its model's setData for every cell, then the repaint), the two
taking turns in each round (its cells emptied again after each, untimed, as ours are undone). At ×1
(the city's strategy: a grid of 34 rows) the blocks are as tall as the grid.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 5
COLUMNS = 10  # the KPI grid's columns (the bare view is made as large)


def block(rows: int, cols: int) -> str:
    return "".join("\t".join(f"{(r * cols + c) % 997 + 1:,}" for c in range(cols)) + "\n" for r in range(rows))


def settle(ms: int = 150) -> None:
    """Let the window run its event loop for `ms`: whatever the paste left for later (timers, posted
    events, a repaint of the other widgets) runs and is counted (issue 27, COMMON rule 5)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def fmt(t: tuple[float, float]) -> str:
    return f"{t[0]:6.1f} ms (CPU {t[1]:6.1f} ms)"


def interleaved(sides: dict[str, tuple[Callable[[], None], Callable[[], None]]]) -> dict[str, tuple[float, float]]:
    """Each side's (median wall ms, median GUI-thread CPU ms until idle) over RUNS rounds, the sides
    taking turns within each round (a change in the machine's load falls on every side)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(RUNS):
        for name, (run, undo) in sides.items():
            settle(50)
            gc.collect()  # each side from the same state: no side collects the garbage another left
            t0, c0 = time.perf_counter(), time.thread_time()
            run()
            wall = time.perf_counter() - t0
            settle()
            times[name].append((wall, time.thread_time() - c0))
            undo()
            settle(300)  # what the undo left for later done before the next side's clock starts
    return {name: (statistics.median(w for w, _ in t) * 1000, statistics.median(c for _, c in t) * 1000)
            for name, t in times.items()}


def main() -> None:
    """`bench_grid.py [1,10] [--profile [typed] [callers]]`: the scales named (×1 and ×10 unless named);
    `--profile` profiles a ×10 paste instead."""
    scales = [int(x) for x in sys.argv[1].split(",")] if sys.argv[1:2] and sys.argv[1][0].isdigit() else [1, 10]
    if len(scales) > 1 and "--profile" not in sys.argv:  # each scale in a process of its own
        for scale in scales:
            subprocess.run([sys.executable, __file__, str(scale)], check=True)
        return
    grid_at(10 if "--profile" in sys.argv else scales[0])


def grid_at(scale: int) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from benchmarks.scale import enlarge
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.forms.clipboard import parse_tsv
    from kodaira_desk.ui.forms.grid_forms import KpiForm

    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-grid-"))
    db = open_database(build_database(tmp / "city.sqlite"), create=False)
    editor = Editor(Workspace(db))  # as the window makes it
    tree = enlarge(editor.tree("strategy-2015"), scale)
    tree = dataclasses.replace(tree, indicators=tuple(
        dataclasses.replace(i, node_key="g1.a1", part_of=None) for i in tree.indicators))
    editor.trees[tree.plan.id] = tree
    rows = len(tree.indicators)
    many, some = min(125, rows), min(50, rows)  # 1,000 cells (125 rows × 8) at ×10; the grid's rows at ×1
    bare_model = QStandardItemModel(rows, COLUMNS)
    bare = QTableView()
    bare.setModel(bare_model)
    bare.resize(980, 640)
    bare.show()
    app.processEvents()

    def bare_paste(text: str) -> Callable[[], None]:
        def run() -> None:
            for r, row in enumerate(parse_tsv(text)):
                for c, value in enumerate(row):
                    bare_model.setData(bare_model.index(r, c), value)
            QApplication.sendPostedEvents()
            bare.viewport().repaint()
        return run

    def bare_typed() -> None:  # one cell typed and Enter: the model's setData, then the repaint
        bare_model.setData(bare_model.index(3, 2), "1,234")
        QApplication.sendPostedEvents()
        bare.viewport().repaint()

    def bare_clear(height: int) -> Callable[[], None]:  # as ours is undone: the next paste changes every cell
        def run() -> None:
            for r in range(height):
                for c in range(8):
                    bare_model.setData(bare_model.index(r, c), None)
        return run

    # the bare view alone first, before our grid exists (nothing of ours in the process then)
    bare_sides = {"bare one": (bare_typed, lambda: bare_model.setData(bare_model.index(3, 2), None)),
                  "bare 400": (bare_paste(block(some, 8)), bare_clear(some)),
                  "bare 1000": (bare_paste(block(many, 8)), bare_clear(many))}
    alone = interleaved(bare_sides)
    form = KpiForm(editor)
    form.resize(980, 640)
    form.show()
    from kodaira_desk.domain.fiscal_year import FiscalYear

    form.load(tree, tree.node("g1.a1"), FiscalYear(2020))
    app.processEvents()
    gc.freeze()  # as the application does once its window is shown (ui/app.py)
    view, model = form.view, form.model
    assert (model.rowCount(), model.columnCount()) == (rows, COLUMNS), "the bare view is the grid's size"
    print(f"KPI grid: {rows} indicators × {COLUMNS} columns (city strategy ×{scale}, one node)")

    def at(r: int, c: int) -> None:
        view.selectionModel().setCurrentIndex(model.index(r, c), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def paste(text: str) -> Callable[[], None]:
        def run() -> None:
            at(0, 0)
            view.paste(text)
            QApplication.sendPostedEvents()
            view.viewport().repaint()
        return run

    def typed() -> None:
        model.setData(model.index(3, 2), "1,234")
        QApplication.sendPostedEvents()
        view.viewport().repaint()

    if "--profile" in sys.argv:  # where a 1,000-cell paste's time goes (cProfile, sorted by own time)
        import cProfile
        import pstats

        action = typed if "typed" in sys.argv else paste(block(125, 8))
        action()  # a warm paste is profiled, as the medians time warm ones
        settle()
        editor.undo_stack.undo()
        editor.undo_stack.clear()
        settle()
        profiler = cProfile.Profile()
        profiler.enable()
        action()
        settle()
        profiler.disable()
        editor.undo_stack.undo()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(45)
        if "callers" in sys.argv:
            stats.print_callers("headerData|locked_reason|data\\b")
        return
    # (emptied again after each, untimed, as ours are undone: a value set again unchanged is no
    # change to a QStandardItemModel)
    def undo() -> None:  # and the history emptied: each edit timed from the same state (a step undone
        editor.undo_stack.undo()  # is dropped by the next edit's push: it would be timed with it)
        editor.undo_stack.clear()

    cells = f"{many * 8:,} cells" if many < 125 else "1,000 cells"
    m = interleaved({"one": (typed, undo), "bare one": bare_sides["bare one"]})  # each action's rounds in turn,
    m |= interleaved({"400": (paste(block(some, 8)), undo), "bare 400": bare_sides["bare 400"]})  # as before
    m |= interleaved({"1000": (paste(block(many, 8)), undo), "bare 1000": bare_sides["bare 1000"]})
    print(f"×{scale}: median of {RUNS} rounds, ours and the bare view in turn, CPU of the GUI thread until idle (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  one typed cell (parse, undo command, repaint):  {fmt(m['one'])}   bare QTableView {fmt(m['bare one'])}"
          f"   GUI-thread CPU {m['one'][1] / m['bare one'][1]:.1f}× bare")
    print(f"  paste {some}×8 block:   Kodaira grid {fmt(m['400'])}   bare QTableView {fmt(m['bare 400'])}"
          f"   GUI-thread CPU {m['400'][1] / m['bare 400'][1]:.1f}× bare")
    print(f"  paste {cells}:  Kodaira grid {fmt(m['1000'])}   bare QTableView {fmt(m['bare 1000'])}"
          f"   GUI-thread CPU {m['1000'][1] / m['bare 1000'][1]:.1f}× bare (target ≤ 10× at ×10)")
    print(f"    the bare view alone, before our grid was made: typed cell {fmt(alone['bare one'])}, {some}×8"
          f" {fmt(alone['bare 400'])}, {cells} {fmt(alone['bare 1000'])}: {m['1000'][1] / alone['bare 1000'][1]:.1f}×")
    assert not editor.drafts, "the benchmark's values must all be valid"
    editor.discard()
    db.dispose()


if __name__ == "__main__":
    main()
