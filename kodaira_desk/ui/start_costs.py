"""Two costs of start-up that are the same in every run, paid once (issue 27).

1. `dataclasses` writes each class's methods (`__init__`, `__eq__`, `__hash__`, `__repr__`, the
   frozen `__setattr__`/`__delattr__`) as source text and compiles it: some 400 compilations for the
   66 dataclasses the window imports before it is shown, 30–40 ms of CPU in every start-up. The text
   is the same from one run to the next, so its compiled code is kept, as Python keeps a module's
   bytecode: in the package's own `__pycache__`, under the interpreter's cache tag, written after
   the window is shown (never where Python would not write bytecode: `PYTHONDONTWRITEBYTECODE`, a
   bundle, a read-only install). `dataclasses` then runs the kept code instead of compiling its
   text again; anything else is compiled as before. Only while the window starts: `finish` puts
   `dataclasses` back as it was.
2. Qt for Python reads the source of every module imported after it, through `inspect`, to learn
   whether it names PySide6 (for its `__feature__` switches: 130 modules, 15–20 ms). The same
   question is answered by reading the file's bytes; other modules are asked as before.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

CACHE_NAME = f"dataclass-code.{sys.implementation.cache_tag}.marshal"
# marshal's format and the bytecode inside it belong to one interpreter version
HEADER = f"kodaira-desk dataclass code {sys.version}\n".encode()


def cache_path() -> Path:
    return Path(__file__).resolve().parent.parent / "__pycache__" / CACHE_NAME


def _read(path: Path) -> dict[Any, Any]:
    """The kept code, or nothing when the file is missing, from another interpreter or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(HEADER):
        return {}
    try:
        kept = marshal.loads(data[len(HEADER):])
    except (ValueError, EOFError, TypeError):
        return {}
    return kept if type(kept) is dict else {}  # each entry's type is checked as it is used


class DataclassCode:
    """`dataclasses`' compilations answered from the kept code while the window starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept = _read(path)
        self.used: dict[str, CodeType] = {}
        self.compiled = 0  # texts not found in the kept code

    def exec(self, source: Any, globals: dict[str, Any] | None = None,
             locals: dict[str, Any] | None = None) -> None:
        if type(source) is str:
            code = self.kept.get(source)
            if type(code) is not CodeType:
                # as exec(text) compiles it inside dataclasses.py: no __future__ flags of this module
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.compiled += 1
            self.used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def install(self) -> None:
        dataclasses.exec = self.exec  # type: ignore[attr-defined]  # found before the builtin

    def finish(self, keep: bool = True) -> None:
        """`dataclasses` as it was; the code start-up used kept (`keep`), if some was compiled."""
        if getattr(dataclasses, "exec", None) == self.exec:
            del dataclasses.exec  # type: ignore[attr-defined]
        if keep and self.compiled and _may_write():
            _write(self.path, self.used)


def _may_write() -> bool:
    return not sys.dont_write_bytecode and not getattr(sys, "frozen", False)


def _write(path: Path, code: dict[str, CodeType]) -> None:
    """Whole or not at all (another start-up may be reading it); a cache: a failure is no error."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(HEADER + marshal.dumps(code))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


_started: DataclassCode | None = None


def start() -> None:
    """Before the window's modules are imported (cli: before it knows whether a window opens)."""
    global _started
    if _started is None:
        _started = DataclassCode(cache_path())
        _started.install()


def finish(keep: bool = True) -> None:
    """Once the window is shown (ui/app.py); for a command, without keeping anything (cli)."""
    global _started
    if _started is not None:
        _started.finish(keep)
        _started = None


def uses_pyside_by_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """Qt for Python's question "does this module's source name PySide6?", answered from the
    source file's bytes (the name is ASCII: the same answer in any source encoding)."""

    def uses_pyside(module: ModuleType) -> bool:
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            try:
                with open(file, "rb") as f:
                    return b"PySide6" in f.read()
            except OSError:
                pass
        return original(module)

    return uses_pyside


def quicker_feature_scan() -> None:
    """After PySide6 is imported: its per-module check without `inspect` (see the module's text)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is not None and callable(original) and not hasattr(original, "__wrapped__"):
        quicker = uses_pyside_by_bytes(original)
        quicker.__wrapped__ = original  # type: ignore[attr-defined]  # (once)
        feature._mod_uses_pyside = quicker  # type: ignore[attr-defined]
