"""The dialogs that need every plan (the hand-out, the collection) read the plans not read yet on
the window's one worker, not on the GUI thread (issue 27). 進捗ボード opens at once and reads them
with its grading (`read_plans` in its operation: ui/round/board_dialog.py), unless a read is under way.

Since the window reads a plan when it is opened, a prefecture's 300 plans are mostly unread when
the 進捗ボード or a round's dialog opens; reading them on the GUI thread froze the window for a
second at ×100. `every_plan_read(w, again)` says whether they are all in memory; when they are
not, it reads the others on the runner (a query: the window's other actions stay on), shows a
waiting box after a moment (「計画を読み込んでいます…」, with キャンセル), puts the plans into the
edit session on the GUI thread and calls `again()` — the action that asked, which opens its dialog.

The tree's search box, 課 and 未入力のみ look at every plan's rows and take the same road
(`filtering=True`): their box does not take the focus nor block the window, so typing goes on into
the search box while the plans are read (no second read starts; the filter applied when they are
in is what the controls then say). キャンセル there leaves the text, the 課 and the tick as they are
and the tree as it was, unfiltered by them; the next change of a filter (or Enter) applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.plan_trees import Loader
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.tasks import Progress

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window

# Plans read at a time, their objects then kept out of the collector: a read of 297 plans (×100)
# lasts longer than the collector holds off while the worker works (ui/tasks.GuiThreadCollector,
# 3 s) on a loaded machine, and its young collections on the GUI thread then scanned the plans
# being read — 120,000–220,000 objects, 20–68 ms each at load 7 (issue 27: the first search).
READ_CHUNK = 48

SHOW_AFTER_MS = 200  # a read shorter than this shows no box (a flash is worse than a short wait)


class _Reading:
    """The one read of the unread plans in flight for a window, and the action waiting for it."""

    def __init__(self, w: Window, again: Callable[[], object] | None, count: int, modal: bool) -> None:
        self.window = w
        self.again = again
        self.refilter: Callable[[], object] | None = None  # the tree's filters, waiting beside `again`
        self.cancelled = False
        self.box = QProgressDialog(w.tr("計画を読み込んでいます（{n} 件）…").format(n=count),
                                   w.tr("キャンセル"), 0, 0, w)
        self.box.setObjectName("readingPlans")
        self.box.setWindowTitle(w.tr("読み込み中"))
        if modal:
            self.box.setWindowModality(Qt.WindowModality.WindowModal)
        else:  # a filter's: the person types on into the search box
            self.box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.box.setMinimumDuration(0)
        self.box.setAutoClose(False)
        self.box.setAutoReset(False)
        self.box.canceled.connect(self._cancel)
        self.box.hide()  # QProgressDialog shows itself after minimumDuration otherwise
        QTimer.singleShot(SHOW_AFTER_MS, self._show)

    def _show(self) -> None:
        if not self.cancelled and self.box is not None:
            self.box.show()

    def _cancel(self) -> None:
        self.cancelled = True  # the plans still come in; the dialog asked for does not open
        if self.refilter is not None:  # nor is the filter applied: the tree stays as it was
            self.window.statusBar().showMessage(
                self.window.tr("計画の読み込みを取り消しました。絞り込みは掛けていません。"), 8000)

    def close(self) -> None:
        box, self.box = self.box, None  # type: ignore[assignment]
        if box is not None:
            box.canceled.disconnect(self._cancel)
            box.close()
            box.deleteLater()


def every_plan_read(w: Window, again: Callable[[], object], *, filtering: bool = False) -> bool:
    """True when every plan of the session is in memory. Otherwise the others are read on the
    runner and `again()` is called once they are in (unless the person cancelled): False.
    `filtering`: `again` applies the tree's filters (kept beside a dialog's action, not instead)."""
    trees = w.editor.trees
    unread = trees.unread()
    if not unread:
        return True
    reading: _Reading | None = getattr(w, "_reading_plans", None)
    start = reading is None
    if reading is None:
        reading = _Reading(w, None, len(unread), modal=not filtering)
    elif reading.cancelled:  # asked again after キャンセル, the read still running: wait for it
        reading.again = reading.refilter = None
        reading.cancelled = False
        QTimer.singleShot(SHOW_AFTER_MS, reading._show)
    if filtering:  # typed again while reading: the latest filter is applied, once
        reading.refilter = again
    else:  # pressed again while reading: the latest action opens
        reading.again = again
    if start:
        _read(w, reading, unread)
    return False


def _read(w: Window, reading: _Reading, unread: list[str]) -> None:
    trees = w.editor.trees
    w._reading_plans = reading  # type: ignore[attr-defined]

    def done(read: list[PlanTree]) -> None:
        w._reading_plans = None  # type: ignore[attr-defined]
        reading.close()
        trees.take(read)  # a session read again meanwhile (the plan editor) reads its own
        if reading.cancelled:
            return
        for then in (reading.refilter, reading.again):
            if then is not None:
                then()

    def failed(exc: BaseException) -> None:
        w._reading_plans = None  # type: ignore[attr-defined]
        reading.close()
        w.statusBar().showMessage(w.tr("計画を読み込めません: {error}").format(error=message_of(exc)), 10000)

    w.tasks.run_query(read_plans, (trees.reader(), unread), done, on_error=failed, name="read-plans")


def read_plans(reader: Loader, ids: list[str], progress: Progress | None = None) -> list[PlanTree]:
    """The plans `ids` read by `reader` (the session's, on the worker) a chunk at a time, ready for
    the GUI thread to take in; `progress(read, total)` after each chunk (it raises once cancelled)."""
    from kodaira_desk.services.plan_memory import untrack_plans

    plans: list[PlanTree] = []
    for start in range(0, len(ids), READ_CHUNK):  # (see READ_CHUNK)
        chunk = reader(ids[start:start + READ_CHUNK])
        for tree in chunk:  # the years the window lists, worked out here rather than on the GUI thread
            _ = tree.years
        untrack_plans(chunk)  # never scanned by the GUI thread's collector (issue 27: 80 ms at ×100)
        plans += chunk
        if progress is not None:
            progress(len(plans), len(ids))
    return plans
