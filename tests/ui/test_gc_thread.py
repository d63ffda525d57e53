"""Garbage with Qt objects in it is freed on the GUI thread, never on the worker (a crash there)."""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from kodaira_desk.ui.tasks import TaskRunner


class _Cycle:
    freed_on: ClassVar[list[int]] = []

    def __init__(self) -> None:
        self.me = self  # only the cyclic collector frees it

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.get_ident())


def _allocate_a_lot() -> int:
    # enough container allocations that an automatic collection would start here, on the worker
    return len([[i] for i in range(200_000)])


def test_cycles_are_collected_on_the_gui_thread_only(qtbot: Any) -> None:
    runner = TaskRunner()
    assert not gc.isenabled()  # no automatic collection: it could start on the worker
    gui = threading.get_ident()
    _Cycle.freed_on.clear()
    for _ in range(2000):
        _Cycle()
    op = runner.run_op(_allocate_a_lot)
    op.wait()
    qtbot.waitUntil(lambda: len(_Cycle.freed_on) == 2000, timeout=10000)  # the GUI-thread timer
    assert set(_Cycle.freed_on) == {gui}



def test_a_runner_made_after_someone_turned_collection_on_turns_it_off_again(qtbot: Any) -> None:
    TaskRunner()  # the application's collector is installed (or already was)
    gc.enable()  # e.g. a library, or a test, turning automatic collection back on
    try:
        TaskRunner()
        assert not gc.isenabled()  # a worker's allocations never start a collection there
    finally:
        gc.disable()
