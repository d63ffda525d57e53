"""The tree's search, 課 and 未入力のみ worked out on the window's one runner when the plans are many.

With a prefecture's 300 plans (11,400 rows) a filter made every plan's rows and tested each on the
GUI thread: a character typed in the search froze the window for seconds (issue 27). Now, past
SYNC_ROWS rows, the runner makes the rows of the plans a filter shows and works out which rows it
shows (ui/window/tree_rows.find: their texts, scopes and marks kept per plan, so the next keystroke
tests kept texts), while the tree says 「検索しています…」 under it. A newer keystroke (or 課, or
tick) supersedes the older work: the runner drops it between two plans, and its answer is never
shown. An answer worked out on plans the session has since read again is worked out again; the
unsaved edits' marks (未入力のみ) are taken on the GUI thread, for the plans they are in. The tree
then takes the answer in one layout change, collapsed, and opens what it shows (Qt's row-by-row
filter change walks every persistent index per removed run of rows: 21 s for a 課 at ×100).
When every filter is off again (few rows or many), the rows open before the first filter are opened
again, and no others; the item the person is on is selected again and scrolled into sight.

Fewer rows (the city's 111): worked out on the GUI thread at once, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QObject, QSignalBlocker, QTimer

from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.window.tree_paint import RowImages
from kodaira_desk.ui.window.tree_rows import SYNC_ROWS, Found, Query, RowIndex, Shown, find
from kodaira_desk.ui.window.tree_view import PlanTreeView

__all__ = ["PlanTreeView", "TreeSearch"]

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QTreeView

    from kodaira_desk.ui.editor import Editor
    from kodaira_desk.ui.tasks import TaskRunner
    from kodaira_desk.ui.window.tree_filter import NodeFilter
    from kodaira_desk.ui.window.tree_model import PlanTreeModel


class MainWindow(Protocol):
    """What is used of the window (ui/window/main_window.py makes one of these)."""

    model: PlanTreeModel
    proxy: NodeFilter
    tree_view: QTreeView
    editor: Editor
    tasks: TaskRunner
    current: tuple[str, str | None] | None

    def statusBar(self) -> QStatusBar: ...
    def tr(self, text: str) -> str: ...
    def _show_no_match(self) -> None: ...

OPEN_SLICE_S = 0.004  # opening the rows a filter shows: at most this much of a turn, then the next turn
SAY_AFTER_MS = 150  # 「検索しています…」 only for an answer that keeps the person waiting


class TreeSearch(QObject):
    """The window's filters on its tree (one per window)."""

    def __init__(self, w: MainWindow, parent: QObject) -> None:
        super().__init__(parent)
        self.w = w
        self.index = RowIndex()  # the runner's: used by one job at a time, on the worker
        self.generation = 0  # read by the runner's job: a newer one supersedes it
        self.asked: Query | None = None  # the query being worked out on the runner
        self.then: Callable[[], object] | None = None  # to do once it is shown (Enter: the first match)
        self.saying = False  # 「検索しています…」 shown under the tree
        self._before: list[tuple[str, str | None]] | None = None  # rows open before a filter on many rows
        self._say = QTimer(self)
        self._say.setSingleShot(True)
        self._say.setInterval(SAY_AFTER_MS)
        self._say.timeout.connect(self._saying)
        self._held = False  # the tree's painting held while plans below its bottom are opened
        view = w.tree_view
        self._opening = -1  # the generation whose rows `_open_some` is opening
        self.rows = RowImages(w.model, w.proxy, view)  # each row's image drawn again, not its text shaped
        self.rows.wait_while = lambda: self.busy or self._opening == self.generation
        view.setItemDelegate(self.rows)
        view.verticalScrollBar().valueChanged.connect(self._paint_again)  # what is shown moves: paint it
        view.selectionModel().currentChanged.connect(self._paint_again)

    @property
    def busy(self) -> bool:
        """A filter is being worked out: the tree shows the one before it."""
        return self.asked is not None

    def apply(self, q: Query, expand: bool, then: Callable[[], object] | None = None) -> None:
        """Show what `q` shows: at once for few rows, from the runner for many."""
        w = self.w
        if self.asked == q and then is None:
            return  # asked again while worked out (a 課 chosen again): one answer will do
        if self.asked == q:
            self.then = then
            return
        self.generation += 1
        self._paint_again()  # the opening of the answer before stops here
        self.slice_paints()
        many = w.model.row_total() > SYNC_ROWS
        if not q.active or not many:
            self._done_asking()
            if not q.active and not w.proxy.query.active and (many or not expand):
                if then is not None:
                    then()
                return  # nothing filtered before nor now: the tree stays as it is (its rows open too)
            w.model.set_department(q.department, quiet=many)  # many: the whole tree laid out again
            self._show(q, w.proxy.work_out(q) if q.active else {}, expand, many)
            if then is not None:
                then()
            return
        self.asked, self.then = q, then
        self._say.start()
        generation = self.generation
        w.tasks.run_query(
            find, (self.index, w.editor.trees.loaded(), w.model.unbuilt(), q, lambda: self.generation != generation),
            lambda found: self._found(generation, found, expand), on_error=lambda exc: self._failed(generation, exc),
            name="filter-tree")

    def _found(self, generation: int, found: Found | None, expand: bool) -> None:
        if generation != self.generation or found is None:
            return  # a newer filter was asked: this answer is never shown
        w = self.w
        then = self.then
        trees = w.editor.trees.loaded()
        if trees.keys() != found.trees.keys() or any(trees[p] is not t for p, t in found.trees.items()):
            self.asked = None
            self.apply(found.query, expand, then)  # plans read again meanwhile: worked out on them
            return
        self._done_asking()
        q = found.query
        # the marks count what the 課 the tree shows must fill (asked again as the whole tree is laid out)
        w.model.set_department(q.department, quiet=True)
        w.model.take_rows(found.staged, found.trees)
        shown = self._with_edits(q, found.shown) if q.only_missing else found.shown
        self._show(q, shown, expand, True)
        if then is not None:
            then()

    def _with_edits(self, q: Query, shown: dict[str, Shown]) -> dict[str, Shown]:
        """未入力のみ with the unsaved edits: the plans they are in worked out again here."""
        w = self.w
        edited = {w.editor.node_of(t)[0] for t in w.editor.pending()}
        if not edited:
            return shown
        out = dict(shown)
        for pid in edited:
            if not w.editor.trees.is_loaded(pid):
                continue
            rows = w.proxy.work_out_plan(q, pid)
            if rows:
                w.model.fetch(pid)  # its rows made, if the stored answer did not show it (one plan)
                out[pid] = rows
            else:
                out.pop(pid, None)
        return out

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.generation:
            self._done_asking()
            self.w.statusBar().showMessage(self.w.tr("検索できません: {error}").format(error=message_of(exc)), 10000)

    def _done_asking(self) -> None:
        self.asked = self.then = None
        self._say.stop()
        if self.saying:
            self.saying = False
            self.w._show_no_match()

    def _saying(self) -> None:
        if self.asked is not None:
            self.saying = True
            self.w._show_no_match()

    def _show(self, q: Query, shown: dict[str, Shown], expand: bool, many: bool) -> None:
        w = self.w
        view = w.tree_view
        self.slice_paints()
        if isinstance(view, PlanTreeView):
            view.defer_paint()  # painted (a slice a turn) from the next turn on, not in this one
        if q.active and not w.proxy.query.active:
            self._before = self._open_rows()  # given back when every filter is off again
        if not many:
            w.proxy.show(q, shown)
            if expand:
                view.expandAll()
            if not q.active and self._before is not None:  # the search's opened rows closed again
                view.collapseAll()
                self._reopen()
            w._show_no_match()
            return
        # the tree takes the answer with no row open: one layout, few indexes kept
        view.collapse_all() if isinstance(view, PlanTreeView) else view.collapseAll()
        w.proxy.show(q, shown, whole=True)
        if q.active:  # the tree laid out and painted first, then opened a few plans a turn
            generation = self._opening = self.generation
            QTimer.singleShot(1, lambda: self._open_some(generation, 0))
        else:
            self._reopen()
        w._show_no_match()

    def slice_paints(self) -> None:
        """The tree's next paints (the rows a filter shows, as they are opened) a slice a turn."""
        view = self.w.tree_view
        if isinstance(view, PlanTreeView):
            view.paint_in_slices()

    def _open_some(self, generation: int, row: int) -> None:
        """Open the rows shown, plan by plan from the top, for at most OPEN_SLICE_S of the GUI
        thread's time a turn; the next plans on the next turn (a newer filter stops it).

        Qt repaints the whole tree after every turn that opens a row, though a plan opened below
        the tree's bottom changes nothing shown: once the next plan to open is below it, the tree
        is not painted until the last is open (one paint then; scrolling or moving in the tree
        paints it again at once: `_paint_again`)."""
        if generation != self.generation:
            return
        self.slice_paints()  # (for as long as the rows are being opened)
        proxy = self.w.proxy
        view = self.w.tree_view
        start = time.thread_time()
        plans = proxy.rowCount()
        while row < plans:
            self._open(proxy.index(row, 0))
            row += 1
            if time.thread_time() - start > OPEN_SLICE_S:
                break
        if row >= plans:
            self._opening = -1
            self._paint_again()
            return
        if not self._held and view.visualRect(proxy.index(row, 0)).top() > view.viewport().height():
            self._held = True
            view.setUpdatesEnabled(False)
        # a timer, not a posted call: the window paints (what is shown) and takes input in between
        QTimer.singleShot(1, lambda: self._open_some(generation, row))

    def _paint_again(self, *_args: object) -> None:
        """The tree painted again after `_open_some` held it (one paint of all it opened)."""
        if self._held:
            self._held = False
            self.w.tree_view.setUpdatesEnabled(True)

    def _open(self, idx: QModelIndex) -> None:
        proxy = self.w.proxy
        rows = proxy.rowCount(idx)
        if rows:
            self.w.tree_view.expand(idx)
            for r in range(rows):
                self._open(proxy.index(r, 0, idx))

    def _open_rows(self) -> list[tuple[str, str | None]]:
        w = self.w
        out: list[tuple[str, str | None]] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(w.proxy.rowCount(parent)):
                idx = w.proxy.index(r, 0, parent)
                if w.tree_view.isExpanded(idx):
                    out.append(w.model.item_at(w.proxy.mapToSource(idx)))
                    walk(idx)
        walk(QModelIndex())
        return out

    def _reopen(self) -> None:
        w = self.w
        for plan_id, key in self._before or []:
            idx = w.proxy.mapFromSource(w.model.index_of(plan_id, key))
            if idx.isValid():
                w.tree_view.expand(idx)
        self._before = None
        view = w.tree_view
        current = view.currentIndex()
        kept = w.proxy.mapFromSource(w.model.index_of(*w.current)) if w.current is not None else QModelIndex()
        if kept.isValid() and kept != current:  # the item the form shows, hidden by the filter: selected again
            with QSignalBlocker(view.selectionModel()):  # (the form shows it already: not loaded again)
                view.setCurrentIndex(kept)
            view.viewport().update()
            current = kept
        if current.isValid():
            view.scrollTo(current)
