"""One typed value in the KPI grid at ×10 (one node of some 340 indicators), its chart pane shown:
the GUI-thread CPU from the model's setData until idle (the grid's repaint, the pane regrading the
indicator, re-fitting its status list's rows, redrawing its chart, the grid's badges), interleaved
with the same edit taken back. `bench_chart.py [scale] [--profile]`."""

from __future__ import annotations

import dataclasses
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 15


def settle(ms: int = 120) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from benchmarks.scale import enlarge
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.forms.grid_forms import KpiForm

    scale = int(sys.argv[1]) if sys.argv[1:2] and sys.argv[1].isdigit() else 10
    app = make_application()  # noqa: F841  (kept alive for the run)
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-chart-"))
    db = open_database(build_database(tmp / "city.sqlite"), create=False)
    editor = Editor(Workspace(db))
    tree = enlarge(editor.tree("strategy-2015"), scale)
    tree = dataclasses.replace(tree, indicators=tuple(
        dataclasses.replace(i, node_key="g1.a1", part_of=None) for i in tree.indicators))
    editor.trees[tree.plan.id] = tree
    form = KpiForm(editor)
    form.resize(1300, 700)
    form.show()
    form.load(tree, tree.node("g1.a1"), FiscalYear(2020))
    form.finish()
    settle(300)
    assert form.chart_pane is not None and form.chart_pane.isVisible()
    gc.freeze()
    model, view = form.model, form.view
    rows = model.rowCount()
    column = next(c for c in range(model.columnCount()) if model.flags(model.index(3, c)) & Qt.ItemFlag.ItemIsEditable)
    walls: list[float] = []
    values = iter(f"{v:,}" for v in range(1000, 10**6, 37))

    row = 3

    def typed() -> float:  # a value typed over a cell of the current row, then Enter: CPU until idle
        nonlocal row
        row = 3 if row >= 3 + 8 else row + 1  # a few rows in turn, as a clerk goes down a column
        view.setFocus()
        view.setCurrentIndex(model.index(row, column))
        settle(60)
        QTest.keyClicks(QApplication.focusWidget(), next(values))
        settle(40)
        gc.collect()
        c0, t0 = time.thread_time(), time.perf_counter()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.sendPostedEvents()
        settle()
        cpu = (time.thread_time() - c0) * 1000
        walls.append((time.perf_counter() - t0) * 1000 - 120)
        return cpu

    for _ in range(3):
        typed()  # warm
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for _ in range(5):
            typed()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats("chart|header|resize|splitter", 40)
        return
    times = [typed() for _ in range(RUNS)]
    print(f"×{scale}: one typed value, {rows} indicators, chart pane shown: GUI-thread CPU until idle median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms over {RUNS} (load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    editor.discard()
    db.dispose()


if __name__ == "__main__":
    main()
