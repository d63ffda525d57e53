"""The window's dataclasses made from the calls an earlier start-up recorded (issue 27).

`dataclasses` makes each class's methods by writing their source as text and running it
(`_create_fn`): the texts' code is kept by ui/start_costs.py, but writing the texts, and the checks
of every field's annotation for `ClassVar`, `InitVar` and `KW_ONLY` (three regular-expression
matches and look-ups a field), still cost some 10 ms of the GUI thread for the 60 classes the
window imports before it is shown. What `_create_fn` is asked for a class depends only on its
shape: its parameters, its fields' names and whether each has a default, a default factory, is
in `__init__`, `__repr__`, `__eq__` and `__hash__`; the values (the types, the defaults, the
class) are passed to it as the locals of the function it writes. So the first time a shape is
met, `dataclasses`' own `_process_class` makes the class while each `_create_fn` call is recorded
(its name, its code, where each of its locals comes from, in order); after that, a class of that shape is made
here from the record: the same `Field` objects (made as `_get_field` makes them), the same
functions (the kept code run with the same locals), set on the class in the same order, with the
same qualified names, `__repr__`'s recursion guard, `__match_args__` and `__hash__`
(`tests/ui/test_start_classes.py` makes every dataclass of the package both ways and compares
them attribute by attribute, and every shape the road refuses).

Only the plain shape comes here: `init`, `repr` and `eq` on, no `order`, `unsafe_hash`, `kw_only`,
`slots` or `weakref_slot`, no dataclass base, a docstring (else `dataclasses` writes one from
`inspect.signature`), every annotation a string that is not `ClassVar`, `InitVar` or `KW_ONLY`
(nor a module's name before a dot naming `typing` or `dataclasses`), no error to raise (a mutable
default, a default before a field without one, a `Field` without an annotation, a frozen class's
own `__setattr__`): anything else goes to `dataclasses` as before. Only on the Python versions
whose `dataclasses` was compared (3.11.2, Debian 12's, and 3.11.7: the same code for this road).
"""

from __future__ import annotations

import abc
import dataclasses
import re
import sys
import types
import typing
from collections.abc import Callable
from types import CodeType
from typing import Any

CHECKED = ((3, 11, 2), (3, 11, 7))
_D: Any = dataclasses  # (its private helpers)
_PROCESS: Callable[..., Any] = _D._process_class
_MISSING = dataclasses.MISSING
_FIELD = getattr(dataclasses, "_FIELD", None)
_Field: Any = dataclasses.Field
_HEAD: Callable[[str], re.Match[str] | None] = _D._MODULE_IDENTIFIER_RE.match
_SLOT = types.MemberDescriptorType
# the locals `dataclasses` passes by name, beside each field's `_type_…` and `_dflt_…` (and `cls`)
_CONSTANTS: dict[str, Any] = {
    "MISSING": _MISSING, "_HAS_DEFAULT_FACTORY": getattr(dataclasses, "_HAS_DEFAULT_FACTORY", None),
    "__dataclass_builtins_object__": object, "_return_type": None,
    "FrozenInstanceError": dataclasses.FrozenInstanceError}
_MODULES = (typing, dataclasses)
_CLASS_VAR, _INIT_VAR, _KW_ONLY = typing.ClassVar, dataclasses.InitVar, dataclasses.KW_ONLY
_ALIAS = (dataclasses.InitVar, typing._GenericAlias)  # type: ignore[attr-defined]
# one `_create_fn` call: the function's name, the code of its text, and its locals in order: a
# field's type (2 × its index), its default or factory (2 × its index + 1), or a constant's name
Call = tuple[str, CodeType, tuple[int | str, ...]]
_heads: dict[str, tuple[str | None, str] | None] = {}  # an annotation's text: (module before a dot, name)


def available() -> bool:
    return sys.version_info[:3] in CHECKED and _FIELD is not None and callable(getattr(_D, "_create_fn", None))


def _special(annotation: str, module: dict[str, Any]) -> bool:
    """Whether `dataclasses` might take this annotation for `ClassVar`, `InitVar` or `KW_ONLY`
    (its `_is_type`: the first name, or a module's name and the name after it)."""
    head = _heads.get(annotation, ())
    if head == ():
        match = _HEAD(annotation)
        head = _heads[annotation] = (match.group(1), match.group(2)) if match else None
    if head is None:
        return False
    module_name, name = head  # type: ignore[misc]
    if module_name:
        return module.get(module_name) in _MODULES
    value = module.get(name)
    if type(value) in _ALIAS:
        return type(value) is dataclasses.InitVar or value.__origin__ is typing.ClassVar  # type: ignore[union-attr]
    return value is _CLASS_VAR or value is _INIT_VAR or value is _KW_ONLY


Fields = tuple[list[dataclasses.Field[Any]], list[dataclasses.Field[Any]]]  # the fields; those given as `Field`s


def plain_fields(cls: type, params: tuple[Any, ...]) -> Fields | None:
    """The class's fields as `_process_class` would make them, and the names of those given as
    a `Field` (the class's attribute, or a base's), or None when the class is not of the plain
    shape (nothing of the class changed then)."""
    init, repr_, eq, order, unsafe_hash, frozen, _match_args, kw_only, slots, weakref_slot = params
    if not (init and repr_ and eq) or order or unsafe_hash or kw_only or slots or weakref_slot:
        return None
    own = cls.__dict__
    module = sys.modules.get(cls.__module__)
    annotations = own.get("__annotations__", {})
    if (module is None or not cls.__doc__ or type(annotations) is not dict
            or hasattr(cls, "__dataclass_fields__")  # (a base's: the class is not one yet)
            or (frozen and ("__setattr__" in own or "__delattr__" in own))):
        return None
    names = vars(module)
    fields: list[dataclasses.Field[Any]] = []
    given: list[dataclasses.Field[Any]] = []
    seen_default = False
    for name, annotation in annotations.items():
        if type(annotation) is not str or _special(annotation, names):
            return None
        default = getattr(cls, name, _MISSING)
        if isinstance(default, _Field):
            f = default
            given.append(f)
            if f.kw_only is not _MISSING and f.kw_only is not False:
                return None
        else:  # as `field(default=…)` makes it
            f = _Field(_MISSING if isinstance(default, _SLOT) else default, _MISSING, True, True, None, True, None,
                       _MISSING)
        if f.default.__class__.__hash__ is None:
            return None  # a mutable default: dataclasses' error
        if f.init:
            if f.default is not _MISSING or f.default_factory is not _MISSING:
                seen_default = True
            elif seen_default:
                return None  # a field without a default after one with: dataclasses' error
        fields.append(f)
    for name, value in own.items():
        if isinstance(value, _Field) and name not in annotations:
            return None  # (an error of dataclasses' own)
    for f, name in zip(fields, annotations, strict=True):
        f.name, f.type = name, annotations[name]
        f._field_type = _FIELD  # type: ignore[attr-defined]
        if f.kw_only is _MISSING:
            f.kw_only = False
    return fields, given


def shape(fields: list[dataclasses.Field[Any]], params: tuple[Any, ...], cls: type) -> tuple[Any, ...]:
    """What decides the calls `_process_class` makes of `_create_fn` (the key of their record)."""
    own = cls.__dict__
    class_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in own))
    return ("dataclass", 2, bool(params[5]), bool(params[6]), hasattr(cls, "__post_init__"), explicit_hash,
            tuple((f.name, f.default is not _MISSING, f.default_factory is not _MISSING, bool(f.init),
                   bool(f.repr), bool(f.compare), f.hash) for f in fields))


def recorded(cls: type, params: tuple[Any, ...], fields: list[dataclasses.Field[Any]],
             code_of: Callable[[str], CodeType]) -> tuple[Any, tuple[Call, ...] | None]:
    """`_process_class` itself, and the record of its `_create_fn` calls (None when one of them
    is not of the kind recorded) with the code each ran (`code_of`: a method's text compiled, as
    `dataclasses`' exec of it would)."""
    original, had_exec = _D._create_fn, "exec" in vars(dataclasses)
    prior_exec = vars(dataclasses).get("exec")
    ran: list[CodeType] = []
    calls: list[Call] | None = []
    where: dict[str, int | str] = {name: name for name in (*_CONSTANTS, "cls")}
    for i, f in enumerate(fields):
        where["_type_" + f.name], where["_dflt_" + f.name] = 2 * i, 2 * i + 1

    def noting_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
        code = code_of(source) if type(source) is str else source
        ran.append(code)
        exec(code, globals, locals)  # (dataclasses' own text)

    def create_fn(name: str, args: Any, body: Any, *, globals: Any = None, locals: Any = None,
                  return_type: Any = _MISSING) -> Any:
        nonlocal calls
        locals = {} if locals is None else locals  # (as _create_fn's own default)
        del ran[:]
        fn = original(name, args, body, globals=globals, locals=locals, return_type=return_type)
        if calls is not None and len(ran) == 1 and all(n in where for n in locals):
            calls.append((name, ran[0], tuple(where[n] for n in locals)))
        else:
            calls = None
        return fn

    _D._create_fn, _D.exec = create_fn, noting_exec
    try:
        made_class = _PROCESS(cls, *params)
    finally:
        _D._create_fn = original
        if had_exec:
            _D.exec = prior_exec
        else:
            del _D.exec
    return made_class, None if calls is None else tuple(calls)


def valid(calls: Any, expected: list[str]) -> bool:
    """Whether a record read from the file is one of the shape's calls (the names `made` finds
    for its locals are checked as it makes them)."""
    if type(calls) is not tuple or len(calls) != len(expected):
        return False
    for call, name in zip(calls, expected, strict=True):
        if type(call) is not tuple or len(call) != 3 or call[0] != name or type(call[1]) is not CodeType \
                or type(call[2]) is not tuple:
            return False
    return True


def made(cls: type, params: tuple[Any, ...], found: Fields, calls: tuple[Call, ...]) -> Any:
    """The class as `_process_class` makes it, its methods from the recorded calls; None, and the
    class untouched, when a record names what is not there (a damaged file)."""
    globals_ = vars(sys.modules[cls.__module__])
    fields, given = found
    values: list[Any] = []
    for f in fields:
        values += (f.type, f.default_factory if f.default_factory is not _MISSING else f.default)
    constants: dict[Any, Any] = dict(_CONSTANTS, cls=cls)
    functions: list[Any] = []
    try:
        for _name, code, where in calls:
            ns: dict[str, Any] = {}
            exec(code, globals_, ns)  # (the kept code of dataclasses' own text)
            functions.append(ns["__create_fn__"](*[values[w] if type(w) is int else constants[w] for w in where]))
    except (KeyError, IndexError, TypeError):
        return None
    init, repr_, eq, order, unsafe_hash, frozen, match_args = params[:7]
    own = cls.__dict__
    class_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in own))
    cls.__dataclass_params__ = _D._DataclassParams(init, repr_, eq, order, unsafe_hash, frozen)  # type: ignore[attr-defined]
    for f in given:  # (the class's attribute: its default, or none)
        if f.default is _MISSING:
            delattr(cls, f.name)
        else:
            setattr(cls, f.name, f.default)
    cls.__dataclass_fields__ = {f.name: f for f in fields}  # type: ignore[attr-defined]
    functions[1] = _D._recursive_repr(functions[1])
    qualname = cls.__qualname__
    methods = ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__")[:5 if frozen else 3]
    for name, fn in zip(methods, functions, strict=False):  # (then __hash__'s)
        if name not in own:  # (as _set_new_attribute: a method of the class's own stays)
            fn.__qualname__ = f"{qualname}.{fn.__name__}"
            setattr(cls, name, fn)
    if not explicit_hash:
        if frozen:
            functions[5].__qualname__ = f"{qualname}.__hash__"
        setattr(cls, "__hash__", functions[5] if frozen else None)  # noqa: B010  (as dataclasses sets it; mypy refuses `cls.__hash__ =`)
    if match_args and "__match_args__" not in own:
        setattr(cls, "__match_args__", tuple(f.name for f in fields if f.init))  # noqa: B010
    abc.update_abstractmethods(cls)
    return cls


def expected_calls(params: tuple[Any, ...], explicit_hash: bool) -> list[str]:
    """The names of the `_create_fn` calls `_process_class` makes for the plain shape, in order."""
    frozen = params[5]
    return ["__init__", "__repr__", "__eq__", *(("__setattr__", "__delattr__") if frozen else ()),
            *(("__hash__",) if frozen and not explicit_hash else ())]
