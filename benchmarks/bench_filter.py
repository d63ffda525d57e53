"""The longest GUI-thread stall while the tree is filtered: a search word typed, a 課 chosen,
未入力のみ ticked (issue 27: a prefecture's 300 plans, most not read when the window opens).

Each filter is used as a person does, in a window of its own per scale (city data, ×10, ×100): the
search word typed one key at a time (a key every KEY_GAP_MS, the event loop turning between keys),
until the tree shows its matches; the search cleared with Escape; a 課 chosen in the 課 box; back to
every 課; 未入力のみ ticked, and unticked. A 5 ms heartbeat on the GUI thread gives the longest gap
between two beats (until 0.5 s after the tree was filtered: what the window leaves for later counts)
and the GUI thread's own CPU between two beats. Baselines in the same run: one frame (16 ms), and the
same filter at city data (×1).

`bench_filter.py [1,10,100] [word]`.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEY_GAP_MS = 120  # a quick typist's pace
BARE: list[tuple[str, float]] = []  # the bare tree's figures, from the same process
WORD = "子育て"
DEPARTMENT = "子育て支援課"


def _pump(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _settled(w: Any) -> bool:
    """The filters the controls say are on the tree (no read, no search pending)."""
    searching = getattr(w, "searching", None)
    return (w.tasks.idle and getattr(w, "_reading_plans", None) is None
            and not (searching is not None and searching.busy))


def _wait_settled(w: Any) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    while not _settled(w):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def _visible_rows(w: Any) -> int:
    def under(parent: Any) -> int:
        n = w.proxy.rowCount(parent)
        return n + sum(under(w.proxy.index(r, 0, parent)) for r in range(n))
    from PySide6.QtCore import QModelIndex

    return under(QModelIndex())


def _actions(w: Any, word: str) -> list[tuple[str, Any]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def type_word() -> None:
        w.search.setFocus()
        for ch in word:  # as the input method commits each character of a Japanese word
            if ch.isascii():
                QTest.keyClicks(w.search, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(w.search, event)
            _pump(KEY_GAP_MS)
        _wait_settled(w)

    def escape() -> None:
        w.activateWindow()  # offscreen: the plans' reading box (shown without activating) took it
        QTest.qWaitForWindowActive(w, 2000)
        w.search.setFocus()
        QTest.keyClick(w.search, Qt.Key.Key_Escape)
        _wait_settled(w)
        assert not w.search.text(), "Escape did not reach the search box (the window not active?)"

    def choose(text: str) -> Any:
        def act() -> None:
            w.dept_combo.setCurrentIndex(max(0, w.dept_combo.findText(text)))
            _wait_settled(w)
        return act

    def tick() -> None:
        w.missing.click()
        _wait_settled(w)

    return [(f"search 「{word}」 typed", type_word), ("Escape", escape),
            (f"課 {DEPARTMENT}", choose(DEPARTMENT)), ("課 （すべての課）", choose("（すべての課）")),
            ("未入力のみ ticked", tick), ("未入力のみ unticked", tick),
            (f"search 「{word}」 again", type_word), ("Escape again", escape)]


def bare(w: Any, word: str) -> list[tuple[str, float]]:
    """The baseline: a bare QTreeView on a QStandardItemModel holding the same rows' labels, through a
    QSortFilterProxyModel filtering recursively on a search box's text, typed and cleared as above
    (the tree opened whole while searching, as ours opens what it shows): Qt's own cost of the same."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QTreeView, QVBoxLayout, QWidget

    from benchmarks.bench_window import Heartbeat
    from kodaira_desk.ui.window.tree_rows import label_of

    w.editor.trees.load_all()
    model = QStandardItemModel()
    for tree in w.editor.trees.loaded().values():
        items = {None: QStandardItem(tree.plan.title)}
        model.appendRow(items[None])
        for node in tree.nodes:
            items[node.key] = QStandardItem(label_of(tree, node))
            items[node.parent_key].appendRow(items[node.key])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box, view, top = QLineEdit(), QTreeView(), QWidget()
    view.setModel(proxy)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    lay = QVBoxLayout(top)
    lay.addWidget(box)
    lay.addWidget(view)

    def on_text(text: str) -> None:
        proxy.setFilterFixedString(text.strip())
        if text.strip():
            view.expandAll()
    box.textChanged.connect(on_text)
    top.resize(380, 700)
    top.show()
    for row in range(proxy.rowCount()):
        view.expand(proxy.index(row, 0))
    QApplication.processEvents()

    def type_word() -> None:
        box.setFocus()
        for ch in word:
            if ch.isascii():
                QTest.keyClicks(box, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(box, event)
            _pump(KEY_GAP_MS)

    def escape() -> None:
        box.clear()
        _pump(KEY_GAP_MS)

    from PySide6.QtGui import QInputMethodEvent

    beat = Heartbeat()
    out = []
    for name, action in ((f"search 「{word}」 typed", type_word), ("Escape", escape)):
        beat.span(action)
        out.append((name, beat.cpu_stall))
    top.close()
    return out


def run(db_path: Path, label: str, word: str) -> list[tuple[str, float, float, float, int]]:
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_window import Heartbeat, _window

    w = _window(db_path)
    w.activateWindow()  # Escape is the search box's shortcut: the window must be the active one
    QApplication.processEvents()
    gc.freeze()  # as kodaira_desk.ui.app.run does once the window is shown
    beat = Heartbeat()
    out = []
    for name, action in _actions(w, word):
        stall, took = beat.span(action)
        out.append((name, stall, took, beat.cpu_stall, _visible_rows(w)))
    global BARE
    BARE = bare(w, word)
    w.close()
    w.db.dispose()
    return out


def one(db: Path, label: str, word: str) -> None:
    t0 = time.perf_counter()
    rows = run(db, label, word)
    print(f"filtering the tree, {label} (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())};"
          f" {time.perf_counter() - t0:.1f} s; baseline: one frame, 16 ms, and the same at city data):")
    for name, stall, took, cpu_stall, shown in rows:
        print(f"  {name:<24} longest stall {stall * 1000:7.0f} ms   GUI-thread CPU between two beats"
              f" {cpu_stall * 1000:7.1f} ms   done after {took * 1000:6.0f} ms   rows in the tree {shown}")
    print("  beside it, a bare QTreeView + QStandardItemModel + recursive QSortFilterProxyModel, same rows:")
    for name, cpu_stall in BARE:
        print(f"  {name:<24} (bare Qt)                 GUI-thread CPU between two beats {cpu_stall * 1000:7.1f} ms")


def main() -> None:
    """Each scale in a process of its own (a window of its own, the active one)."""
    import subprocess

    from benchmarks.scale import build_scaled
    from kodaira_desk.services.database import build_database

    if sys.argv[1:2] == ["--one"]:
        one(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
        return
    scales = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [1, 10, 100]
    word = sys.argv[2] if len(sys.argv) > 2 else WORD
    kept = os.environ.get("KD_BENCH_DIR")  # masters built before (city.sqlite, x10.sqlite, x100.sqlite)
    tmp = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="kd-bench-filter-"))

    def master(n: int) -> Path:
        path = tmp / ("city.sqlite" if n == 1 else f"x{n}.sqlite")
        if kept and path.exists():
            return path
        return build_database(path) if n == 1 else build_scaled(path, n)

    for n in scales:
        label = "city data" if n == 1 else f"city data ×{n}"
        subprocess.run([sys.executable, __file__, "--one", str(master(n)), label, word], check=True,
                       stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
