"""What closed dialogs leave in the window: 進捗ボード and 監査ログ opened and closed OPENINGS times
each (through their menu actions, closed with Escape), then the dialogs and widgets inside the
window, and the GUI-thread CPU time (time.thread_time) of switching the language to English and
back (every widget there is retranslated): the median of SWITCHES switches, beside the same switch
in a fresh window before any opening (the baseline, same run).

    python benchmarks/bench_dialogs_kept.py [OPENINGS]

Before the closed dialogs were freed (this session): 50 dialogs, 2,166 widgets after 25 each.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_window import _window  # noqa: E402
from benchmarks.scale import build_scaled  # noqa: E402

OPENINGS = 25
SWITCHES = 5


def _settle(w: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    w.tasks.wait_idle()
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open_and_close(w: Any, action: Any) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QDialog

    before = set(w.findChildren(QDialog))
    action.trigger()
    for _ in range(10_000):
        shown = [d for d in w.findChildren(QDialog) if d.isVisible() and d not in before]
        if shown:
            break
        QApplication.processEvents()
        time.sleep(0.001)
    else:
        raise RuntimeError(f"{action.text()} did not open")
    w.tasks.wait_idle()
    QApplication.processEvents()
    dialog = shown[0]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(dialog, QKeyEvent(kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    _settle(w)


def _switch_ms(w: Any) -> float:
    """GUI-thread CPU of English and back, median of SWITCHES."""
    from PySide6.QtWidgets import QApplication

    times = []
    for _ in range(SWITCHES):
        t0 = time.thread_time()
        w.lang_actions["en"].trigger()
        QApplication.processEvents()
        w.lang_actions["ja"].trigger()
        QApplication.processEvents()
        times.append((time.thread_time() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    from PySide6.QtWidgets import QDialog, QWidget

    openings = int(sys.argv[1]) if len(sys.argv) > 1 else OPENINGS
    db_path = build_scaled(Path(tempfile.mkdtemp(prefix="kd-bench-dialogs-")) / "city.sqlite", 1)
    w = _window(db_path)
    _settle(w)
    baseline = _switch_ms(w)
    for action in (w.act_board, w.act_audit):
        for _ in range(openings):
            _open_and_close(w, action)
    _settle(w)
    dialogs, widgets = len(w.findChildren(QDialog)), len(w.findChildren(QWidget))
    after = _switch_ms(w)
    print(f"after {openings} openings each of 進捗ボード and 監査ログ: {dialogs} dialogs, {widgets} widgets in the window")
    print(f"language switch (English and back), GUI-thread CPU, median of {SWITCHES}: "
          f"{after:.1f} ms (fresh window: {baseline:.1f} ms)")
    w.tasks.wait_idle()
    w.close()


if __name__ == "__main__":
    main()
