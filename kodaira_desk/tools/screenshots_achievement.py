"""Screenshots of issue 17 at 1366×768: the KPI grid with the statuses and the chart pane, the board,
and the KPI handout with its status column and its first chart page.
`python -m kodaira_desk.tools.screenshots_achievement [DIR]`; under a real X server:
`/work/shared/tools/under-x .venv/bin/python -m kodaira_desk.tools.screenshots_achievement`.

Runs on a private copy of the built-in data (offscreen unless a display is given, e.g. under Xvfb).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="kd-shots-17-"))
    os.environ["KODAIRA_DESK_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services.database import build_database, open_database
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.forms.kpi_model import KpiTableModel
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import Answer, MainWindow

    app = make_application()
    db_path = build_database(tmp / "city.sqlite")
    translations = Translations(app)
    translations.apply("ja")
    w = MainWindow(Workspace(open_database(db_path, create=False)), Settings(), translations)
    w.setGeometry(0, 0, 1366, 768)  # the whole screen: under Xvfb there is no window manager
    w.show()
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.select_node("strategy-2015", "g1.a1")
    kpi = w.page.kpi
    w.page.tabs.setCurrentWidget(kpi)
    model = kpi.model
    assert isinstance(model, KpiTableModel)
    row = next(i for i, ind in enumerate(model.indicators) if ind.key == "g1.a1.k4")
    col = next(c for c, spec in enumerate(model.columns)
               if spec.kind is ValueKind.ACTUAL and spec.year is not None and spec.year.year == 2020)
    kpi.view.setCurrentIndex(model.index(row, col))
    model.setData(model.index(row, col), "250人")  # typed, not saved: the chart and status follow
    for _ in range(5):
        app.processEvents()
    written = [out / "kpi-chart-1366x768.png"]
    w.grab().save(str(written[-1]))
    board = w.show_board()
    assert board is not None  # the city data: every plan is read as the window opens
    board.resize(1300, 700)
    for _ in range(5):
        app.processEvents()
    written.append(out / "board-1366x768.png")
    board.grab().save(str(written[-1]))
    board.close()

    import dataclasses
    import subprocess

    from kodaira_desk.services.reports import default_options, make_report

    # the achievement table with its options: the status column on page 1, goal 1's charts on page 2
    options = dataclasses.replace(default_options(w.db, "kpi", "strategy-2015"), status_column=True,
                                  chart_pages=True)
    pdf = make_report(w.db, "kpi", options, tmp / "kpi.pdf")
    for page, name in ((1, "report-kpi-status-1"), (2, "report-kpi-charts-1")):
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(out / name)], check=True)
        written.append(out / f"{name}.png")
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()
    QApplication.processEvents()
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
