"""Plans read in bulk kept out of Python's cyclic collector (issue 27).

A prefecture's 300 plans read at once are some 190,000 objects. They live as long as the edit
session, yet the cyclic collector scans each of them: the first young collection after the read
took 60–90 ms on the GUI thread (the collector runs there only: ui/tasks.GuiThreadCollector), and
every older collection scans them again. A plan's objects cannot be in a reference cycle: they are
frozen dataclasses of the domain, and the tuples and frozensets that hold them, all made once and
never changed; reference counting frees them when the session lets a plan go. So, right after a
bulk read, on the thread that read, the young objects that are such — a frozen dataclass of
`kodaira_desk.domain`, a tuple or frozenset holding only untracked objects or such dataclasses (a
value parsed once serves every plan: it may be older), a dict whose keys and values are all such —
are no longer tracked by the collector (`PyObject_GC_UnTrack`, the C
API's own call for this). That is what CPython itself does for a tuple or dict of strings and
numbers; a dict that is later given a tracked value is tracked again by CPython (lists, which are
not, are left alone). Measured at ×100 (297 plans): 0.15 s of the reading thread's CPU; the young
collection after it 80 ms → under 1 ms.
"""

from __future__ import annotations

import ctypes
import gc

_untrack = ctypes.pythonapi.PyObject_GC_UnTrack
_untrack.argtypes = [ctypes.py_object]
_untrack.restype = None

_PLAIN, _FROZEN, _HOLDER = 0, 1, 2
_kinds: dict[type, int] = {tuple: _HOLDER, frozenset: _HOLDER}


def _kind(cls: type) -> int:
    kind = _kinds.get(cls)
    if kind is None:
        params = getattr(cls, "__dataclass_params__", None)
        frozen = params is not None and params.frozen and cls.__module__.startswith("kodaira_desk.domain")
        kind = _kinds[cls] = _FROZEN if frozen else _PLAIN
    return kind


def untrack_young_plans() -> int:
    """Stop the collector tracking the young objects that cannot be in a cycle (see the module's
    text); how many. Call it right after reading plans, on the thread that read them."""
    is_tracked, get_referents = gc.is_tracked, gc.get_referents

    def settled(item: object) -> bool:  # untracked, or a frozen plan object made before (a shared value)
        return not is_tracked(item) or _kind(type(item)) == _FROZEN

    dicts: list[dict[object, object]] = []
    count = 0
    for obj in gc.get_objects(0):  # in the order they were made: what a tuple holds comes first
        cls = type(obj)
        kind = _kinds.get(cls)
        if kind is None:
            kind = _kind(cls)
        if kind == _FROZEN:
            _untrack(obj)
            count += 1
        elif kind == _HOLDER:
            # its items as the collector sees them: a tuple another thread is filling (tracked, some
            # items not set yet, its C code having let this thread run) has fewer, and is left alone
            # (iterating it read a NULL item: a segfault, seen while a window read plans on the GUI
            # thread during this pass)
            items = get_referents(obj)
            if len(items) == len(obj) and all(map(settled, items)):
                _untrack(obj)
                count += 1
        elif cls is dict:
            dicts.append(obj)
    for found in dicts:  # filled after they were made: looked at once every tuple is settled
        if all(map(settled, found)) and all(map(settled, found.values())):
            _untrack(found)
            count += 1
    return count
