"""進捗ボード's GUI-thread stalls at ×10 and ×100 (issue 27): opening it from the menu with most plans
not read yet, scrolling it, and following a change — each beside a bare QTableView of the same
cells opened and scrolled the same way, in the same run.

    python benchmarks/bench_board.py [10,100] [ROUNDS]

Each round is a fresh main window on the scaled data (3 rounds unless named), shown at 1366×768:
1. opening: 年度の取りまとめ > 進捗ボード until its rows are shown (read and graded on the worker),
   measured with the 5 ms heartbeat (benchmarks/heartbeat.py: the longest gap between two beats,
   until 0.5 s after) and the GUI thread's own CPU between two beats; beside it a QDialog with a
   QTableView on a QStandardItemModel holding the same cells, made, filled and opened;
2. scrolling: PAGES PageDown keys to the table, one every 40 ms, then Ctrl+End and Ctrl+Home;
   the bare table scrolled the same way;
3. following a change: another year chosen in the board, the thresholds changed (判定の基準を変更:
   graded again), then saved with Ctrl+S in the board (the save, then the board graded again).
The figures are the median over the rounds of each round's longest stall, with the load average.
Before/after: this file copied into the other checkout's benchmarks/ and run there, alternately;
`KD_BENCH_DBS=/folder` keeps the scaled databases there between runs (each round uses a copy).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_window import _bare_board, _window  # noqa: E402
from benchmarks.heartbeat import Heartbeat  # noqa: E402
from benchmarks.scale import build_scaled  # noqa: E402

PAGES = 12
KEY_GAP_MS = 40


def _turn_until(done: Callable[[], bool]) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    while not done():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def _keys(view: Any, keys: list[tuple[Any, Any]]) -> None:
    """The keys sent to `view` one every KEY_GAP_MS, the event loop turning in between."""
    from PySide6.QtCore import QEvent, QEventLoop, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    loop, left = QEventLoop(), list(keys)

    def next_key() -> None:
        if not left:
            loop.quit()
            return
        key, modifiers = left.pop(0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, key, modifiers))
        QTimer.singleShot(KEY_GAP_MS, next_key)

    QTimer.singleShot(0, next_key)
    loop.exec()


def _scroll_keys() -> list[tuple[Any, Any]]:
    from PySide6.QtCore import Qt

    none, ctrl = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
    return [(Qt.Key.Key_PageDown, none)] * PAGES + [(Qt.Key.Key_End, ctrl), (Qt.Key.Key_Home, ctrl)]


def _bare_scroll(w: Any, cells: list[list[str]], heads: list[str]) -> tuple[float, float]:
    """The bare table (bench_window._bare_board's) opened, then scrolled as the board is."""
    beat, out = Heartbeat(), []

    def scroll(view: Any) -> None:
        view.setFocus()
        out.append((beat.span(lambda: _keys(view, _scroll_keys()))[0], beat.cpu_stall))

    _bare_board(w, cells, heads, scroll)
    return out[0]


def one_round(db_path: Path) -> dict[str, tuple[float, float]]:
    """One fresh window: each measure's (longest stall, GUI-thread CPU between two beats), seconds."""
    import gc

    from PySide6.QtCore import QKeyCombination, Qt
    from PySide6.QtGui import QKeySequence

    from kodaira_desk.ui.round.board_dialog import BoardDialog

    out: dict[str, tuple[float, float]] = {}
    beat = Heartbeat()
    w = _window(db_path)
    gc.freeze()  # as kodaira_desk.ui.app.run does once the window is shown

    def board() -> Any:
        found = [d for d in w.findChildren(BoardDialog) if d.isVisible()]
        return found[0] if found and not found[0].grading else None

    def settled() -> bool:
        return board() is not None and w.tasks.idle

    def by_menu() -> None:
        w.act_board.trigger()
        _turn_until(settled)

    out["open"] = (beat.span(by_menu)[0], beat.cpu_stall)
    dialog = board()
    model = dialog.model
    cells = [[str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    heads = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    out["open, bare table"] = (beat.span(lambda: _bare_board(w, cells, heads))[0], beat.cpu_stall)
    dialog.view.setFocus()
    out["scroll"] = (beat.span(lambda: _keys(dialog.view, _scroll_keys()))[0], beat.cpu_stall)
    out["scroll, bare table"] = _bare_scroll(w, cells, heads)

    def other_year() -> None:
        dialog.year.setCurrentIndex((dialog.year.currentIndex() + 1) % dialog.year.count())
        _turn_until(settled)

    out["follow: another year"] = (beat.span(other_year)[0], beat.cpu_stall)

    def thresholds() -> None:
        dialog.achieved.setValue(dialog.achieved.value() - 5)
        dialog.apply_thresholds()
        _turn_until(settled)

    out["follow: thresholds"] = (beat.span(thresholds)[0], beat.cpu_stall)
    save = next(a for a in dialog.actions() if a.shortcut() == QKeySequence(QKeyCombination(
        Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_S)))

    def saved() -> None:
        save.trigger()
        _turn_until(lambda: settled() and not w.editor.dirty)

    out["follow: Ctrl+S"] = (beat.span(saved)[0], beat.cpu_stall)
    dialog.close()
    w.tasks.wait_idle()
    w.close()
    w.db.dispose()
    return out


def main() -> None:
    scales = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [10, 100]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    folder = Path(os.environ.get("KD_BENCH_DBS") or tempfile.mkdtemp(prefix="kd-bench-board-"))
    folder.mkdir(parents=True, exist_ok=True)
    for n in scales:
        db = folder / f"city-x{n}.sqlite"
        if not db.exists():
            build_scaled(db, n)
        load = os.getloadavg()[0]
        runs = []
        for _ in range(rounds):  # each on a fresh copy (Ctrl+S writes the thresholds)
            copy = Path(tempfile.mkdtemp(prefix="kd-bench-board-")) / db.name
            shutil.copyfile(db, copy)
            runs.append(one_round(copy))
        print(f"進捗ボード, city data ×{n}, {ROOT} (median of {rounds} rounds, load average {load:.2f} →"
              f" {os.getloadavg()[0]:.2f}; target: no stall over one frame, 16 ms):", flush=True)
        for what in runs[0]:
            stall = statistics.median(r[what][0] for r in runs)
            cpu = statistics.median(r[what][1] for r in runs)
            print(f"  {what:<24} longest stall {stall * 1000:6.1f} ms (GUI-thread CPU between two beats"
                  f" {cpu * 1000:5.1f} ms; worst round {max(r[what][0] for r in runs) * 1000:6.1f} ms)", flush=True)


if __name__ == "__main__":
    main()
