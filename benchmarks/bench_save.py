"""The longest GUI-thread stall while the window saves (issue 27's save row), and where it goes.

`bench_save.py [ROUNDS] [SCALES] [--against TREE ...]`: ROUNDS (default 5) rounds; in each, for every
scale (default 1,10: the city data and ×10), a window of its own in a process of its own, left idle
5 s and until its idle imports are over (the start-up's later work is not the save's), first edits
one value and idles 1.5 s ("first edit"), then another the same way ("second edit": what a later
edit costs), then edits every indicator's R2 actual and saves (the first save of the process: it imports
the ORM, as a person's first save does; `bench_window.py stalls` imports SQLAlchemy itself before its
window), then edits them again and saves again ("second save"). With `--against TREE` (another
checkout: `git archive <commit> | tar -x -C DIR`), each round runs that tree's window too, every tree
first in turn: before and after interleaved on one loaded machine.

For each it prints the longest gap between two beats of a 5 ms heartbeat on the GUI thread (until
0.5 s after the save ended, as bench_window's stalls) and, within that same gap, the GUI thread's own
CPU (time.thread_time), the rest of it (waiting: for the interpreter's lock the worker holds, or for
a core) and the worker thread's CPU (its clock read from the GUI thread); where the gap falls (before
the worker, while it saves, in the window's taking the save in, after); the save's length, the
worker's CPU for it and the statements it made. Medians of the rounds, with the load average.
Target: no gap over one frame (16 ms). KD_SAVE_PROFILE=gui|worker (cProfile of that thread),
KD_SAVE_EVENTS=1 (the GUI thread's events and the collector's collections in the longest gap),
KD_SAVE_SCHED=1 (each thread's wait for a core in the gap, from its schedstat: what is left of the gap
is the GUI thread asleep: in its event loop until the next beat is due, up to 5 ms, or waiting for
the lock) say more.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FRAME_MS = 16.0
AFTER_S = 0.5  # as benchmarks/heartbeat.py: what the window does right after the save counts
SAVES = 2  # a process's first save, then its second


def child(tree: str, db_path: str, saves: int) -> None:
    """In a process of its own, on `tree`'s code: open a window on a copy of `db_path`, save
    `saves` times, print one JSON line per save."""
    sys.path.insert(0, tree)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    # (the tree's own window, as its other benchmarks make it)
    from benchmarks.bench_window import _window
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services.editing import ValueCell, content_of

    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-save-"))
    master = tmp / "master.sqlite"
    shutil.copyfile(db_path, master)
    w = _window(master)
    app = QApplication.instance()
    assert app is not None
    import gc

    gc.freeze()  # as kodaira_desk.ui.app.run does once the window is shown
    app.processEvents()
    # what the window does after it is shown is not the save's: the recovery journal's look at 300 ms,
    # the idle imports and 進捗ボード made ahead from 2.5 s on
    settle = QEventLoop()
    QTimer.singleShot(int(os.environ.get("KD_SAVE_SETTLE_MS", "5000")), settle.quit)
    settle.exec()
    _idle_imports_done(w)

    marks: dict[str, float] = {}
    statements = [0]  # the database calls the save made (each lets go of the interpreter's lock)

    def counted(*_args: Any) -> None:
        statements[0] += 1

    def count_statements() -> None:  # (once the window imported SQLAlchemy itself: the first save does)
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        if not event.contains(Engine, "before_cursor_execute", counted):
            event.listen(Engine, "before_cursor_execute", counted)
    worker: list[int] = []  # the worker thread's ident, once known
    run_op = w.tasks.run_op

    def timed_run_op(fn: Any, args: tuple[Any, ...] = (), on_done: Any = None, *a: Any, **k: Any) -> Any:
        if k.get("name") != "save":  # (the window's own queries: a look for others' saves)
            return run_op(fn, args, on_done, *a, **k)

        def on_worker(*args: Any, **kwargs: Any) -> Any:
            import threading

            worker[:] = [threading.get_ident(), threading.get_native_id()]
            marks["worker start"] = time.perf_counter()
            marks["worker cpu start"] = time.thread_time()
            statements[0] = 0
            prof = _profiler("worker")
            try:
                return fn(*args, **kwargs)
            finally:
                marks["worker end"] = time.perf_counter()
                marks["worker cpu end"] = time.thread_time()
                _report(prof, "worker")

        def done(result: Any) -> None:
            marks["done start"] = time.perf_counter()
            try:
                if on_done is not None:
                    on_done(result)
            finally:
                marks["done end"] = time.perf_counter()

        return run_op(on_worker, args, done, *a, **k)

    w.tasks.run_op = timed_run_op
    beats: list[tuple[float, float, float, float, float]] = []  # (wall, GUI CPU, worker CPU, their run-queue waits)
    gui_tid = threading.get_native_id()
    sched = bool(os.environ.get("KD_SAVE_SCHED"))  # each thread's wait for a core too

    def worker_cpu() -> float:
        if not worker:
            return 0.0
        try:
            return time.clock_gettime(time.pthread_getcpuclockid(worker[0]))
        except OSError:
            return 0.0

    def beat() -> None:
        if not sched:
            beats.append((time.perf_counter(), time.thread_time(), worker_cpu(), 0.0, 0.0))
            return
        beats.append((time.perf_counter(), time.thread_time(), worker_cpu(), queued(gui_tid),
                      queued(worker[1]) if worker else 0.0))

    events = _EventLog() if os.environ.get("KD_SAVE_EVENTS") else None
    if events is not None:  # the collector's collections too, with their length
        import types

        from kodaira_desk.ui import tasks as tasks_module

        def collect(generation: int = 2) -> int:
            t0, c0 = time.perf_counter(), time.thread_time()
            n = gc.collect(generation)
            events.log.append((t0, c0, f"gc.collect({generation}) {(time.thread_time() - c0) * 1000:.1f} ms CPU", "collector"))
            return n

        counted_gc = types.SimpleNamespace(**{k: getattr(gc, k) for k in dir(gc) if not k.startswith("__")})
        counted_gc.collect = collect
        setattr(tasks_module, "gc", counted_gc)  # noqa: B010  (the collector's module, for this process)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    r2 = FiscalYear(2020)

    def longest() -> tuple[float, float, float, float, float, float]:
        i = max(range(1, len(beats)), key=lambda j: beats[j][0] - beats[j - 1][0])
        (a, ca, wa, qa, pa), (b, cb, wb, qb, pb) = beats[i - 1], beats[i]
        worker_gap = (wb - wa) * 1000 if wa else 0.0  # (a worker not known yet at the first beat)
        return a, b, (cb - ca) * 1000, worker_gap, (qb - qa) * 1000, (pb - pa) * 1000 if pa else 0.0

    def asleep_most() -> float:
        """KD_SAVE_SCHED: of every gap, the longest time the GUI thread slept beyond the beat's own
        interval (neither running nor waiting for a core: waiting for the interpreter's lock)."""
        if not sched:
            return 0.0
        return max(max(0.0, (b[0] - a[0]) - (b[1] - a[1]) - (b[3] - a[3]) - 0.005) for a, b in itertools.pairwise(beats)) * 1000

    # the first edit of the session, alone, and the window left idle 1.5 s (what it starts meanwhile);
    # then a second one the same way, on another indicator: what a later edit costs
    cells = [ValueCell(t.plan.id, ind.key, ValueKind.ACTUAL, r2.year)
             for t in w.editor.trees.values() for ind in t.indicators][:2]
    for k, cell in zip((0, -1), cells, strict=True):
        beats.clear()
        beat()
        timer.start()
        c0 = time.thread_time()
        w.editor.set(cell, content_of(cell, "0"), "bench")
        edit_cpu = (time.thread_time() - c0) * 1000
        loop = QEventLoop()
        QTimer.singleShot(1500, loop.quit)
        loop.exec()
        beat()
        timer.stop()
        a, b, gui_cpu, _w, gui_queued, _q = longest()
        print(json.dumps({"save": k, "edits": 1, "stall": (b - a) * 1000, "gui_cpu": gui_cpu, "worker_cpu": 0.0,
                          "gui_queued": gui_queued, "worker_queued": 0.0,
                          "where": "the edit's turn" if a == beats[0][0] else "after the edit",
                          "took": 0.0, "worker": 0.0, "worker_cpu_all": 0.0, "statements": None, "done": 0.0,
                          "edit_cpu": edit_cpu,
                          "cpu_stall": max(y[1] - x[1] for x, y in itertools.pairwise(beats)) * 1000,
                          "asleep": asleep_most(), "unsaved": True}), flush=True)
    for n in range(saves):
        for t in w.editor.trees.values():  # every indicator's R2 actual, as bench_window's stalls
            for ind in t.indicators:
                target = ValueCell(t.plan.id, ind.key, ValueKind.ACTUAL, r2.year)
                try:
                    w.editor.set(target, content_of(target, str(n + 1)), "bench")
                except Exception:
                    continue
        edits = len(w.editor.session.pending())
        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()
        app.processEvents()
        gc.collect()
        marks.clear()
        beats.clear()
        beat()
        timer.start()
        prof = _profiler("gui")
        if events is not None:
            events.start()
        t0 = time.perf_counter()
        op = w.save()
        marks["asked"] = t0
        op.wait()
        took = time.perf_counter() - t0
        loop = QEventLoop()
        QTimer.singleShot(int(AFTER_S * 1000), loop.quit)
        loop.exec()
        beat()
        timer.stop()
        _report(prof, "gui")
        if "sqlalchemy.engine" in sys.modules:
            count_statements()
        if events is not None:
            events.stop()
        a, b, gui_cpu, worker_cpu_gap, gui_queued, worker_queued = longest()
        mid = (a + b) / 2
        where = ("before the worker" if mid < marks.get("worker start", 0) else
                 "while the worker saves" if mid < marks.get("worker end", 0) else
                 "before done" if mid < marks.get("done start", 0) else
                 "in done" if mid < marks.get("done end", 0) else "after done")
        if events is not None:
            events.show(a, b, marks)
        print(json.dumps({
            "save": n + 1, "edits": edits, "stall": (b - a) * 1000, "gui_cpu": gui_cpu,
            "worker_cpu": worker_cpu_gap, "gui_queued": gui_queued, "worker_queued": worker_queued,
            "where": where, "took": took * 1000,
            "worker": (marks["worker end"] - marks["worker start"]) * 1000,
            "worker_cpu_all": (marks["worker cpu end"] - marks["worker cpu start"]) * 1000, "statements": statements[0] if n else None,
            "done": (marks["done end"] - marks["done start"]) * 1000,
            "cpu_stall": max(y[1] - x[1] for x, y in itertools.pairwise(beats)) * 1000,
            "asleep": asleep_most(), "unsaved": bool(w.editor.unsaved())}), flush=True)
    w.editor.discard()
    w.close()
    shutil.rmtree(tmp, ignore_errors=True)


def _idle_imports_done(w: Any) -> None:
    """Wait until the window's idle imports (ui/window/idle_imports.py: from 2.5 s on, a module a
    turn, then 進捗ボード made ahead) are over: their turns are not the edits' or the saves' (the
    5 s the window was left were no longer enough once the round windows' modules joined them: the
    first edit's longest gap at ×10, 17–25 ms, was one of their turns, the edit's own 1–10 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    try:
        from kodaira_desk.ui.window.idle_imports import IdleImports
    except ImportError:  # (an older tree)
        return
    while any(i.active for i in w.findChildren(IdleImports)):
        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()
    loop = QEventLoop()
    QTimer.singleShot(1000, loop.quit)  # 進捗ボード made ahead, a turn after the last module
    loop.exec()


_LIBC: Any = None
_FDS: dict[int, int] = {}


def queued(tid: int) -> float:
    """How long the thread `tid` has waited for a core so far, in seconds (its schedstat): the
    machine's load, where a wait for the interpreter's lock is a wait of another kind (asleep, not
    runnable). Read with libc's pread through ctypes.PyDLL, which keeps the lock: an ordinary file
    read lets go of it, and each beat would wait to take it back."""
    global _LIBC
    import ctypes

    if _LIBC is None:
        _LIBC = ctypes.PyDLL(None)
        _LIBC.pread.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_long)
    if tid not in _FDS:
        _FDS[tid] = os.open(f"/proc/self/task/{tid}/schedstat", os.O_RDONLY)
    buf = ctypes.create_string_buffer(128)
    n = _LIBC.pread(_FDS[tid], buf, 127, 0)
    try:
        return int(buf.raw[:max(n, 0)].split()[1]) / 1e9
    except (IndexError, ValueError):
        return 0.0


class _EventLog:
    """KD_SAVE_EVENTS=1: every event the GUI thread delivers during the save (when, its CPU, what,
    to whom), printed for the longest gap."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                log.append((time.perf_counter(), time.thread_time(), event.type().name, type(obj).__name__))
                return False

        log: list[tuple[float, float, str, str]] = []
        self.log = log
        self.filter = Filter()

    def start(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.log.clear()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.filter)

    def stop(self) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(self.filter)

    def show(self, a: float, b: float, marks: dict[str, float]) -> None:
        print(f"--- gap {a:.4f}–{b:.4f} ({(b - a) * 1000:.1f} ms); marks "
              + ", ".join(f"{k} {(v - a) * 1000:+.1f}" for k, v in marks.items()), file=sys.stderr)
        for t, c, kind, to in self.log:
            if a - 0.002 <= t <= b + 0.002 or to == "collector":
                print(f"  {(t - a) * 1000:+7.2f} ms  cpu {c * 1000:10.2f}  {kind:<28} {to}", file=sys.stderr)


def _profiler(thread: str) -> Any:
    """KD_SAVE_PROFILE=gui or worker: cProfile that thread's part of the save (its own clock)."""
    if os.environ.get("KD_SAVE_PROFILE") != thread:
        return None
    import cProfile

    prof = cProfile.Profile(time.thread_time)
    prof.enable()
    return prof


def _report(prof: Any, thread: str) -> None:
    if prof is None:
        return
    import io
    import pstats

    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(40)
    print(f"--- {thread} thread's CPU during the save:\n{out.getvalue()}", file=sys.stderr)


def run(tree: Path, db: Path, saves: int) -> list[dict[str, Any]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(tree), str(db), str(saves)],
                         env=env, capture_output=True, text=True, check=False)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or len(rows) != saves + 2:
        sys.exit(f"{tree}: exit {out.returncode}\n{out.stderr[-3000:]}")
    return rows


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    args = sys.argv[1:]
    against: list[Path] = []
    while "--against" in args:
        i = args.index("--against")
        against.append(Path(args[i + 1]).resolve())
        del args[i:i + 2]
    rounds = int(args[0]) if args else 5
    scales = [int(x) for x in args[1].split(",")] if len(args) > 1 else [1, 10]
    sys.path.insert(0, str(ROOT))
    from benchmarks.scale import build_scaled
    from kodaira_desk.services.database import build_database

    tmp = Path(tempfile.mkdtemp(prefix="kd-bench-save-dbs-"))
    dbs = {n: Path(build_database(tmp / "city.sqlite")) if n == 1 else build_scaled(tmp / f"city-x{n}.sqlite", n)
           for n in scales}
    trees = {"this tree": ROOT} | {f"against {tree.name}": tree for tree in against}
    load0 = os.getloadavg()
    results: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in range(rounds):
        for n in scales:
            turn = list(trees.items())
            for label, tree in turn[r % len(turn):] + turn[:r % len(turn)]:  # each first in turn
                results.setdefault((label, n), []).extend(run(tree, dbs[n], SAVES))
    load1 = os.getloadavg()
    print(f"the save's longest GUI-thread gap (5 ms heartbeat), medians of {rounds} rounds, each tree in turn "
          f"(load {load0[0]:.1f} → {load1[0]:.1f}); target: none over {FRAME_MS:.0f} ms")
    for (label, n), rows in results.items():
        for k, name in ((0, "first edit"), (-1, "second edit"), (1, "first save"), (2, "second save")):
            these = [x for x in rows if x["save"] == k]

            def med(f: str, these: list[dict[str, Any]] = these) -> float:
                return float(statistics.median(x[f] for x in these))

            wheres = ", ".join(sorted({x["where"] for x in these}))
            waits = statistics.median(x["stall"] - x["gui_cpu"] for x in these)
            if any(x["gui_queued"] for x in these):  # KD_SAVE_SCHED: the rest split
                asleep = statistics.median(x["stall"] - x["gui_cpu"] - x["gui_queued"] for x in these)
                rest = (f"for a core {med('gui_queued'):4.1f}, asleep {asleep:4.1f} (of any gap, asleep beyond the"
                        f" beat's 5 ms at most {med('asleep'):4.1f})")
            else:
                rest = f"the rest {waits:4.1f}"
            saved = f"  | the edit's own CPU {med('edit_cpu'):4.1f}" if k <= 0 else (
                f"  | save {med('took'):5.0f} ms, the worker's {med('worker'):4.0f} (its CPU {med('worker_cpu_all'):4.0f},"
                f" {these[-1]['statements'] or '-'} statements), done {med('done'):4.1f}")
            print(f"  ×{n:<3} {label:<16} {name:<12} ({these[0]['edits']:4} edits) gap {med('stall'):5.1f} ms"
                  f" [{min(x['stall'] for x in these):4.1f}–{max(x['stall'] for x in these):5.1f}]"
                  f"  in it: GUI CPU {med('gui_cpu'):4.1f}, {rest}, worker CPU {med('worker_cpu'):4.1f}"
                  f"{saved}  | gap {wheres}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
