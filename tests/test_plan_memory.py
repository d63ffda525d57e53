"""Plans read in bulk are kept out of the cyclic collector (services/plan_memory.py, issue 27): their
frozen objects are no longer scanned, they are the same plans, and what can be in a cycle — lists,
objects of other classes, a dict given a list later — is still collected."""

from __future__ import annotations

import dataclasses
import gc
import logging
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services import plans
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_memory import untrack_plans


class _Node:
    def __init__(self) -> None:
        self.me: object = None


def _objects_of(tree: PlanTree) -> list[object]:
    """The plan's own objects: its frozen dataclasses and the tuples, frozensets and dicts under them."""
    seen: dict[int, object] = {}
    todo: list[object] = [tree]
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        frozen = dataclasses.is_dataclass(obj) and not isinstance(obj, type) and type(obj).__dataclass_params__.frozen  # type: ignore[attr-defined]
        if not (frozen or type(obj) in (tuple, frozenset, dict)):
            continue
        seen[id(obj)] = obj
        todo.extend(gc.get_referents(obj))
    return list(seen.values())


def test_plans_read_are_untracked_and_unchanged(built_db_template: Path) -> None:
    db = open_database(built_db_template, create=False)
    enabled = gc.isenabled()  # put back as found: a window's collector may have turned it off
    gc.disable()  # as in the window: the collector runs on the GUI thread's timer only
    try:
        ids = [pid for pid, _title in plans.list_plans(db)]
        gc.collect()
        trees = plans.load_some(db, ids)
        tracked_before = sum(gc.is_tracked(o) for t in trees for o in _objects_of(t))
        untracked = untrack_plans(trees)
        young = {id(o) for o in gc.get_objects(0)}  # what the next young collection would scan
        objects = [o for t in trees for o in _objects_of(t)]
        again = plans.load_some(db, ids)
    finally:
        if enabled:
            gc.enable()
        db.dispose()
    assert tracked_before > 1000 and untracked > 1000
    # nothing of them for a young collection to scan (what is still tracked was made before the
    # read, in an older generation: a value parsed once serves every plan read after it)
    left = [o for o in objects if id(o) in young]
    assert not left, [(type(o).__name__, repr(o)[:80]) for o in left[:3]]
    assert trees == again  # the same plans, field for field
    assert {t.plan.id for t in trees} == set(ids) and all(t.years for t in trees)


def test_what_can_be_in_a_cycle_is_still_collected() -> None:
    gc.collect()
    cycle = _Node()
    cycle.me = [cycle]  # a list and an object of our own in a cycle
    held = {"a": "b"}  # a dict of strings: CPython does not track it anyway
    ref = weakref.ref(cycle)
    untrack_plans(cycle.me, held, cycle)
    later = _Node()
    held["node"] = later  # given an object afterwards: tracked again, its cycle collected
    later.me = held
    ref_later = weakref.ref(later)
    assert gc.is_tracked(held)
    del cycle, held, later
    gc.collect()
    assert ref() is None and ref_later() is None


def test_a_tuple_another_thread_is_still_filling_is_left_alone() -> None:
    """The pass runs on the window's worker while the GUI thread may be reading plans itself: a
    tuple its C code made (tracked, its items not set yet) when it let the worker run was iterated
    and read a NULL item — a segfault in the suite. Run in a process of its own: a crash fails here."""
    import subprocess
    import sys

    code = (
        "import ctypes, gc\n"
        "from kodaira_desk.services.plan_memory import untrack_plans\n"
        "new = ctypes.pythonapi.PyTuple_New\n"
        "new.argtypes = [ctypes.c_ssize_t]\n"
        "new.restype = ctypes.py_object\n"
        "half = new(2)\n"  # a tuple being filled: tracked, its two items not set yet
        "assert gc.is_tracked(half)\n"
        "untrack_plans(half, [half])\n"
        "assert gc.is_tracked(half)\n"  # left to the collector, as it was
        "print('ok')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", (run.returncode, run.stderr[-500:])


def _race(untrack: Callable[[], object], seconds: float = 2.0) -> tuple[list[str], list[str]]:
    """Another thread (the GUI thread: the collector disabled, as ui/tasks.GuiThreadCollector has it)
    builds tuples from generators and fills young dicts with plan objects while this one untracks
    again and again (review 2, item 1); the errors seen there and here."""
    there: list[str] = []
    here: list[str] = []
    stop = threading.Event()

    def gui() -> None:
        n = 0
        while not stop.is_set():
            try:
                built = tuple(str(i) for i in range(200))  # _PyTuple_Resize: needs the only reference
                filled: dict[int, object] = {}
                for i in range(300):
                    filled[i] = FiscalYear(2000 + i % 50)
                assert len(built) == 200 and len(filled) == 300
            except (SystemError, RuntimeError) as exc:
                there.append(repr(exc))
            n += 1
            if n % 2000 == 0:
                gc.collect(0)

    enabled, interval = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(0.0005)
    thread = threading.Thread(target=gui, daemon=True)
    thread.start()
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                untrack()
            except Exception as exc:  # (the old pass raised on this thread)
                here.append(repr(exc))
    finally:
        stop.set()
        thread.join(30)
        sys.setswitchinterval(interval)
        if enabled:
            gc.enable()
    return there, here


def test_untracking_never_breaks_another_threads_work(caplog: pytest.LogCaptureFixture) -> None:
    """It once scanned every young object of every thread: a tuple the GUI thread was building from
    a generator failed there (SystemError: bad argument to internal function), a dict it was
    filling changed size under the worker's loop (RuntimeError after a collection committed). Now
    only what the worker read is walked, and nothing of it can fail the action."""
    untracked: list[int] = []

    def worker_reads() -> None:  # plan objects this thread made, handed over as what it read
        read = {str(i): (FiscalYear(2000 + i % 50), (str(i), FiscalYear(1990 + i % 7))) for i in range(300)}
        untracked.append(untrack_plans(read))
        assert not gc.is_tracked(read["5"])

    with caplog.at_level(logging.WARNING, logger="kodaira_desk.services.plan_memory"):
        there, here = _race(worker_reads)
    assert not there, there[:3]
    assert not here, here[:3]
    assert not caplog.records, [r.getMessage() for r in caplog.records[:3]]
    assert untracked and min(untracked) > 300  # it did its work every time


def test_a_failing_untracking_does_not_fail_the_action(caplog: pytest.LogCaptureFixture,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An optimisation only: whatever goes wrong in it is logged, and the caller carries on."""
    from kodaira_desk.services import plan_memory

    def broken(obj: object) -> None:
        raise RuntimeError("dictionary changed size during iteration")

    monkeypatch.setattr(plan_memory, "_untrack", broken)
    with caplog.at_level(logging.WARNING, logger="kodaira_desk.services.plan_memory"):
        assert untrack_plans((FiscalYear(2026),)) == 0
    assert any("untracking skipped" in r.getMessage() for r in caplog.records)
