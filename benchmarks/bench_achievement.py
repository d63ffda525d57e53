"""Issue 17: how quickly the chart pane follows typing, and the board on ten times the city's data.

1. From a value set in the KPI grid (as the cell editor commits it) to the chart pane graded again
   and the chart painted (a synchronous repaint), median over many values. Target: under 16 ms.
   Baseline, same run: the chart painted again with no edit (what painting alone costs).
2. The board (every plan, per 課, one fiscal year) from the loaded plans, with the city data and
   with it scaled ×10; and the same from the database file (reading the plans included). The
   city data is the ×10 run's baseline: the ratio is printed.
3. The KPI handout with the status column and the chart pages, against the plain table (the
   baseline) in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 60


def redraw(db_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="kd-bench-settings-"))
    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import MainWindow

    app = make_application()
    tr = Translations(app)
    tr.apply("ja")
    w = MainWindow(open_database(db_path, create=False), Settings(), tr)
    w.resize(1366, 768)
    w.show()
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    app.processEvents()
    model = w.page.kpi.model
    pane = w.page.kpi.chart_pane
    assert pane is not None
    row = next(i for i, ind in enumerate(model.indicators) if ind.key == "g1.a1.k4")
    col = next(c for c, spec in enumerate(model.columns)
               if spec.kind is ValueKind.ACTUAL and spec.year is not None and spec.year.year == 2020)
    w.page.kpi.view.setCurrentIndex(model.index(row, col))
    app.processEvents()
    from PySide6.QtGui import QPixmap

    pixmap = QPixmap(pane.chart.size())
    chart_times: list[float] = []
    window_times: list[float] = []
    paint_only: list[float] = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        pane.chart.render(pixmap)
        paint_only.append(time.perf_counter() - t0)
    for i in range(ROUNDS):
        painted = pane.chart.paints
        t0 = time.perf_counter()
        model.setData(model.index(row, col), f"{230 + i}人")  # the pane grades again on the edit
        pane.chart.render(pixmap)  # paint the chart alone, now
        chart_times.append(time.perf_counter() - t0)
        assert pane.chart.paints > painted
        t1 = time.perf_counter()
        w.repaint()  # the whole window: the KPI grid repaints its changed cells too
        window_times.append(time.perf_counter() - t1 + chart_times[-1])
        QApplication.processEvents()
    base = statistics.median(paint_only)
    print(f"baseline: the chart painted again, no edit ({ROUNDS} times): median {base * 1000:.2f} ms")
    for label, times, target in (("chart pane graded and chart painted", chart_times, " (target median < 16 ms)"),
                                 ("… and the whole window repainted", window_times, "")):
        times.sort()
        med, p95 = statistics.median(times), times[int(len(times) * 0.95)]
        print(f"typed value → {label} ({ROUNDS} values): median {med * 1000:.2f} ms "
              f"(×{med / base:.1f} the baseline), 95th percentile {p95 * 1000:.2f} ms{target}")
    w.editor.discard()
    w.close()
    w.db.dispose()


def board(db_path: Path, label: str, baseline: float | None = None) -> float:
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.achievement import load_settings
    from kodaira_desk.services.board import board as make_board
    from kodaira_desk.services.board import load_board
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_all

    db = open_database(db_path, create=False)
    trees = load_all(db)
    settings = {t.plan.id: load_settings(db, t.plan.id) for t in trees}
    year = FiscalYear(2020)
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        rows = make_board(trees, year, settings)
        runs.append(time.perf_counter() - t0)
    from_file = []
    for _ in range(3):
        t0 = time.perf_counter()
        load_board(db, year)
        from_file.append(time.perf_counter() - t0)
    indicators = sum(r.indicators for r in rows if r.department is None)
    med = statistics.median(runs)
    ratio = f" (×{med / baseline:.1f} the city data's)" if baseline else ""
    print(f"board, {label} ({len(trees)} plans, {indicators} indicators, {len(rows)} rows): "
          f"median {med * 1000:.1f} ms from the loaded plans{ratio}, "
          f"{statistics.median(from_file) * 1000:.1f} ms with reading the database")
    db.dispose()
    return med


def handout(db_path: Path, tmp: Path) -> None:
    import dataclasses

    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.reports import default_options, make_report

    db = open_database(db_path, create=False)
    plain = default_options(db, "kpi", "strategy-2015")
    graded = dataclasses.replace(plain, status_column=True, chart_pages=True)
    make_report(db, "kpi", plain, tmp / "warm.pdf")  # fonts registered, modules imported
    times: dict[str, list[float]] = {"plain": [], "graded": []}
    for _ in range(3):
        for name, options in (("plain", plain), ("graded", graded)):
            t0 = time.perf_counter()
            make_report(db, "kpi", options, tmp / f"{name}.pdf")
            times[name].append(time.perf_counter() - t0)
    base, with_options = statistics.median(times["plain"]), statistics.median(times["graded"])
    print(f"KPI handout, baseline: the plain table {base * 1000:.0f} ms; with the status column and the "
          f"chart pages {with_options * 1000:.0f} ms (×{with_options / base:.1f}, 3 runs each)")
    db.dispose()


def main() -> None:
    from benchmarks.scale import build_scaled
    from kodaira_desk.services.database import build_database

    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-"))
    city = build_database(tmp / "city.sqlite")
    x10 = build_scaled(tmp / "city-x10.sqlite", 10)
    redraw(city)
    base = board(city, "city data")
    board(x10, "city data ×10", base)
    handout(city, tmp)


if __name__ == "__main__":
    main()
