"""Costs of start-up that are the same in every run, paid once (issue 27).

1. `dataclasses` writes each class's methods (`__init__`, `__eq__`, `__hash__`, `__repr__`, the
   frozen `__setattr__`/`__delattr__`) as source text and compiles it: some 400 compilations for the
   66 dataclasses the window imports before it is shown, 30–40 ms of CPU in every start-up. And Qt
   for Python compiles the Python sources it carries inside its library (shibokensupport, 129 kB)
   each time it is imported: 14 compilations, some 30 ms. The texts are the same from one run to
   the next, so their compiled code is kept, as Python keeps a module's bytecode: in the package's
   own `__pycache__`, under a name of the interpreter's whole version and Qt for Python's (every 3.11
   shares the cache tag), written after the window is shown (never
   where Python would not write bytecode: `PYTHONDONTWRITEBYTECODE`, a bundle, a read-only
   install). While the window starts, `dataclasses` runs the kept code instead of compiling its
   text again, and so does `compile` while PySide6 is imported (answering exactly as `compile`
   would: the caller's `__future__` flags are part of the key); anything else is compiled as
   before. `qt_imported` puts `compile` back, `finish` `dataclasses`.
2. Qt for Python reads the source of every module imported after it, through `inspect`, to learn
   whether it names PySide6 (for its `__feature__` switches: 130 modules, 15–20 ms). The same
   question is answered by reading the file's bytes; other modules are asked as before. While the
   window starts, the answer for a file is kept with its size and modification time, and given
   again while the file's stat says the same (a stat instead of reading the file: 3–4 ms for the
   100 modules).
3. `re` parses each pattern's text and compiles it to SRE's code in Python: some 40 patterns while
   the window starts, ~30 ms of CPU, 21 ms of it Qt for Python's own three bracket patterns (its
   signature parser and stub writer, made as PySide6 is imported). What `re` hands SRE for a text
   and its flags (the code, the groups and their names) is the same in every run of one
   interpreter, so it is kept beside the methods' code, and while the window starts a kept
   pattern is made from it by SRE (which checks the code it is given) without parsing the text
   again. As with bytecode, a warning `re` gives while parsing a text is given when it is
   compiled, not each time it is used.
4. Qt for Python makes its enums through Python's functional `Enum` API: while the window starts
   they are made through the lighter road Python's own modules take (ui/start_enums.py). Its probe
   of this Python's `enum` (1–2 ms) is made again only when the `enum` module's file changed.
5. `dataclasses` writes the texts of each class's methods before they can be looked up in the kept
   code: a class of a plain shape met before is made from the calls recorded for that shape
   instead (ui/start_classes.py), the record kept in the same file.

The file is trusted as the package's own bytecode is, and kept where that bytecode is (or under
`sys.pycache_prefix`): whoever can write it could write a `.pyc`. SRE's check of the code it is
given is not a defence (a crafted code can crash the interpreter, or match otherwise than its text
says), nor is marshal's. What the file guards against is damage and mismatch: its header names its
format, the interpreter, the optimisation level and a checksum of its body, and a file whose
header or checksum disagree is not read at all (its code compiled again and the file rewritten).
"""

from __future__ import annotations
import __future__

import _sre  # type: ignore[import-not-found]  # SRE, the C side of `re`
import _thread
import builtins
import dataclasses
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from kodaira_desk.ui import start_classes, start_enums

FORMAT = 3  # what an entry is (the `re` keys name the pattern's type since 2; the classes' records since 3)
QT_CONFIG = ("PySide6", "_config.py")  # Qt for Python's version (and its Qt's), beside its package


def qt_version_bytes(path: list[str] | None = None) -> bytes:
    """What the first PySide6 on the path says of its version (the one `import PySide6` finds),
    read without importing it; empty when there is none."""
    for entry in sys.path if path is None else path:
        try:
            with open(os.path.join(entry or ".", *QT_CONFIG), "rb") as config:
                return config.read()
        except OSError:
            continue
    return b""


def cache_name(version: str = sys.version, qt: bytes | None = None) -> str:
    """The file's name: marshal's format and the bytecode inside it belong to one interpreter and one
    -O level, and the patterns and sources kept to one Qt for Python. The cache tag alone is shared
    by every 3.11 (Debian 12's 3.11.2 and a 3.11.7 beside it would read and rewrite each other's
    file at every start), so the interpreter's whole version text and Qt for Python's are in it."""
    build = zlib.crc32(version.encode(), zlib.crc32(qt_version_bytes() if qt is None else qt))
    return f"start-up-code.{sys.implementation.cache_tag}.{build:08x}.opt-{sys.flags.optimize}.marshal"


CACHE_NAME = cache_name()
HEADER = f"kodaira-desk start-up code {FORMAT} -O{sys.flags.optimize} {sys.version}\n".encode()
FUTURE_FLAGS = 0  # the __future__ features a caller's code passes on to compile() (its co_flags)
for _name in __future__.all_feature_names:
    if _name not in ("nested_scopes", "generators"):  # always on (co_flags' 0x10 means "nested")
        FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag
QT_SOURCES = ("shibokensupport/", "signature_bootstrap.py")  # the file names Qt for Python compiles under


def cache_path() -> Path:
    """Beside the package's bytecode, as Python puts it (`sys.pycache_prefix` included)."""
    package = Path(__file__).resolve().parent.parent
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix, *package.parts[1:], CACHE_NAME)
    return package / "__pycache__" / CACHE_NAME


def _checksum(body: bytes) -> bytes:
    return b"%08x\n" % zlib.crc32(body)


def encode(code: dict[Any, Any]) -> bytes:
    """The file's bytes for the kept code."""
    body = marshal.dumps(code)
    return HEADER + _checksum(body) + body


def _read(path: Path) -> dict[Any, Any]:
    """The kept code, or nothing when the file is missing, from another interpreter, of another
    format or damaged (its checksum: damaged parts of SRE's code may crash the interpreter)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    start = len(HEADER) + 9
    if not data.startswith(HEADER) or data[len(HEADER):start] != _checksum(data[start:]):
        return {}
    try:
        kept = marshal.loads(data[start:])
    except (ValueError, EOFError, TypeError):
        return {}
    return kept if type(kept) is dict else {}  # each entry's type is checked as it is used


class KeptCode:
    """Compilations answered from the kept code while the window starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept = _read(path)
        self.used: dict[Any, Any] = {}
        self.compiled = 0  # texts not found in the kept code
        self.noted: dict[int, tuple[Any, Any]] = {}  # per thread: what `re` last handed SRE
        self.classes_made = _thread.RLock()  # (a record swaps dataclasses' own functions a while)

    def _code(self, key: Any, make: Callable[[], CodeType]) -> CodeType:
        code = self.kept.get(key)
        if type(code) is not CodeType:
            code = make()
            self.compiled += 1
        self.used[key] = code
        return code

    def exec(self, source: Any, globals: dict[str, Any] | None = None,
             locals: dict[str, Any] | None = None) -> None:
        """`dataclasses`' exec of a method's text."""
        if type(source) is str:
            # as exec(text) compiles it inside dataclasses.py: no __future__ flags of this module
            source = self._code(source, lambda: compile(source, "<string>", "exec", dont_inherit=True))
        builtins.exec(source, globals, locals)

    def agreed(self, key: tuple[Any, ...], check: Callable[[], bool]) -> bool:
        """A check's yes kept from an earlier start-up for the same `key`, or the check made now
        (ui/start_enums.py's probe of this Python's `enum`); a no is never kept."""
        if self.kept.get(key) is True:
            self.used[key] = True
            return True
        answer = check()
        if answer:
            self.used[key] = True
            self.compiled += 1
        return answer

    def _text_code(self, source: str) -> CodeType:
        """A method's text compiled as `exec` in dataclasses.py would, or its kept code (for a
        class's record: the text itself is not kept)."""
        code = self.kept.get(source)
        return code if type(code) is CodeType else compile(source, "<string>", "exec", dont_inherit=True)

    def process_class(self, cls: type, *params: Any) -> Any:
        """`dataclasses._process_class`: a class of a plain shape from the record of its shape, or
        made by `dataclasses` while its record is taken (ui/start_classes.py)."""
        with self.classes_made:
            found = start_classes.plain_fields(cls, params)
            if found is None:
                return _PROCESS_CLASS(cls, *params)
            key = start_classes.shape(found[0], params, cls)
            calls = self.used.get(key)  # a shape met before in this start-up (its record checked then)
            if calls is None:
                calls = self.kept.get(key)
                if not start_classes.valid(calls, start_classes.expected_calls(params, key[5])):
                    calls = None
            if calls is not None:
                made = start_classes.made(cls, params, found, calls)
                if made is not None:
                    self.used[key] = calls
                    return made
            made, calls = start_classes.recorded(cls, params, found[0], self._text_code)
            if calls is not None and start_classes.valid(calls, start_classes.expected_calls(params, key[5])):
                self.used[key] = calls
                self.compiled += 1
            return made

    def names_pyside(self, file: str, read: Callable[[], bool]) -> bool:
        """Qt for Python's question for the module at `file` (`read`: its bytes read), answered
        as an earlier start-up's `read` answered it while the file's size and time are the same."""
        try:
            stat = os.stat(file)
        except OSError:
            return read()
        key = ("pyside-named", file)
        kept = self.kept.get(key)
        if (type(kept) is tuple and len(kept) == 3 and kept[0] == stat.st_mtime_ns and kept[1] == stat.st_size
                and type(kept[2]) is bool):
            self.used[key] = kept
            return kept[2]
        answer = read()
        self.used[key] = (stat.st_mtime_ns, stat.st_size, answer)
        self.compiled += 1
        return answer

    def compile(self, source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
                optimize: int = -1, *, _feature_version: int = -1) -> Any:
        """`compile` as its caller would have it (its __future__ flags too), Qt for Python's
        own sources from the kept code."""
        if not dont_inherit:
            flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
        def make() -> Any:
            return _COMPILE(source, filename, mode, flags, True, optimize, _feature_version=_feature_version)
        if (type(source) is bytes and type(filename) is str and filename.startswith(QT_SOURCES)
                and optimize == -1 and _feature_version == -1):
            return self._code((source, filename, mode, flags), make)
        return make()

    def pattern(self, pattern: Any, flags: int = 0) -> Any:
        """`re`'s compilation of a pattern's text (`re._compiler.compile`, below `re`'s own cache
        of the patterns of this process): SRE's pattern made from the kept parts, or compiled as
        `re` does and its parts noted as they are handed to SRE."""
        if type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
            return _RE_COMPILE(pattern, flags)
        key = ("re", type(pattern).__name__, pattern, flags)  # b"x" and "x" hash alike
        parts = self.kept.get(key)
        if type(parts) is tuple and len(parts) == 5:
            try:
                made = _sre.compile(pattern, *parts)  # SRE checks some of the code (not a defence)
            except (TypeError, ValueError, RuntimeError, OverflowError):
                pass
            else:
                self.used[key] = parts
                return made
        made = _RE_COMPILE(pattern, flags)
        noted = self.noted.pop(_thread.get_ident(), None)
        if noted is not None and noted[0] is pattern:
            self.used[key] = noted[1]
            self.compiled += 1
        return made

    def sre_compile(self, pattern: Any, flags: int, code: list[int], *groups: Any) -> Any:
        """`_sre.compile` as `re._compiler` calls it while the window starts: its parts noted
        (the code's named opcodes as the numbers SRE reads from them, which marshal can write)."""
        self.noted[_thread.get_ident()] = (pattern, (int(flags), [int(op) for op in code], *groups))
        return _sre.compile(pattern, flags, code, *groups)

    def install(self) -> None:
        dataclasses.exec = self.exec  # type: ignore[attr-defined]  # found before the builtin
        if start_classes.available():
            dataclasses._process_class = self.process_class  # type: ignore[attr-defined]
        builtins.compile = self.compile
        if _RE_COMPILER is not None:
            _RE_COMPILER.compile = self.pattern
            _RE_COMPILER._sre = _NotingSre(self)

    def qt_imported(self) -> None:
        if builtins.compile == self.compile:
            builtins.compile = _COMPILE

    def finish(self, keep: bool = True) -> None:
        """`dataclasses` and `compile` as they were; the code start-up used kept (`keep`), if some
        of it was compiled, with what an earlier start-up kept and this one did not use (a window on
        a server master, or on a department file, uses some code the others do not: each would
        otherwise write the file again after the other), unless that is more than it used (code
        that changed is not kept for ever)."""
        self.qt_imported()
        # after a class being recorded on another thread (the runner imports modules too): its
        # record puts back the `exec` it found, which would otherwise stay for the whole session
        with self.classes_made:
            if getattr(dataclasses, "exec", None) == self.exec:
                del dataclasses.exec  # type: ignore[attr-defined]
            if getattr(dataclasses, "_process_class", None) == self.process_class:
                dataclasses._process_class = _PROCESS_CLASS  # type: ignore[attr-defined]
        if _RE_COMPILER is not None and _RE_COMPILER.compile == self.pattern:
            _RE_COMPILER.compile = _RE_COMPILE
            _RE_COMPILER._sre = _sre
        if keep and self.compiled and _may_write():
            kept = {key: value for key, value in self.kept.items() if _keepable(key, value)}
            kept.update(self.used)
            _write(self.path, kept if len(kept) <= 2 * len(self.used) else self.used)


class _NotingSre:
    """`re._compiler`'s `_sre` while the window starts: `compile` noted, the rest SRE's own."""

    def __init__(self, kept: KeptCode) -> None:
        self.compile = kept.sre_compile

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


_COMPILE = builtins.compile
_PROCESS_CLASS: Callable[..., Any] = dataclasses._process_class  # type: ignore[attr-defined]
# 3.11's re: the module that turns a pattern's text into SRE's code (its `compile`, and `_sre`)
_RE_COMPILER: Any = getattr(re, "_compiler", None)
if not (callable(getattr(_RE_COMPILER, "compile", None)) and getattr(_RE_COMPILER, "_sre", None) is _sre):
    _RE_COMPILER = None
_RE_COMPILE: Callable[..., Any] = _RE_COMPILER.compile if _RE_COMPILER is not None else re.compile


def _keepable(key: Any, value: Any) -> bool:
    """Whether an entry read from the file is of a kind start-up keeps (a damaged one is not)."""
    if type(key) is tuple and key[:1] == ("re",) and len(key) == 4:
        return type(value) is tuple and len(value) == 5
    if type(key) is tuple and key[:1] == ("enum-probe",):
        return value is True
    if type(key) is tuple and key[:1] == ("pyside-named",):
        return type(value) is tuple and len(value) == 3 and type(value[2]) is bool
    if type(key) is tuple and key[:1] == ("dataclass",):
        return type(value) is tuple and all(type(call) is tuple for call in value)
    return type(value) is CodeType and type(key) in (str, tuple)


def _may_write() -> bool:
    return not sys.dont_write_bytecode and not getattr(sys, "frozen", False)


def _write(path: Path, code: dict[Any, Any]) -> None:
    """Whole or not at all (another start-up may be reading it); a cache: a failure is no error."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # shared installs too
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = encode(code)  # ValueError: something marshal cannot write
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        tmp.unlink(missing_ok=True)


_started: KeptCode | None = None


def start() -> None:
    """Before the window's modules and PySide6 are imported (cli: before it knows whether a
    window opens)."""
    global _started
    if _started is None:
        _started = KeptCode(cache_path())
        _started.install()
        start_enums.start(_started.agreed)


def finish(keep: bool = True) -> None:
    """Once the window is shown (ui/app.py); for a command, without keeping anything (cli)."""
    global _started
    if _started is not None:
        start_enums.finish()
        _started.finish(keep)
        _started = None


def uses_pyside_by_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """Qt for Python's question "does this module's source name PySide6?", answered from the
    source file's bytes (the name is ASCII: the same answer in any source encoding)."""

    def uses_pyside(module: ModuleType) -> bool:
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            def read() -> bool:
                try:
                    with open(file, "rb") as f:
                        return b"PySide6" in f.read()
                except OSError:
                    return original(module)

            started = _started  # while the window starts: the answer kept for the file as it is
            return started.names_pyside(file, read) if started is not None else read()
        return original(module)

    return uses_pyside


def quicker_feature_scan() -> None:
    """After PySide6 is imported (ui/app.py): `compile` as it was; Qt for Python's per-module
    check without `inspect` (see the module's text)."""
    if _started is not None:
        _started.qt_imported()
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is not None and callable(original) and not hasattr(original, "__wrapped__"):
        quicker = uses_pyside_by_bytes(original)
        quicker.__wrapped__ = original  # type: ignore[attr-defined]  # (once)
        feature._mod_uses_pyside = quicker  # type: ignore[attr-defined]
