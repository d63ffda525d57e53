"""Plans read in bulk kept out of Python's cyclic collector (issue 27).

A prefecture's 300 plans read at once are some 190,000 objects. They live as long as the edit
session, yet the cyclic collector scans each of them: the first young collection after the read
took 60–90 ms on the GUI thread (the collector runs there only: ui/tasks.GuiThreadCollector), and
every older collection scans them again. A plan's objects cannot be in a reference cycle: they are
frozen dataclasses of the domain, and the tuples and frozensets that hold them, all made once and
never changed; reference counting frees them when the session lets a plan go. So, right after a
bulk read, on the thread that read, the objects reachable from what it read that are such — a
frozen dataclass of `kodaira_desk.domain`, a tuple or frozenset holding only untracked objects or
such dataclasses (a value parsed once serves every plan: it may be older), a dict whose keys and
values are all such — are no longer tracked by the collector (`PyObject_GC_UnTrack`, the C API's
own call for this). That is what CPython itself does for a tuple or dict of strings and numbers; a
dict that is later given a tracked value is tracked again by CPython (lists, which are not, are
left alone). Measured at ×100 (297 plans): 0.15 s of the reading thread's CPU; the young
collection after it 80 ms → under 1 ms.

Only what the caller hands over is walked (`gc.get_referents` from those roots, into tuples,
frozensets, lists, dicts and objects of this package's classes; never into types, modules or
functions, so never into shared module state), and each container is read through one
`gc.get_referents` call (a list made in C: nothing of another thread runs meanwhile). It once
scanned every young object of every thread (`gc.get_objects(0)`, review 2 item 1): holding a
reference to a tuple another thread was still building from a generator made that thread's
`_PyTuple_Resize` fail (SystemError in the GUI thread), and a young dict another thread filled
changed size under its loop (RuntimeError on the worker, after a collection had committed). Being
an optimisation only, it never fails the action that calls it: an error is logged and ignored.
"""

from __future__ import annotations

import ctypes
import gc
import logging
from collections.abc import Iterable

_log = logging.getLogger(__name__)

_untrack = ctypes.pythonapi.PyObject_GC_UnTrack
_untrack.argtypes = [ctypes.py_object]
_untrack.restype = None

# what a type's objects are to the walk: not entered; entered only (a list, a mutable object of
# ours); a frozen plan object (untracked); a tuple or frozenset, a dict (untracked when all they hold is)
_SKIP, _ENTER, _FROZEN, _HOLDER, _DICT = 0, 1, 2, 3, 4
_kinds: dict[type, int] = {tuple: _HOLDER, frozenset: _HOLDER, dict: _DICT, list: _ENTER}


def _kind(cls: type) -> int:
    kind = _kinds.get(cls)
    if kind is None:
        module = getattr(cls, "__module__", "") or ""
        params = getattr(cls, "__dataclass_params__", None)
        if params is not None and params.frozen and module.startswith("kodaira_desk.domain"):
            kind = _FROZEN
        elif module.startswith("kodaira_desk.") and not issubclass(cls, BaseException):
            kind = _ENTER  # an object of ours (a window's row, a plan's search texts): what it holds
        else:
            kind = _SKIP
        _kinds[cls] = kind
    return kind


def untrack_plans(*roots: object) -> int:
    """Stop the collector tracking the objects reachable from `roots` that cannot be in a cycle
    (see the module's text); how many. Call it right after reading plans, on the thread that read
    them, with what it read. Never raises."""
    try:
        return _untrack_from(roots)
    except Exception:  # an optimisation: never the reason a user action fails
        _log.warning("plan_memory: untracking skipped", exc_info=True)
        return 0


def _walk(roots: Iterable[object]) -> list[list[object]]:
    """The objects worth looking at under `roots`, level by level (breadth first: one
    `gc.get_referents` call a level, its untracked items — strings, numbers — left out in C)."""
    is_tracked, get_referents, kinds = gc.is_tracked, gc.get_referents, _kinds
    seen: set[int] = set()
    levels: list[list[object]] = []
    # a root is always looked into: a frozen plan object's own __dict__ may have been given a
    # cached value since it was untracked (CPython tracks that dict again)
    level = [r for r in roots if _kind(type(r)) != _SKIP]
    seen.update(map(id, level))
    while level:
        levels.append(level)
        found: list[object] = []
        for item in filter(is_tracked, get_referents(*level)):
            if id(item) in seen:
                continue
            seen.add(id(item))
            kind = kinds.get(type(item))
            if (kind if kind is not None else _kind(type(item))) != _SKIP:
                found.append(item)
        level = found
    return levels


def _untrack_from(roots: Iterable[object]) -> int:
    is_tracked, get_referents, kinds = gc.is_tracked, gc.get_referents, _kinds

    def settled(item: object) -> bool:  # untracked, or a frozen plan object (untracked with the rest)
        return not is_tracked(item) or kinds.get(type(item)) == _FROZEN

    count = 0
    left: list[object] = []
    for level in reversed(_walk(roots)):  # what an object holds before it
        for obj in level:
            kind = kinds[type(obj)]
            if kind == _FROZEN:
                if is_tracked(obj):
                    _untrack(obj)
                    count += 1
            elif kind != _ENTER and is_tracked(obj):
                left.append(obj)
                items = get_referents(obj)  # what it holds, read at once in C
                # (a tuple another thread is still filling — tracked, items not set yet — has
                # fewer: left alone)
                if (kind == _DICT or len(items) == len(obj)) and all(map(settled, items)):  # type: ignore[arg-type]
                    _untrack(obj)
                    count += 1
                    left.pop()
    for obj in left:  # a holder met before something it holds (shared by a nearer holder): once more
        items = get_referents(obj)
        if (kinds[type(obj)] == _DICT or len(items) == len(obj)) and all(map(settled, items)):  # type: ignore[arg-type]
            _untrack(obj)
            count += 1
    return count
