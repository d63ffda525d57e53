"""Start-up of the window and selection-to-form time, each beside its baseline.

1. From process start to the main window shown with the city data (`python -m kodaira_desk`),
   next to a bare PySide6 window started the same way. Target: within 2.5× of the bare window.
2. From selecting an item in the tree to its form being filled (median over every item, several
   rounds), with the city data and with it scaled ×10. Target: under 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 7
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1366, 768); w.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def time_until_shown(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert p.stdout is not None
    for line in p.stdout:
        if line.strip() == "shown":
            t = time.perf_counter() - t0
            p.wait()
            return t
    p.wait()
    raise RuntimeError(f"{cmd} never said it was shown")


def startup(db: Path, tmp: Path) -> None:
    env = dict(os.environ, KODAIRA_DESK_BENCH_EXIT="1", XDG_CONFIG_HOME=str(tmp / "cfg"),
               KODAIRA_DESK_DATA_DIR=str(tmp / "data"))
    # warm the file cache once for both
    time_until_shown([sys.executable, "-c", BARE], env)
    time_until_shown([sys.executable, "-m", "kodaira_desk", "--db", str(db)], env)
    bare = [time_until_shown([sys.executable, "-c", BARE], env) for _ in range(RUNS)]
    ours = [time_until_shown([sys.executable, "-m", "kodaira_desk", "--db", str(db)], env)
            for _ in range(RUNS)]
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"start-up to window shown, median of {RUNS}:")
    print(f"  bare PySide6 window:           {b * 1000:7.0f} ms")
    print(f"  Kodaira Desk with city data:   {o * 1000:7.0f} ms   "
          f"({o / b:.2f}× the bare window; target ≤ 2.5×)")


def selection(db_path: Path, label: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="kd-bench-settings-"))
    from kodaira_desk.services.database import open_database
    from kodaira_desk.ui.app import make_application
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.main_window import MainWindow
    from kodaira_desk.ui.settings import Settings

    app = make_application()
    tr = Translations(app)
    tr.apply("ja")
    w = MainWindow(open_database(db_path, create=False), Settings(), tr)
    w.resize(1366, 768)
    w.show()
    app.processEvents()
    items = [(t.plan.id, n.key) for t in w.editor.trees.values() for n in t.nodes]
    times: list[float] = []
    for _round in range(3):
        for plan_id, key in items:
            t0 = time.perf_counter()
            w.select_node(plan_id, key)
            QApplication.sendPostedEvents()
            times.append(time.perf_counter() - t0)
    times.sort()
    med = statistics.median(times)
    p95 = times[int(len(times) * 0.95)]
    print(f"select an item → form filled, {label} ({len(items)} items × 3): "
          f"median {med * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms (target median < 50 ms)")
    w.editor.discard()
    w.close()
    w.db.dispose()


def main() -> None:
    from benchmarks.scale import build_scaled
    from kodaira_desk.services.database import build_database

    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-"))
    city = build_database(tmp / "city.sqlite")
    x10 = build_scaled(tmp / "city-x10.sqlite", 10)
    startup(city, tmp)
    selection(city, "city data")
    selection(x10, "city data ×10")


if __name__ == "__main__":
    main()
