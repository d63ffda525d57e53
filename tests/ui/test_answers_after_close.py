"""The one runner never calls an answer handler on a destroyed receiver (Qt's context-object rule
for connections, applied to the runner's answers): a dialog closed and deleted while its work is
on the worker hears nothing of it, and nothing raises. Its queries are not even run; its writes
run to their end (no edit lost), and a write's failure is still said through `failed`. A closed
dialog is deleted only once the writes it started have answered."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QLabel

from kodaira_desk.ui.tasks import Op, TaskRunner, free_when_closed


def _delete_now(obj: QDialog) -> None:
    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(obj)


class _Pane(QDialog):
    """A dialog that starts its work the way the window's dialogs do: closures using `self`."""

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.runner = runner
        self.label = QLabel(self)
        self.heard: list[str] = []

    def read(self, fn: object) -> Op:
        def done(text: str) -> None:
            self.label.setText(text)  # a deleted label: RuntimeError, before
            self.heard.append(text)

        return self.runner.run_query(fn, (), done, name="read")  # type: ignore[arg-type]

    def write(self, fn: object) -> Op:
        return self.runner.run_op(fn, (), self._written, name="write")  # type: ignore[arg-type]

    def _written(self, text: str) -> None:
        self.label.setText(text)
        self.heard.append(text)


def _held(runner: TaskRunner) -> threading.Event:
    """The worker kept busy until the returned event is set."""
    release = threading.Event()
    runner.run_op(lambda: release.wait(10), (), name="held")
    return release


def test_a_closed_dialogs_answers_go_nowhere_and_its_queued_query_is_not_run(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    pane = _Pane(runner)
    release = _held(runner)
    ran: list[str] = []
    read = pane.read(lambda: ran.append("read") or "read")
    write = pane.write(lambda: ran.append("write") or "written")
    _delete_now(pane)  # closed and freed while both wait their turn
    release.set()
    runner.wait_idle()  # (the answers arrive: nothing raised, nobody called back)
    assert ran == ["write"]  # the write was made; the read of a dialog gone was not
    assert read.done and read.cancelled and write.done and write.result == "written"
    assert runner.idle and not runner.busy


def test_an_answer_arriving_after_the_receiver_was_destroyed_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closed while its work runs on the worker (not merely queued)."""
    runner = TaskRunner()
    pane = _Pane(runner)
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "late"

    op = pane.write(slow)
    assert started.wait(10)
    heard = pane.heard
    _delete_now(pane)
    release.set()
    op.wait_done()
    assert heard == [] and op.result == "late"


def test_a_write_failing_after_its_dialog_closed_is_still_said(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    failures: list[str] = []
    runner.failed.connect(lambda name, _e: failures.append(name))
    pane = _Pane(runner)
    release = _held(runner)

    def fails() -> None:
        raise OSError("disk full")

    errors: list[BaseException] = []
    runner.run_op(fails, (), on_error=errors.append, name="save", context=pane)
    _delete_now(pane)
    release.set()
    runner.wait_idle()
    assert errors == [] and failures == ["save"]  # the handler of the dialog gone is not called


def test_a_closed_dialog_is_freed_after_its_write_answered(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    pane = _Pane(runner)
    free_when_closed(pane, runner)
    pane.open()
    release = _held(runner)
    pane.write(lambda: "written")
    heard = pane.heard
    pane.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shiboken6.isValid(pane)  # its write is still on its way
    release.set()
    runner.wait_idle()
    assert heard == ["written"]  # heard by the closed dialog, then it is freed
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(pane)


def test_the_runner_keeps_no_operation_it_has_answered(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each Op was the runner's child, kept for the session with its result."""
    runner = TaskRunner()
    for _ in range(5):
        runner.run_op(lambda: bytearray(1 << 20), ()).wait()
    assert runner.findChildren(Op) == []


def test_a_closed_dialog_waits_for_work_that_names_no_receiver(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A handler holding the dialog otherwise than as `self` (a function of the window's, as the
    plan editor's 元に戻す): the closed dialog is freed only after it ran, on a dialog still there."""
    runner = TaskRunner()
    dialog = free_when_closed(QDialog(), runner)
    label = QLabel(dialog)
    dialog.open()
    release = _held(runner)
    runner.run_op(lambda: "undone", (), lambda text: label.setText(text), name="plan-undo")
    dialog.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shiboken6.isValid(dialog)
    release.set()
    runner.wait_idle()  # (before the wait: RuntimeError, the label deleted with its dialog)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)
