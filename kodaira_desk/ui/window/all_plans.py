"""The dialogs that need every plan (the board, the hand-out, the collection) read the plans not
read yet on the window's one worker, not on the GUI thread (issue 27).

Since the window reads a plan when it is opened, a prefecture's 300 plans are mostly unread when
the 進捗ボード or a round's dialog opens; reading them on the GUI thread froze the window for a
second at ×100. `every_plan_read(w, again)` says whether they are all in memory; when they are
not, it reads the others on the runner (a query: the window's other actions stay on), shows a
waiting box after a moment (「計画を読み込んでいます…」, with キャンセル), puts the plans into the
edit session on the GUI thread and calls `again()` — the action that asked, which opens its dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.workspace import message_of

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window

SHOW_AFTER_MS = 200  # a read shorter than this shows no box (a flash is worse than a short wait)


class _Reading:
    """The one read of the unread plans in flight for a window, and the action waiting for it."""

    def __init__(self, w: Window, again: Callable[[], object], count: int) -> None:
        self.again = again
        self.cancelled = False
        self.box = QProgressDialog(w.tr("計画を読み込んでいます（{n} 件）…").format(n=count),
                                   w.tr("キャンセル"), 0, 0, w)
        self.box.setObjectName("readingPlans")
        self.box.setWindowTitle(w.tr("読み込み中"))
        self.box.setWindowModality(Qt.WindowModality.WindowModal)
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

    def close(self) -> None:
        box, self.box = self.box, None  # type: ignore[assignment]
        if box is not None:
            box.canceled.disconnect(self._cancel)
            box.close()
            box.deleteLater()


def every_plan_read(w: Window, again: Callable[[], object]) -> bool:
    """True when every plan of the session is in memory. Otherwise the others are read on the
    runner and `again()` is called once they are in (unless the person cancelled): False."""
    trees = w.editor.trees
    unread = trees.unread()
    if not unread:
        return True
    reading: _Reading | None = getattr(w, "_reading_plans", None)
    if reading is not None:  # pressed again while reading: the latest action opens
        reading.again = again
        return False
    reading = _Reading(w, again, len(unread))
    w._reading_plans = reading  # type: ignore[attr-defined]

    def done(read: list[PlanTree]) -> None:
        w._reading_plans = None  # type: ignore[attr-defined]
        reading.close()
        trees.take(read)  # a session read again meanwhile (the plan editor) reads its own
        if not reading.cancelled:
            reading.again()

    def failed(exc: BaseException) -> None:
        w._reading_plans = None  # type: ignore[attr-defined]
        reading.close()
        w.statusBar().showMessage(w.tr("計画を読み込めません: {error}").format(error=message_of(exc)), 10000)

    w.tasks.run_query(trees.reader(), (unread,), done, on_error=failed, name="read-plans")
    return False
