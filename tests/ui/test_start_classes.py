"""The window's dataclasses made from the record of their shape (ui/start_classes.py, issue 27) are
the classes `dataclasses` makes: every dataclass of the package made again both ways, and every
shape the road refuses, compared attribute by attribute (the functions by their code, defaults,
annotations, closures and names; the fields by every slot; the class's attributes in order)."""

from __future__ import annotations

import dataclasses
import importlib
import sys
import typing
from collections.abc import Callable
from dataclasses import KW_ONLY, FrozenInstanceError, InitVar, dataclass, field
from pathlib import Path
from types import CodeType, FunctionType, MappingProxyType
from typing import Any, ClassVar

import pytest

import kodaira_desk
from kodaira_desk.ui import start_classes
from kodaira_desk.ui.start_costs import KeptCode

pytestmark = pytest.mark.skipif(not start_classes.available(), reason="a Python whose dataclasses was not compared")
GENERATED = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__", "__le__", "__gt__",
             "__ge__")


def _code(code: CodeType) -> tuple[Any, ...]:
    return (code.co_code, code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars, code.co_argcount,
            code.co_kwonlyargcount, code.co_posonlyargcount, code.co_flags, code.co_name, code.co_qualname,
            code.co_filename, code.co_firstlineno, code.co_linetable, code.co_exceptiontable,
            tuple(_code(c) if isinstance(c, CodeType) else repr(c) for c in code.co_consts))


def _value(value: Any, cls: type) -> Any:
    """What can be compared between two classes of the same shape (the class itself named as such)."""
    if value is cls:
        return "<the class>"
    if isinstance(value, FunctionType):
        return ("function", value.__name__, value.__qualname__, value.__module__, value.__doc__, _code(value.__code__),
                _value(value.__defaults__, cls), _value(value.__kwdefaults__, cls),
                _value(value.__annotations__, cls), sorted(vars(value)),
                tuple(_value(c.cell_contents, cls) for c in value.__closure__ or ()),
                _value(getattr(value, "__wrapped__", None), cls), value.__globals__ is vars(sys.modules[cls.__module__]))
    if isinstance(value, dataclasses.Field):
        return ("field", *(_value(getattr(value, s), cls) for s in dataclasses.Field.__slots__))
    if isinstance(value, tuple | list):
        return (type(value).__name__, *(_value(v, cls) for v in value))
    if type(value) is set:  # (__repr__'s recursion guard: a set of its own)
        return ("set", sorted(map(repr, value)))
    if isinstance(value, dict | MappingProxyType):
        return [(k, _value(v, cls)) for k, v in value.items()]
    if type(value).__name__ == "member_descriptor":  # a slot
        return ("slot", value.__name__)
    if type(value).__name__ == "_DataclassParams":
        return ("params", *(getattr(value, s) for s in value.__slots__))
    if isinstance(value, type | int | str | float | bool | type(None)) or value is dataclasses.MISSING:
        return value
    return (type(value).__name__, id(value))  # the very same object on both sides (a default, a factory)


def described(cls: type) -> list[Any]:
    return [(k, _value(v, cls)) for k, v in vars(cls).items() if k not in ("__dict__", "__weakref__")]


def _unmade(cls: type) -> tuple[dict[str, Any], dict[str, Any]]:
    """`cls`'s class body again, undecorated (its own attributes, its fields' defaults: a
    `field(...)` where a plain value would not say the same), and its decorator's options."""
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    slots = "__slots__" in vars(cls)
    body: dict[str, Any] = {"__qualname__": cls.__qualname__}
    for key, value in vars(cls).items():
        if key in ("__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__", "__match_args__") or (
                slots and key in ("__slots__", "__getstate__", "__setstate__")):
            continue
        inner = getattr(value, "__wrapped__", value)
        if key in GENERATED and (value is None or getattr(getattr(inner, "__code__", None), "co_filename", "") == "<string>"):
            continue
        if key not in fields:
            body[key] = dict(value) if key == "__annotations__" else value
    for name, f in fields.items():
        plain = (f.default_factory is dataclasses.MISSING and f.init and f.repr and f.compare and f.hash is None
                 and not f.metadata and f.kw_only is False)
        if not plain:
            body[name] = field(default=f.default, default_factory=f.default_factory, init=f.init, repr=f.repr,
                               hash=f.hash, compare=f.compare, metadata=dict(f.metadata) or None, kw_only=f.kw_only)
        elif f.default is not dataclasses.MISSING:
            body[name] = f.default
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    options = {s: getattr(params, s) for s in params.__slots__}
    options.update(match_args="__match_args__" in vars(cls), kw_only=False, slots=slots,
                   weakref_slot=slots and "__weakref__" in cls.__slots__)  # type: ignore[attr-defined]
    return body, options


def _three_ways(make: Callable[[], Any], tmp_path: Path, replayed: list[type] | None = None) -> tuple[Any, Any, Any]:
    """Made by dataclasses alone, then while start-up records it, then from the record (the
    classes made from a record added to `replayed`)."""
    path = tmp_path / "code.marshal"
    plain = make()
    kept = KeptCode(path)
    kept.install()
    real = start_classes.made

    def made(cls: type, *args: Any) -> Any:
        if replayed is not None:
            replayed.append(cls)
        return real(cls, *args)

    start_classes.made = made  # type: ignore[assignment]
    try:
        recorded = make()
        again = make()
    finally:
        start_classes.made = real  # type: ignore[assignment]
        kept.finish(keep=False)
    assert dataclasses._process_class is start_classes._PROCESS  # type: ignore[attr-defined]
    return plain, recorded, again


def _window_dataclasses() -> list[type]:
    """The dataclasses of the modules the window imports before it is shown (the road is taken
    only then), and of the domain."""
    importlib.import_module("kodaira_desk.ui.window.main_window")
    importlib.import_module("kodaira_desk.ui.app")
    package = Path(kodaira_desk.__file__).parent
    for path in sorted((package / "domain").glob("*.py")):
        importlib.import_module(f"kodaira_desk.domain.{path.stem}".removesuffix(".__init__"))
    return [value for name, module in list(sys.modules.items()) if name.startswith("kodaira_desk")
            for value in vars(module).values()
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name]


def test_every_dataclass_of_the_window_is_made_as_dataclasses_makes_it(tmp_path: Path) -> None:
    classes = _window_dataclasses()
    assert len(classes) > 80
    replayed: list[type] = []
    for cls in classes:
        body, options = _unmade(cls)

        def make(cls: type = cls, body: dict[str, Any] = body, options: dict[str, Any] = options) -> type:
            return dataclass(**options)(type(cls)(cls.__name__, cls.__bases__, dict(body)))  # type: ignore[no-any-return]

        plain, recorded, again = _three_ways(make, tmp_path, replayed)
        assert described(plain) == described(recorded) == described(again), cls
    assert len(replayed) > 60  # most of them came the road this module is about


T = typing.TypeVar("T")


def _shapes() -> list[type]:
    """Every option of the plain shape, and shapes it refuses (made by dataclasses)."""

    @dataclass(frozen=True)
    class Frozen:
        """Defaults, a factory, fields out of __init__, __repr__, __eq__ or __hash__."""
        a: int
        b: str = "x"
        c: tuple[int, ...] = ()
        d: list[int] = field(default_factory=list, compare=False)
        e: int = field(default=3, repr=False, hash=True)
        f: dict[str, int] = field(default_factory=dict, init=False, hash=False, metadata={"k": 1})
        g: int = field(default=0, init=False)

    @dataclass
    class Mutable:
        """Not frozen: no __hash__; a field named self; __post_init__."""
        self: int
        other: str | None = None

        def __post_init__(self) -> None:
            object.__setattr__(self, "seen", True)

    @dataclass(frozen=True, match_args=False)
    class OwnMethods:
        """Its own __repr__, __eq__ and __hash__ kept."""
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 1

    @dataclass(eq=True)
    class HashNone:
        """__hash__ = None of its own with __eq__ of dataclasses."""
        a: int
        __hash__ = None  # type: ignore[assignment]

    @dataclass(frozen=True)
    class Empty:
        """No field."""

    @dataclass(frozen=True)
    class WithClassVar:
        """A ClassVar: refused."""
        a: int
        b: ClassVar[int] = 3

    @dataclass
    class WithInitVar:
        """An InitVar: refused."""
        a: int
        b: InitVar[int] = 0

        def __post_init__(self, b: int) -> None:
            self.a += b

    @dataclass
    class WithKwOnly:
        """KW_ONLY: refused."""
        a: int
        _: KW_ONLY
        b: int = 0

    @dataclass
    class ThroughTyping:
        """typing.ClassVar named through its module: refused."""
        a: int
        b: typing.ClassVar[int] = 1

    @dataclass(order=True, frozen=True)
    class Ordered:
        """order: refused."""
        a: int

    @dataclass(slots=True)
    class Slotted:
        """slots: refused."""
        a: int

    @dataclass
    class NoDoc:
        a: int

    @dataclass(frozen=True)
    class Child(Frozen):
        """A dataclass base: refused."""
        h: int = 0

    @dataclass(frozen=True)
    class Generic(typing.Generic[T]):
        """A generic base (not a dataclass)."""
        a: T

    return [Frozen, Mutable, OwnMethods, HashNone, Empty, WithClassVar, WithInitVar, WithKwOnly, ThroughTyping,
            Ordered, Slotted, NoDoc, Child, Generic]


def test_every_shape_is_made_as_dataclasses_makes_it(tmp_path: Path) -> None:
    replayed: list[type] = []
    for index in range(len(_shapes())):
        plain, recorded, again = _three_ways(lambda i=index: _shapes()[i], tmp_path, replayed)  # type: ignore[misc]
        assert described(plain) == described(recorded) == described(again), plain
    assert {c.__name__ for c in replayed} == {"Frozen", "Mutable", "OwnMethods", "HashNone", "Empty", "Generic"}


def test_instances_behave_alike(tmp_path: Path) -> None:
    plain, _recorded, again = _three_ways(_shapes, tmp_path)
    for shapes in (plain, again):
        frozen, mutable = shapes[0], shapes[1]
        a = frozen(1)
        assert (a == frozen(1, "x"), a == frozen(2), hash(a) == hash(frozen(1, d=[9])), repr(a)) == (
            True, False, True, "_shapes.<locals>.Frozen(a=1, b='x', c=(), d=[], f={}, g=0)")
        with pytest.raises(FrozenInstanceError):
            a.a = 2
        m = mutable(1)
        assert m.seen and m == mutable(self=1) and mutable.__hash__ is None
        m.other = m  # a repr that meets itself
        assert repr(m) == "_shapes.<locals>.Mutable(self=1, other=...)"
        own = shapes[2](1)
        assert (repr(own), own == 5, hash(own), hasattr(shapes[2], "__match_args__")) == ("own", True, 1, False)


@pytest.mark.parametrize("body", [
    "a: list = []",  # a mutable default
    "a: int = 0\n    b: int",  # a field without a default after one with
    "a = field(default=1)",  # a field without an annotation
    "a: int\n    def __setattr__(self, name, value): pass",  # a frozen class's own __setattr__
])
def test_dataclasses_own_errors_are_raised_alike(body: str, tmp_path: Path) -> None:
    source = f"@dataclass(frozen=True)\nclass Wrong:\n    '''A wrong one.'''\n    {body}\n"
    made: list[str] = []

    def make() -> None:
        with pytest.raises((TypeError, ValueError)) as raised:
            exec(source, {"dataclass": dataclass, "field": field, "__name__": __name__})
        made.append(f"{type(raised.value).__name__}: {raised.value}")

    _three_ways(make, tmp_path)
    assert made[0] == made[1] == made[2]
