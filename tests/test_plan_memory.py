"""Plans read in bulk are kept out of the cyclic collector (services/plan_memory.py, issue 27): their
frozen objects are no longer scanned, they are the same plans, and what can be in a cycle — lists,
objects of other classes, a dict given a list later — is still collected."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from pathlib import Path

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services import plans
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_memory import untrack_young_plans


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
    gc.disable()  # as in the window: the collector runs on the GUI thread's timer only
    try:
        ids = [pid for pid, _title in plans.list_plans(db)]
        gc.collect()
        trees = plans.load_some(db, ids)
        tracked_before = sum(gc.is_tracked(o) for t in trees for o in _objects_of(t))
        untracked = untrack_young_plans()
        young = {id(o) for o in gc.get_objects(0)}  # what the next young collection would scan
        objects = [o for t in trees for o in _objects_of(t)]
        again = plans.load_some(db, ids)
    finally:
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
    untrack_young_plans()
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
        "from kodaira_desk.services.plan_memory import untrack_young_plans\n"
        "new = ctypes.pythonapi.PyTuple_New\n"
        "new.argtypes = [ctypes.c_ssize_t]\n"
        "new.restype = ctypes.py_object\n"
        "half = new(2)\n"  # a tuple being filled: tracked, its two items not set yet
        "assert gc.is_tracked(half)\n"
        "untrack_young_plans()\n"
        "assert gc.is_tracked(half)\n"  # left to the collector, as it was
        "print('ok')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", (run.returncode, run.stderr[-500:])
