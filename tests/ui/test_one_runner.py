"""One worker for every database call of the window (issue 23): the looks for others' writes are
queries on the window's own runner (Anki's QueryOp), not a second runner. A query never makes the
window busy; an operation started during it (Ctrl+S) is not refused and runs after it, in turn."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from PySide6.QtGui import QAction

import kodaira_desk
from kodaira_desk.ui.tasks import TaskRunner

UI = Path(kodaira_desk.__file__).parent / "ui"


def test_a_query_does_not_make_the_window_busy_and_an_operation_waits_its_turn(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    save = QAction()
    runner.guard([save])
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    release = threading.Event()
    order: list[str] = []
    threads: set[int] = set()

    def look() -> str:
        threads.add(threading.get_ident())
        assert release.wait(10)
        order.append("look")
        return "mark"

    def write() -> str:
        threads.add(threading.get_ident())
        order.append("save")
        return "saved"

    query = runner.run_query(look, (), lambda mark: order.append(f"took {mark}"), name="change_mark")
    assert not runner.busy and not runner.idle and save.isEnabled() and busy == []
    op = runner.run_op(write, (), lambda result: order.append(f"took {result}"), name="save")
    assert runner.busy and not save.isEnabled() and busy == [True]
    release.set()
    assert op.wait() == "saved"
    # in turn on one worker thread; each result delivered on the GUI thread in the same order (the
    # worker does not wait for the GUI thread: "save" may run before "took mark" is delivered)
    assert query.done and [x for x in order if not x.startswith("took")] == ["look", "save"]
    assert [x for x in order if x.startswith("took")] == ["took mark", "took saved"]
    assert len(threads) == 1
    assert not runner.busy and runner.idle and save.isEnabled() and busy == [True, False]


def test_a_failed_query_is_not_reported_as_a_failed_operation(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    failed: list[str] = []
    runner.failed.connect(lambda name, _e: failed.append(name))
    errors: list[BaseException] = []

    def look() -> None:
        raise ConnectionError("server gone")

    runner.run_query(look, (), on_error=errors.append, name="change_mark")
    runner.wait_idle()
    assert failed == [] and isinstance(errors[0], ConnectionError)


def test_the_window_makes_one_runner_only() -> None:
    """Every TaskRunner( in ui/ is the main window's own (the dialogs are handed it)."""
    made = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "TaskRunner":
                made.append(path.relative_to(UI).as_posix())
    assert made == ["window/main_window.py"]
