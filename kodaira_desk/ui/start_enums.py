"""Qt for Python's enums made the way Python's own modules make theirs, while the window starts
(issue 27).

Qt for Python makes each enum of a Qt class the first time the class is used, through Python's
functional API: `Enum("AlignmentFlag", [("AlignLeft", 1), …], boundary=KEEP)` (and `IntEnum`,
`Flag`, `IntFlag`). That road goes through `EnumType.__new__`'s checks member by member (the
`_EnumDict`, each member's `__set_name__`, the aliases' and the flags' bookkeeping): the namespace
`Qt` alone has 93 enums, some 30 ms of the window's start-up, about 200 enums in all before the
window is shown. Python's standard library makes its own enums (`re.RegexFlag`, `http.HTTPStatus`,
…) through `enum._simple_enum`, which builds the same class without those checks, in about half the
time. While the window starts, `EnumType._create_` takes that road for a call of Qt for Python's
shape (a list of distinct (public name, int) pairs, no qualname, no mixed-in type), giving the same
class — its members, aliases, masks, documentation, module and picklability as the functional API
gives them (`tests/ui/test_start_enums.py` compares every enum of QtCore, QtGui and QtWidgets made
both ways) — and any other call goes to Python's own `_create_`. Only on the Python version whose
`enum` was compared (3.11); `finish` puts `_create_` back once the window is shown.
"""

from __future__ import annotations

import builtins
import contextlib
import enum
import sys
from typing import Any

_CREATE = enum.EnumType._create_  # type: ignore[attr-defined]
_SIMPLE_ENUM: Any = getattr(enum, "_simple_enum", None)
_MAKE_UNPICKLABLE: Any = getattr(enum, "_make_class_unpicklable", None)
BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
CHECKED = (3, 11)  # the version whose `enum` the test compared member by member


def _pairs(names: Any) -> dict[str, int] | None:
    """The members of a list of distinct (public name, int) pairs, or None for any other shape."""
    if type(names) is not list:
        return None
    members: dict[str, int] = {}
    for item in names:
        if type(item) is not tuple or len(item) != 2:
            return None
        name, value = item
        if type(name) is not str or type(value) is not int or not name or name[0] == "_" or name in members:
            return None
        members[name] = value
    return members


def create(cls: Any, class_name: Any, names: Any, *, module: Any = None, qualname: Any = None,
           type: Any = None, start: int = 1, boundary: Any = None) -> Any:
    """`EnumType._create_` (what `Enum(name, names, …)` calls): Qt for Python's calls through
    `_simple_enum`, any other through Python's own."""
    if module is None:  # as _create_ finds it: the frame that called Enum(…)
        with contextlib.suppress(AttributeError, ValueError, KeyError):
            module = sys._getframe(2).f_globals["__name__"]
    members = _pairs(names) if cls in BASES and qualname is None and type is None and start == 1 else None
    if members is None:  # (from C with no Python frame and no module, it would find `enum`'s)
        return _CREATE(cls, class_name, names, module=module, qualname=qualname, type=type,
                       start=start, boundary=boundary)
    plain = builtins.type(class_name, (), {**members, "__module__": "<unknown>" if module is None else module})
    made = _SIMPLE_ENUM(cls, boundary=boundary)(plain)
    made.__doc__ = None  # the functional API gives none ("An enumeration." is _simple_enum's)
    if module is None:  # as _create_ does: a class no one can import again is not pickled
        _MAKE_UNPICKLABLE(made)
    return made


def start() -> None:
    if sys.version_info[:2] == CHECKED and callable(_SIMPLE_ENUM) and callable(_MAKE_UNPICKLABLE):
        enum.EnumType._create_ = create  # type: ignore[attr-defined]


def finish() -> None:
    if enum.EnumType._create_ is create:  # type: ignore[attr-defined]
        enum.EnumType._create_ = _CREATE  # type: ignore[attr-defined]
