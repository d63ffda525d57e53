"""One worker for database work: slow operations run off the GUI thread, one at a time.

`TaskRunner.run_op(fn, args, on_done, progress)` runs `fn(*args, progress=step)` on the runner's
single worker thread (a QThreadPool with one thread, as Anki's task manager keeps all collection
work on one thread), and delivers the result or the error on the GUI thread through queued signals.
`step(done, total)` posts progress to the GUI thread and raises `Cancelled` once `Op.cancel()` was
called, so a long collection or PDF stops between two steps. While an operation runs the runner is
`busy`, and the actions registered with `guard()` are disabled: a person cannot start a second save
or collection in the middle of the first one.

`run_query(fn, args, on_done)` is a read the window makes by itself (Anki's QueryOp beside its
CollectionOp): looking for what others saved on a server. It runs on the same worker, in turn, but
does not make the runner busy: Ctrl+S pressed during a look is not refused, it runs after it. There
is no second runner: every database call of the window goes through this one worker.

An operation is started for a receiver, its `context` (Qt's rule for a connection's context
object): a dialog, a pane; by default the QObject whose method `on_done` is, or uses as `self`.
Once that object is destroyed, its answer (result, error, progress) is dropped: no handler ever
runs on a deleted dialog, whatever was queued before or after it closed. A query or a cancellable
operation of it not yet started is skipped, one running is cancelled at its next step; a write
runs to its end (no edit is lost), and an error of it is still said, through `failed`.
`free_when_closed(dialog, runner)` deletes a closed dialog once the writes it started answered.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from kodaira_desk.ui import a11y, switch_interval

log = logging.getLogger(__name__)
SWITCH_INTERVAL_S = 0.001

Progress = Callable[[int, int], None]
D = TypeVar("D", bound=QDialog)


class Cancelled(Exception):
    """Raised inside an operation by its progress callback once the person pressed cancel."""


class _Signals(QObject):
    """Emitted on the worker thread, received by this object's own slots. The object lives on the
    GUI thread, so Qt queues each emission and the callbacks run there."""

    progressed = Signal(int, int)
    finished = Signal(object, object)  # (result, error)

    def __init__(self, on_progress: Progress | None, on_finished: Callable[[object, object], None]) -> None:
        super().__init__()
        self._on_progress, self._on_finished = on_progress, on_finished
        self.progressed.connect(self._progressed)
        self.finished.connect(self._finished)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)

    @Slot(object, object)
    def _finished(self, result: object, error: object) -> None:
        self._on_finished(result, error)


class Op(QObject):
    """One running operation: cancel it, or wait for it while the event loop keeps running.

    Kept by whoever holds it, not by the runner (as the runner's child each one stayed for the
    session with its result: a preview's rendered pages, a workbook read)."""

    def __init__(self, name: str, context: QObject | None = None) -> None:
        super().__init__()
        self.name = name
        self.quiet = False  # a query: does not make the runner busy
        self.skippable = False  # a query or a cancellable operation: not started once its context is gone
        self.context = context  # the receiver of its answer: none is delivered once it is destroyed
        self.dropped = False  # its context was destroyed: its answer goes to nobody
        self.done = False
        self.then: list[Callable[[], None]] = []  # the runner's own, after its answer (delete_when_answered)
        self.result: object = None
        self.error: BaseException | None = None
        self.thread_id: int | None = None  # the worker thread that ran it (threading.get_ident)
        self._cancel = threading.Event()
        self._loop: QEventLoop | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def drop(self) -> None:
        """Its context was destroyed: its answer is dropped, and the work stops where it may."""
        self.dropped = True
        self._cancel.set()

    @property
    def gone(self) -> bool:
        """Its answer has no receiver: its context was destroyed (or is being destroyed)."""
        return self.dropped or (self.context is not None and not shiboken6.isValid(self.context))

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)

    def step(self, signals: _Signals) -> Progress:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise Cancelled
            # A PDF reports every row: posting thousands of events would make the GUI thread
            # spend its time on them. At most one every 40 ms, and always the last one.
            now = time.monotonic()
            if done >= total or now - last[0] >= 0.04:
                last[0] = now
                signals.progressed.emit(done, total)

        return progress

    def wait(self) -> object:
        """Run the event loop until the operation ended; its result, or its error raised."""
        self.wait_done()
        if self.error is not None:
            raise self.error
        return self.result

    def wait_done(self) -> None:
        """Run the event loop until the operation ended (its error is not raised here)."""
        if not self.done:
            self._loop = QEventLoop()
            self._loop.exec()
            self._loop = None

    def _finish(self, result: object, error: BaseException | None) -> None:
        self.result, self.error, self.done = result, error, True
        if self._loop is not None:
            self._loop.quit()


class _Job(QRunnable):
    def __init__(self, op: Op, fn: Callable[..., Any], args: tuple[Any, ...], signals: _Signals,
                 with_progress: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.op, self.fn, self.args, self.signals, self.with_progress = op, fn, args, signals, with_progress

    def run(self) -> None:
        self.op.thread_id = threading.get_ident()
        if self.op.dropped and self.op.skippable:  # its dialog closed while it waited its turn
            self._deliver(None, Cancelled())
            return
        try:
            kwargs = {"progress": self.op.step(self.signals)} if self.with_progress else {}
            result = self.fn(*self.args, **kwargs)
        except BaseException as exc:  # delivered to the GUI thread, never lost on the worker
            self._deliver(None, exc)
            return
        self._deliver(result, None)

    def _deliver(self, result: object, error: BaseException | None) -> None:
        # RuntimeError ("Signal source has been deleted"): the application quit while this ran
        # (its runner and the window are gone); there is nobody to tell, and the traceback Qt for
        # Python printed on the way out said nothing
        with contextlib.suppress(RuntimeError):
            self.signals.finished.emit(result, error)


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only.

    Left automatic, a collection may start on the worker thread (any allocation can trigger it)
    and free Qt objects there: windows and dialogs of the GUI thread destroyed from another
    thread crash the process (seen in the suite: a segfault inside a collection on the worker).
    Anki does the same (aqt's GarbageCollector): automatic collection off, and the generations
    collected from a GUI-thread timer with the thresholds Python would use.

    Beating faster while an operation runs was tried (issue 27) and measured worse: each young
    collection promotes what survived, so ten times the young collections meant generation-1
    collections of 22–25 ms in the middle of an export or an import, and more collecting in all.
    The other way round holds: while an operation runs on the worker, nothing is collected (for
    up to HOLD_S). A collection then scanned the worker's live objects — a workbook being read,
    plans being merged: 57,000 young objects, 60–170 ms on the GUI thread in the middle of a
    collection or a plan import's preview — and promoted them, to be scanned again by the
    older generations. Once the operation ends, most of them are gone (freed as their last
    reference goes), and the next beat collects what is left.
    """

    NAME = "kodairaGuiThreadCollector"
    INTERVAL_MS = 250
    HOLD_S = 3.0  # an operation longer than this is collected during it, as before
    running = 0  # operations on the worker now (every TaskRunner counts its own in)
    since = 0.0  # when the worker last started working (running went from 0 to 1)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(self.NAME)
        gc.disable()
        self._thresholds = gc.get_threshold()
        self._last = time.monotonic()  # the last collection
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> None:
        t0, t1, t2 = self._thresholds
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        now = time.monotonic()
        if GuiThreadCollector.running and now - max(self._last, GuiThreadCollector.since) < self.HOLD_S:
            return  # the worker's objects: most will be gone when it ends
        gc.collect(2 if c2 > t2 else 1 if c1 > t1 else 0)
        self._last = now

    @classmethod
    def install(cls) -> None:
        """Once per application, from the GUI thread (the first TaskRunner does it)."""
        app = QCoreApplication.instance()
        if cls.instance() is None and app is not None:
            cls(app)
        elif app is not None:
            gc.disable()  # the collector is there: whoever turned automatic collection on again, not on the worker

    @classmethod
    def instance(cls) -> GuiThreadCollector | None:
        app = QCoreApplication.instance()
        found = app.findChild(QObject, cls.NAME) if app is not None else None
        return found if isinstance(found, GuiThreadCollector) else None


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    failed = Signal(str, object)  # (operation name, error) when no on_error was given

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        GuiThreadCollector.install()  # before any work reaches the worker thread
        # The worker's Python holds the interpreter's lock; the GUI thread waiting for it gets it
        # after the switch interval: Python's 5 ms made the window miss its frames while an
        # export or an import ran in Python on the worker (issue 27). 1 ms: a frame is not missed.
        switch_interval.set_session(SWITCH_INTERVAL_S)  # (not under a write's shortened one)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one worker: database work is never concurrent
        self._running: list[Op] = []
        self._guarded: list[QAction] = []
        self._keep: set[_Signals] = set()

    @property
    def busy(self) -> bool:
        """An operation (not a query) is queued or running: the guarded actions are disabled."""
        return any(not op.quiet for op in self._running)

    @property
    def idle(self) -> bool:
        """Nothing queued or running, queries included."""
        return not self._running

    def guard(self, actions: Iterable[QAction]) -> None:
        """Actions that would re-enter an operation: disabled while one runs."""
        self._guarded.extend(actions)

    def run_op(self, fn: Callable[..., Any], args: tuple[Any, ...] = (),
               on_done: Callable[[Any], None] | None = None, progress: Progress | None = None, *,
               on_error: Callable[[BaseException], None] | None = None, name: str = "",
               with_progress: bool | None = None, quiet: bool = False, context: QObject | None = None) -> Op:
        """Run `fn(*args[, progress=step])` on the worker; `on_done(result)` on the GUI thread.

        `fn` gets a `progress` keyword when `progress` is given (or `with_progress` is true).
        `quiet`: a query (run_query), which does not make the runner busy.
        `context`: the receiver of the answer (a dialog, a pane); by default the QObject whose method
        `on_done`, `on_error` or `progress` is or uses as `self`. Once it is destroyed, none of them
        is called.
        """
        use_progress = progress is not None if with_progress is None else with_progress
        op = Op(name or getattr(fn, "__name__", "op"),
                context if context is not None else _receiver(on_done, on_error, progress))
        op.quiet, op.skippable = quiet, quiet or use_progress
        watch = None
        if op.context is not None and shiboken6.isValid(op.context):
            watch = op.context.destroyed.connect(op.drop)
        elif op.context is not None:
            op.drop()  # started for what is already gone

        def finished(result: object, error: object) -> None:
            GuiThreadCollector.running -= 1
            self._keep.discard(signals)
            if watch is not None:
                with contextlib.suppress(RuntimeError):
                    QObject.disconnect(watch)
            err = error if isinstance(error, BaseException) else None
            op._finish(result, err)
            self._running.remove(op)
            if not op.quiet and not self.busy:
                self._set_busy(False)
            if op.gone:
                self._dropped(op, err)
            elif err is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(err)
            elif not isinstance(err, Cancelled):
                log.error("operation %s failed", op.name, exc_info=err)
                self.failed.emit(op.name, err)
            for then in op.then:
                then()

        def progressed(done: int, total: int) -> None:
            if progress is not None and not op.gone:
                progress(done, total)

        signals = _Signals(progressed, finished)
        self._keep.add(signals)
        was_busy = self.busy
        self._running.append(op)
        if not was_busy and self.busy:
            self._set_busy(True)
            a11y.prepare_announcements()  # (its result is announced: made ready meanwhile)
        if not GuiThreadCollector.running:
            GuiThreadCollector.since = time.monotonic()
        GuiThreadCollector.running += 1
        self._pool.start(_Job(op, fn, args, signals, use_progress))
        return op

    def _dropped(self, op: Op, err: BaseException | None) -> None:
        """The answer of `op`, whose receiver is gone: nobody is called back. A write that failed
        is still said (by the window, through `failed`): its dialog closed, the failure did not."""
        if err is None or isinstance(err, Cancelled) or op.quiet:
            log.debug("operation %s answered after its receiver was destroyed: dropped (%r)", op.name, err)
            return
        log.error("operation %s failed after its receiver was destroyed", op.name, exc_info=err)
        self.failed.emit(op.name, err)

    def delete_when_answered(self, obj: QObject) -> None:
        """`obj.deleteLater()` once the operations that may answer to it have: its writes (a closed
        dialog still hears how its last write went) and whatever has no context (a handler that
        holds the dialog another way than as `self`). Not waited for: its queries and what was
        cancelled (their answers are dropped once it is gone), and what is for others."""
        if not shiboken6.isValid(obj):
            return
        waited = [op for op in self._running if not op._cancel.is_set()
                  and (op.context is None or (not op.quiet and _within(op.context, obj)))]
        if waited:
            waited[-1].then.append(lambda: self.delete_when_answered(obj))  # (then again: one queued since?)
        else:
            obj.deleteLater()

    def run_query(self, fn: Callable[..., Any], args: tuple[Any, ...] = (),
                  on_done: Callable[[Any], None] | None = None, *,
                  on_error: Callable[[BaseException], None] | None = None, name: str = "",
                  context: QObject | None = None) -> Op:
        """A read the window makes by itself (Anki's QueryOp): on the one worker, in turn, without
        making the runner busy or disabling the guarded actions."""
        return self.run_op(fn, args, on_done, on_error=on_error, name=name, quiet=True, context=context)

    def _set_busy(self, busy: bool) -> None:
        for a in self._guarded:
            a.setEnabled(not busy)
        self.busy_changed.emit(busy)

    def wait_idle(self) -> None:
        """Let queued operations and queries end (closing the window). Their errors went to their
        on_error or to `failed` already: none is raised here."""
        while self._running:
            self._running[-1].wait_done()


def free_when_closed(dialog: D, tasks: TaskRunner | None = None) -> D:
    """Once closed (`finished`), `dialog` is deleted — after the writes it started on `tasks` have
    answered — so a dialog opened again is a new one showing what is stored now. Without it each
    opening stayed hidden inside its parent for the session (25 openings of 進捗ボード and 監査ログ:
    50 dialogs, 2,166 widgets, each given every later language and font change)."""
    def free(_result: int) -> None:
        if tasks is not None:
            tasks.delete_when_answered(dialog)
        elif shiboken6.isValid(dialog):
            dialog.deleteLater()

    dialog.finished.connect(free)
    return dialog


def _receiver(*callbacks: Callable[..., Any] | None) -> QObject | None:
    """The object the answer is for: the QObject of the first callback that is one's bound method
    (Qt's rule for a connection to an object's slot), or that was written in one's method and uses
    it (`self`, as the dialogs' `done` and `failed` do)."""
    for callback in callbacks:
        owner = getattr(callback, "__self__", None)
        code, cells = getattr(callback, "__code__", None), getattr(callback, "__closure__", None)
        if owner is None and code is not None and cells and "self" in code.co_freevars:
            with contextlib.suppress(ValueError):  # (an empty cell)
                owner = cells[code.co_freevars.index("self")].cell_contents
        if isinstance(owner, QObject):
            return owner
    return None


def _within(context: QObject | None, obj: QObject) -> bool:
    """`context` is `obj` or one of its descendants."""
    while context is not None and shiboken6.isValid(context):
        if context is obj:
            return True
        context = context.parent()
    return False
