"""Qt for Python's enums made without Python's per-member machinery, while the window starts
(issue 27).

Qt for Python makes each enum of a Qt class the first time the class is used, through Python's
functional API: `Enum("AlignmentFlag", [("AlignLeft", 1), …], boundary=KEEP)` (and `IntEnum`,
`Flag`, `IntFlag`). That road runs `EnumType.__new__`'s checks and several Python calls per member
(the `_EnumDict`, each member's `__set_name__`, the class's `__setattr__`, the flags' masks): the
namespace `Qt` alone has 93 enums and some 1,200 members, and the window makes some 220 enums with
3,000 members before it is shown — 50–65 ms of the GUI thread's CPU (12 ms for the bare window's
37). While the window starts, `EnumType._create_` builds a call of Qt for Python's shape (a list of
distinct (public name, int) pairs, no qualname, no mixed-in type, no member named like an
attribute of the enum's base) as `enum._simple_enum` does — the class made by `type` directly —
then sets each member as `_proto_member.__set_name__` would: the same class, attribute for
attribute and in the same order (`tests/ui/test_start_enums.py` compares every enum of QtCore,
QtGui and QtWidgets made both ways), in about a fifth of the time. Any other call goes to Python's
own `_create_`. 3.11's flags changed within 3.11: 3.11.2 (Debian 12's) keeps only the one-bit
members in `_flag_mask_` (the multi-bit ones are counted into `_all_bits_` only) and has no
`_singles_mask_`; 3.11.7 keeps both. The class is made as the running `enum` makes it (`SINGLES`
tells which). Only on the Python versions whose `enum` was compared (3.11.2 and 3.11.7) and when a
probe made both ways agrees (`agrees`); `finish` puts `_create_` back once the window is shown.
"""

from __future__ import annotations

import builtins
import contextlib
import enum
import os
import sys
from collections.abc import Callable
from typing import Any

_CREATE = enum.EnumType._create_  # type: ignore[attr-defined]
_TYPE_SETATTR = type.__setattr__  # an enum class's own check refuses a member's name: set first
_FLAG_OPERATORS = ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__", "__invert__")
_MAKE_UNPICKLABLE: Any = getattr(enum, "_make_class_unpicklable", None)
BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
_TAKEN = {base: {"mro", *(k for b in base.__mro__ for k in vars(b))} for base in BASES}  # names a member cannot have on this road
# the Python versions whose `enum` the test compared member by member (every enum of QtCore, QtGui
# and QtWidgets, `~member`, a dialog's `windowFlags()`): 3.11.2 is Debian 12's
CHECKED = ((3, 11, 2), (3, 11, 7))
# 3.11.7's flags keep `_singles_mask_` (the one-bit members) beside `_flag_mask_` (every member);
# 3.11.2's have no `_singles_mask_` and keep the one-bit members in `_flag_mask_`
SINGLES = "_singles_mask_" in vars(enum.Flag)


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
    """`EnumType._create_` (what `Enum(name, names, …)` calls): Qt for Python's calls built by
    `_build`, any other by Python's own."""
    if module is None:  # as _create_ finds it: the frame that called Enum(…)
        with contextlib.suppress(AttributeError, ValueError, KeyError):
            module = sys._getframe(2).f_globals["__name__"]
    members = _pairs(names) if cls in BASES and qualname is None and type is None and start == 1 else None
    if members is None or not _TAKEN[cls].isdisjoint(members):
        # (called from C with no Python frame, Python's own would take `enum` for the module)
        return _CREATE(cls, class_name, names, module=module, qualname=qualname, type=type,
                       start=start, boundary=boundary)
    made = _build(cls, class_name, members, boundary, "<unknown>" if module is None else module)
    if module is None:  # as _create_ does: a class no one can import again is not pickled
        _MAKE_UNPICKLABLE(made)
    return made


_METHODS: dict[Any, list[tuple[str, Any]]] = {}


def _methods(etype: Any) -> list[tuple[str, Any]]:
    """The methods `EnumType.__new__` sets on a new class of `etype` (its `__repr__`, `__str__`,
    `__format__`, `__reduce_ex__` where the class would find its data type's or `object`'s): the
    same for every class of one base, found once (a new class finds what its base finds)."""
    found = _METHODS.get(etype)
    if found is None:
        member_type = etype._member_type_
        found = _METHODS[etype] = [
            (name, getattr(etype, name)) for name in ("__repr__", "__str__", "__format__", "__reduce_ex__")
            if getattr(etype, name) in (getattr(member_type, name), getattr(object, name))]
    return found


def _build(etype: Any, class_name: str, members: dict[str, int], boundary: Any, module: str) -> Any:
    """The class `EnumType.__new__` makes of these members (3.11's steps, each attribute set in its
    order), without its per-member Python calls: the class made by `type` as `_simple_enum` does,
    then the members set as `_proto_member.__set_name__` sets them (no member's name is an
    attribute of `etype`: `create` sends those to Python's own road)."""
    member_type = etype._member_type_
    new_member, use_args = member_type.__new__, etype._use_args_
    names: list[str] = []
    member_map: dict[str, Any] = {}
    value_map: dict[int, Any] = {}
    flag = issubclass(etype, enum.Flag)
    body: dict[str, Any] = {
        "_generate_next_value_": etype._generate_next_value_, "__module__": module, "_new_member_": new_member,
        "_use_args_": use_args, "_member_names_": names, "_member_map_": member_map, "_value2member_map_": value_map,
        "_unhashable_values_": [], "_member_type_": member_type, "_value_repr_": etype._value_repr_}
    if flag and SINGLES:
        body.update(_boundary_=boundary or etype._boundary_, _flag_mask_=0, _singles_mask_=0, _all_bits_=0,
                    _inverted_=None)
    elif flag:  # (3.11.2: its body's masks are of every member, `_flag_mask_` set to the one-bit ones last)
        body.update(_boundary_=boundary or etype._boundary_, _flag_mask_=0, _all_bits_=0, _inverted_=None)
    body["__doc__"] = None
    made: Any = builtins.type(class_name, (etype,), body, boundary=boundary, _simple=True)
    mask = singles = 0
    setattr_, get, append = _TYPE_SETATTR, value_map.get, names.append
    for name, value in members.items():
        canonical = get(value)
        if canonical is None:  # (an alias's own member is made and dropped: nothing of it is seen)
            canonical = new_member(made, value) if use_args else new_member(made)
            # what __set_name__ sets, in its order (the bases' __init__ is Enum's, which does nothing)
            canonical.__dict__ = {"_value_": value, "_name_": name, "__objclass__": made, "_sort_order_": len(names)}
            value_map[value] = canonical
            if not flag:
                append(name)
            elif value and not value & (value - 1):  # one bit
                append(name)
                singles |= value
            mask |= value
        setattr_(made, name, canonical)  # an alias: the member it names
        member_map[name] = canonical
    # the class's own attributes, set as EnumType.__setattr__ sets them (none is a member's name)
    for name, method in _methods(etype):
        setattr_(made, name, method)
    if flag:
        if SINGLES:
            setattr_(made, "_flag_mask_", mask)
            setattr_(made, "_singles_mask_", singles)
        else:
            setattr_(made, "_flag_mask_", singles)
        setattr_(made, "_all_bits_", 2 ** mask.bit_length() - 1)
        for name in _FLAG_OPERATORS:
            setattr_(made, name, getattr(enum.Flag, name))
    setattr_(made, "__new__", enum.Enum.__new__)
    if flag:
        in_order = [member_map[name]._value_ for name in names]  # (the class's iteration)
        if in_order != sorted(in_order):
            setattr_(made, "_iter_member_", made._iter_member_by_def_)
    return made


_PROBES: tuple[tuple[Any, list[tuple[str, int]]], ...] = (
    (enum.Flag, [("A", 1), ("B", 2), ("AB", 3), ("MASK", 0x30), ("NONE", 0)]),
    (enum.IntFlag, [("A", 1), ("HIGH", 1 << 33), ("ALL", -1), ("B", 4)]),
    (enum.IntEnum, [("X", 3), ("Y", 1), ("Y_TOO", 1)]),
)


def _outcome(call: Any) -> str:
    try:
        return repr(call())
    except Exception as exc:  # how each fails is compared too
        return type(exc).__name__


def _seen(cls: Any) -> list[str]:
    """What a program sees of an enum class: its attributes in order (data ones by value), each
    member's, and the operations Qt's flags meet (~, |, &, a value looked up)."""
    members = list(cls.__members__.values())
    out: list[Any] = [[(k, v if isinstance(v, int | str | type(None)) else type(v).__name__)
                       for k, v in vars(cls).items() if not k.startswith("__")]]
    out += [sorted(vars(m).items(), key=lambda kv: kv[0]) for m in members]
    out += [_outcome(lambda m=m: (~m, m | members[-1], m & members[0], str(m), format(m))) for m in members]
    out += [_outcome(lambda v=v: cls(v)) for v in (0, 3, 5, -1, 1 << 40)]
    return [repr(x) for x in out]


def agrees() -> bool:
    """This Python's own road and `_build` make the same probe classes (a flag with a multi-bit
    member and zero, an int flag with a negative and a high member, aliases): a guard against an
    `enum` changed under the same version number (a distribution's backport)."""
    for base, names in _PROBES:
        own = _CREATE(base, "Probe", names, module=__name__, boundary=enum.KEEP)
        made = _build(base, "Probe", dict(names), enum.KEEP, __name__)
        if _seen(own) != _seen(made):
            return False
    return True


def probe_key() -> tuple[Any, ...] | None:
    """What the probe's answer belongs to: this Python and its `enum` module's file as it is now
    (a distribution's `enum` changed under the same version number changes its file)."""
    try:
        stat = os.stat(enum.__file__)
    except (OSError, TypeError):
        return None
    return ("enum-probe", 1, sys.version, enum.__file__, stat.st_mtime_ns, stat.st_size)


def taken(kept: Callable[[tuple[Any, ...], Callable[[], bool]], bool] | None = None) -> bool:
    """Whether this Python takes the lighter road: a version compared, and the probe agrees (its
    answer for this `enum` kept by `kept`, ui/start_costs.py: the probe is some 1–2 ms)."""
    plain = all(base.__init__ is enum.Enum.__init__ for base in BASES)  # (3.11's: each member's does nothing)
    if not (sys.version_info[:3] in CHECKED and callable(_MAKE_UNPICKLABLE) and plain):
        return False
    key = probe_key() if kept is not None else None
    return kept(key, agrees) if kept is not None and key is not None else agrees()


def start(kept: Callable[[tuple[Any, ...], Callable[[], bool]], bool] | None = None) -> None:
    if taken(kept):
        enum.EnumType._create_ = create  # type: ignore[attr-defined]


def finish() -> None:
    if enum.EnumType._create_ is create:  # type: ignore[attr-defined]
        enum.EnumType._create_ = _CREATE  # type: ignore[attr-defined]
