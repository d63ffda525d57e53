"""Qt for Python's enums made through `enum._simple_enum` while the window starts
(ui/start_enums.py, issue 27): every enum of QtCore, QtGui and QtWidgets is the same class as
Python's functional API makes, and any other call of the functional API answers as Python's."""

from __future__ import annotations

import enum
import json
import os
import pickle
import subprocess
import sys
from typing import Any

import pytest

from kodaira_desk.ui import start_enums

PROBE = """
import enum, json, pickle, sys
if sys.argv[1] == "simple":
    from kodaira_desk.ui import start_enums
    start_enums.start()
from PySide6 import QtCore, QtGui, QtWidgets
from tests.ui.test_start_enums import fingerprint
seen, out = set(), {}
def walk(owner, path):
    for name in sorted(vars(owner)) if isinstance(owner, type) else sorted(dir(owner)):
        try:
            value = getattr(owner, name)
        except Exception:
            continue
        if isinstance(value, enum.EnumType) and value not in seen:
            seen.add(value)
            out[f"{path}.{name}"] = fingerprint(value)
        elif isinstance(value, type) and value.__module__.startswith("PySide6") and value not in seen \\
                and not isinstance(value, enum.EnumType) and path.count(".") < 3:
            seen.add(value)
            walk(value, f"{path}.{name}")
for module in (QtCore, QtGui, QtWidgets):
    walk(module, module.__name__)
# what a window meets: a dialog's flags with one taken away (every focus change into a dialog)
app = QtWidgets.QApplication([])
dialog = QtWidgets.QDialog()
flags = dialog.windowFlags()
out["a dialog's windowFlags()"] = [repr(flags), repr(flags & ~QtCore.Qt.WindowType.WindowContextHelpButtonHint),
                                   repr(~QtCore.Qt.WindowType.Dialog), repr(~QtCore.Qt.AlignmentFlag.AlignLeft)]
dialog.setWindowFlags(flags & ~QtCore.Qt.WindowType.WindowContextHelpButtonHint)
out["a dialog's windowFlags() set"] = repr(dialog.windowFlags())
print(json.dumps(out))
"""


def _outcome(call: Any) -> str:
    try:
        return repr(call())
    except Exception as exc:  # what is compared is how each fails too
        return f"{type(exc).__name__}: {exc}"


def fingerprint(cls: Any) -> list[Any]:
    """What a program can see of an enum class: its members and aliases, the flags' masks and
    combinations, values looked up (unknown ones too), texts, documentation, module, pickling."""
    members = list(cls)
    out: list[Any] = [
        cls.__module__, cls.__qualname__, cls.__doc__, [b.__name__ for b in cls.__mro__],
        [(name, m._name_, m._value_) for name, m in cls.__members__.items()], list(cls._member_names_),
        sorted(map(repr, cls._value2member_map_)), len(cls), [repr(m) for m in members],
        [(str(m), format(m), f"{m!r}", m._sort_order_) for m in cls.__members__.values()],
        sorted(k for k in vars(cls) if not k.startswith("__")),
        [_outcome(lambda v=v: cls(v)) for v in (*cls._value2member_map_, -1, 0, 3, 1 << 40)],
        _outcome(lambda: pickle.loads(pickle.dumps(members[0])) is members[0]) if members else None,
        cls.__new__ is enum.Enum.__new__, getattr(cls, "_boundary_", None) and str(cls._boundary_),
        [list(vars(m).items()) for m in cls.__members__.values()],  # each member's attributes, in order
        [(n, type(vars(cls)[n]).__name__, vars(cls)[n] is cls.__members__[n]) for n in cls.__members__],
        list(vars(cls)),  # the class's own attributes in their order
    ]
    if issubclass(cls, enum.Flag):
        out += [cls._flag_mask_, cls._all_bits_, getattr(cls, "_singles_mask_", "(none: 3.11.2)"), cls._iter_member_.__name__,
                [_outcome(lambda a=a, b=b: (a | b, a & b, a ^ b, ~a, a in (a | b)))
                 for a, b in zip(members, members[1:] + members[:1], strict=True)][:8]]
    return json.loads(json.dumps(out, default=repr))


def _qt_enums(way: str) -> dict[str, Any]:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])  # (a system Python: the venv's packages)
    done = subprocess.run([sys.executable, "-c", PROBE, way], capture_output=True, text=True, timeout=600,
                          cwd=root, env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=path))
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(sys.version_info[:3] not in start_enums.CHECKED, reason="the lighter road: on 3.11.2/3.11.7 only")
def test_every_qt_enum_is_the_class_pythons_functional_api_makes() -> None:
    functional, simple = _qt_enums("functional"), _qt_enums("simple")
    assert len(functional) > 500  # QtCore, QtGui and QtWidgets: every class's enums
    assert "WindowContextHelpButtonHint" not in functional["a dialog's windowFlags() set"]
    assert functional.keys() == simple.keys()
    differ = [name for name in functional if functional[name] != simple[name]]
    assert differ == [], (differ[:5], [(functional[n], simple[n]) for n in differ[:1]])


CALLS: list[tuple[Any, Any, dict[str, Any]]] = [
    (enum.Flag, [("A", 1), ("B", 2), ("AB", 3), ("NONE", 0), ("C", 8)], {"boundary": enum.KEEP}),
    (enum.IntFlag, [("A", 1), ("B", 4), ("HIGH", 1 << 33), ("ALL", -1)], {"boundary": enum.KEEP}),
    (enum.Enum, [("RED", 1), ("ROUGE", 1), ("GREEN", 2), ("NEG", -5)], {}),
    (enum.IntEnum, [("X", 3), ("Y", 1), ("Z", 2)], {"boundary": enum.KEEP}),
    (enum.Flag, [("B", 2), ("A", 1)], {}),  # not in bit order: iterated by definition
    (enum.IntEnum, [("name", 1), ("value", 2)], {}), (enum.IntFlag, [("real", 1), ("A", 2)], {"boundary": enum.KEEP}),
    (enum.Flag, [], {}), (enum.IntFlag, [("A", 1), ("MASK", 0xFFFF0000), ("B", 1 << 16), ("B_TOO", 1 << 16)], {}),
    # other shapes: Python's own road
    (enum.Enum, "RED GREEN", {}), (enum.Enum, ["RED", "GREEN"], {}), (enum.Enum, {"A": 1}, {}),
    (enum.Enum, [("A", "text")], {}), (enum.IntEnum, [("A", 1)], {"qualname": "Outer.Inner"}),
    (enum.Enum, [("A", 1), ("A", 2)], {}), (enum.Enum, [("_sunder_", 1)], {}), (enum.Enum, [("A", 1)], {"start": 5}),
]


@pytest.mark.parametrize(("base", "names", "options"), CALLS)
@pytest.mark.skipif(sys.version_info[:3] not in start_enums.CHECKED, reason="the lighter road: on 3.11.2/3.11.7 only")
def test_the_functional_api_answers_as_pythons(base: Any, names: Any, options: dict[str, Any]) -> None:
    def made() -> Any:
        try:
            return fingerprint(base("Made", names, **options))
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    expected = made()
    start_enums.start()
    try:
        assert enum.EnumType._create_ is start_enums.create  # type: ignore[attr-defined]
        assert made() == expected
    finally:
        start_enums.finish()
    assert enum.EnumType._create_ is not start_enums.create  # type: ignore[attr-defined]


def test_the_lighter_road_only_where_it_was_compared() -> None:
    """Debian 12's Python 3.11.2 counts a flag's multi-bit members out of `_flag_mask_` and has no
    `_singles_mask_`: classes made as 3.11.7 makes them failed `~member` there (Qt's `windowFlags()`
    on every focus change into a dialog). `_build` makes them as the running `enum` does; the probe
    tells them apart; on a version compared it agrees."""
    assert start_enums.taken() is (sys.version_info[:3] in start_enums.CHECKED)
    if not start_enums.taken():
        start_enums.start()
        assert enum.EnumType._create_ is not start_enums.create  # type: ignore[attr-defined]


def test_the_probe_finds_a_class_made_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """The masks of a class made otherwise are seen (a flag's mask of every bit)."""
    real = start_enums._build

    def other_masks(*args: Any) -> Any:
        made = real(*args)
        if issubclass(made, enum.Flag):
            made._flag_mask_ = made._all_bits_
        return made

    monkeypatch.setattr(start_enums, "_build", other_masks)
    assert not start_enums.agrees()


@pytest.mark.skipif(sys.version_info[:3] not in start_enums.CHECKED, reason="the lighter road: on 3.11.2/3.11.7 only")
def test_qt_for_pythons_calls_take_the_lighter_road(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("Python's own road taken")

    start_enums.start()  # (its probe takes Python's own road)
    monkeypatch.setattr(start_enums, "_CREATE", refused)
    try:
        made = enum.Flag("Made", [("A", 1), ("B", 2)], boundary=enum.KEEP)
        with pytest.raises(AssertionError):
            enum.Enum("Other", "RED GREEN")
    finally:
        start_enums.finish()
    assert made(3) == made.A | made.B


def test_the_probe_finds_the_other_versions_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class made with the other 3.11's masks (3.11.7's on 3.11.2, 3.11.2's on 3.11.7) is seen."""
    monkeypatch.setattr(start_enums, "SINGLES", not start_enums.SINGLES)
    assert not start_enums.agrees()


def test_a_member_of_a_class_with_a_module_pickles() -> None:
    start_enums.start()
    try:
        made = enum.IntFlag("Made", [("A", 1), ("B", 2)], module=__name__)
    finally:
        start_enums.finish()
    globals()["Made"] = made
    try:
        assert pickle.loads(pickle.dumps(made.A | made.B)) == made.A | made.B
    finally:
        del globals()["Made"]
