"""Opening a file as File > Open does (the workspace opened, its first screen read), with the
whole-file check it now makes first (PRAGMA quick_check: store/first_screen.check_pages) and
without it (the baseline, same run), on the city's data ×1, ×10 and ×100.

The calling thread's CPU time (time.thread_time: what a loaded machine inflates least), the two
kinds interleaved, the median of ROUNDS each; and the check alone. The file is in the page cache
(a second opening); a file on a slow USB stick adds its reading, which the first screen's read
would partly pay anyway.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_opening.py [1,10,100]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS = 21


def _opening(path: Path, check: bool) -> float:
    from kodaira_desk.services import plans as plan_service
    from kodaira_desk.services.workspace import Workspace

    began = time.thread_time()
    ws = Workspace.open(path, create=False)
    try:
        if check:
            ws.read_first_screen()  # (the window's: checked)
        else:
            ws.read_first_screen(plan_service.first_screen(ws.db, carried=ws.clerk is not None, mark=False))
        return time.thread_time() - began
    finally:
        ws.close()


def _check_alone(path: Path) -> float:
    con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        began = time.thread_time()
        con.execute("PRAGMA quick_check(1)").fetchone()
        return time.thread_time() - began
    finally:
        con.close()


def main() -> None:
    from benchmarks.scale import build_scaled
    from kodaira_desk.services.database import build_database

    scales = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [1, 10, 100]
    folder = Path(tempfile.mkdtemp(prefix="kd-bench-opening-"))
    print("scale  size      opening+check  opening (baseline)  check alone   (thread CPU, median of", ROUNDS, ")")
    for n in scales:
        path = folder / f"city-x{n}.sqlite"
        built = Path(build_database(path)) if n == 1 else build_scaled(path, n)
        _opening(built, True)  # (the page cache, the modules: warm)
        checked, plain, alone = [], [], []
        for _ in range(ROUNDS):
            checked.append(_opening(built, True))
            plain.append(_opening(built, False))
            alone.append(_check_alone(built))
        ms = [statistics.median(x) * 1000 for x in (checked, plain, alone)]
        print(f"×{n:<4} {built.stat().st_size / 1e6:5.1f} MB  {ms[0]:8.1f} ms   {ms[1]:8.1f} ms         {ms[2]:6.1f} ms")


if __name__ == "__main__":
    main()
