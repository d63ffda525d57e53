"""The GUI thread's heartbeat the window benchmarks measure stalls with (bench_window, bench_filter,
bench_postgres)."""

from __future__ import annotations

import os
import time

AFTER_S = 0.5  # a stall's span goes on this long after the action (the collector beats every 250 ms)


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between two beats is the longest stall.

    Each beat also notes the GUI thread's own CPU time (time.thread_time): `cpu_stall` is the most
    CPU the GUI thread spent between two beats, `gui_cpu` all it spent during the action. On a
    loaded machine a gap is mostly waiting (for a core, or for the interpreter's lock the worker
    holds); the GUI thread's own CPU is what the window's code costs, and moves far less with load."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.beats: list[float] = []
        self.cpu: list[float] = []
        self.cpu_stall = self.gui_cpu = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        self.beats.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def run(self, start: object) -> tuple[float, float]:
        """(longest stall, whole duration) in seconds of the operation that `start()` returns."""
        return self.span(lambda: start().wait())  # type: ignore[operator]

    @staticmethod
    def settle() -> None:
        """Let the window finish what it had to do before the action (painting a form just
        selected, a dialog just opened): that is not the action's stall."""
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()
        import gc

        gc.collect()  # the garbage the benchmark itself made (the clerks' files it wrote) is not the action's

    @staticmethod
    def aftermath() -> None:
        """The beats go on for AFTER_S once the action has returned: what the window does right
        after it (a garbage collection of what the operation left, held while it ran) is the
        action's stall too."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(int(AFTER_S * 1000), loop.quit)
        loop.exec()

    def span(self, action: object) -> tuple[float, float]:
        """(longest stall, whole duration) in seconds while `action()` runs with the event loop
        turning (an operation's wait) or not (work done on the GUI thread is one stall)."""
        self.settle()
        self.beats, self.cpu = [], []
        self._beat()
        self.timer.start()
        profiler = None
        if os.environ.get("KD_BENCH_PROFILE"):  # what the GUI thread runs during the action (cProfile)
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0 = time.perf_counter()
        action()  # type: ignore[operator]
        took = time.perf_counter() - t0
        self.aftermath()
        if profiler is not None:
            import pstats

            profiler.disable()
            print(f"--- GUI thread during the action ({took * 1000:.0f} ms) and after, by own time, then cumulative:")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        self._beat()
        self.timer.stop()
        gaps = [b - a for a, b in zip(self.beats, self.beats[1:], strict=False)]
        self.cpu_stall = max(b - a for a, b in zip(self.cpu, self.cpu[1:], strict=False))
        self.gui_cpu = self.cpu[-1] - self.cpu[0]
        return max(gaps), took
