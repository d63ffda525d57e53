"""The round windows' first opening in a session, after the window was left idle (issue 27).

`bench_first_openings.py [ROUNDS] [BEFORE_TREE]`: for each of 回収状況と取り込み, 競合の確認, 監査ログ,
年度の確定 and 配布, a process of its own starts the main window on the city data (shown at 1366×768
in Japanese, as bench_window.py's), leaves it idle IDLE_S (what a person does before choosing a menu:
the window's idle imports run then), then opens that window by its action and waits until what it
reads is shown; the longest GUI-thread stall (5 ms heartbeat, benchmarks/heartbeat.py) and the GUI
thread's own CPU in the longest gap and in all are printed, the median of ROUNDS processes (3), and
the longest stall while the window was idle before (from 1 s after it was shown: what the idle
imports cost a person who types then). With
BEFORE_TREE (a worktree of an earlier commit), the same processes on that tree alternate with this
one's, and both are printed: the load falls on both alike.

bench_window.py's stalls measure every window once in one process after a save and a collection
(their ORM imported by then): not a session's first opening.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDLE_S = 10.0  # the idle imports (a few seconds after start-up, one module a turn) are done by then
MENUS = (("回収状況と取り込み", "show_collect"), ("競合の確認", "show_conflicts"), ("監査ログ", "show_audit"),
         ("年度の確定", "show_year_lock"), ("配布", "show_handout"))
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[3])
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from benchmarks.bench_window import _window
from benchmarks.heartbeat import Heartbeat

w = _window(sys.argv[1])
beat = Heartbeat()
beat.beats, beat.cpu = [], []
beat.timer.start()  # the beats go on while the window is idle: what its idle work costs the GUI thread
loop = QEventLoop()
QTimer.singleShot(int(float(sys.argv[4]) * 1000), loop.quit)
loop.exec()  # idle: the window's own timers run
beat.timer.stop()
w.tasks.wait_idle()
late = [(b - a, d - c) for a, b, c, d in zip(beat.beats, beat.beats[1:], beat.cpu, beat.cpu[1:]) if a > beat.beats[0] + 1.0]
print("IDLE", max(g for g, _ in late), max(c for _, c in late), flush=True)

def opening():
    dialog = getattr(w, sys.argv[2])()
    while getattr(dialog, "reading", False) or getattr(dialog, "loading_board", False):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    dialog.close()

stall, took = beat.span(opening)
print("FIRST", stall, took, beat.cpu_stall, beat.gui_cpu, flush=True)
"""


def first_opening(tree: Path, db: Path, menu: str, tmp: Path) -> tuple[float, float, float, float, float, float]:
    """(longest stall, the opening's length, the GUI thread's CPU in the longest gap and in all; the
    longest stall and the most GUI-thread CPU between two beats while idle, from 1 s after shown), seconds."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree), XDG_CONFIG_HOME=str(tmp / "cfg"),
               KODAIRA_DESK_DATA_DIR=str(tmp / "data"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), menu, str(tree), str(IDLE_S)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("FIRST ")), None)
    if line is None:
        raise RuntimeError(f"{menu} on {tree}: {done.stderr[-2000:]}")
    stall, took, cpu_stall, gui_cpu = (float(x) for x in line.split()[1:])
    idle, idle_cpu = (float(x) for x in next(x for x in done.stdout.splitlines() if x.startswith("IDLE ")).split()[1:])
    return stall, took, cpu_stall, gui_cpu, idle, idle_cpu


def main() -> None:
    from kodaira_desk.services.database import build_database

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    trees = {"this tree": ROOT}
    if len(sys.argv) > 2:
        trees = {"before": Path(sys.argv[2]).resolve(), **trees}
    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-first-"))
    db = Path(build_database(tmp / "city.sqlite"))
    runs: dict[tuple[str, str], list[tuple[float, float, float, float, float, float]]] = {}
    load_before = os.getloadavg()[0]
    for _ in range(rounds):
        for _label, menu in MENUS:
            for name, tree in trees.items():  # alternated, so the load falls on each tree alike
                runs.setdefault((name, menu), []).append(first_opening(tree, db, menu, tmp))
    load_after = os.getloadavg()[0]
    print(f"first opening after {IDLE_S:.0f} s idle, city data, median of {rounds} processes each"
          f" (load average {load_before:.2f} → {load_after:.2f}; target: no stall over one frame, 16 ms):")
    for label, menu in MENUS:
        for name in trees:
            stall, took, cpu_stall, gui_cpu, idle, idle_cpu = (statistics.median(r[i] for r in runs[(name, menu)])
                                                              for i in range(6))
            print(f"  {label:<10} {name:<10} stall {stall * 1000:6.1f} ms   shown after {took * 1000:6.0f} ms   GUI-thread"
                  f" CPU: longest between two beats {cpu_stall * 1000:5.1f} ms, in all {gui_cpu * 1000:6.1f} ms;"
                  f"   while idle before: longest stall {idle * 1000:5.1f} ms (GUI CPU {idle_cpu * 1000:4.1f} ms)")


if __name__ == "__main__":
    main()
