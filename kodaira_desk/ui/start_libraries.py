"""Qt's libraries loaded on a thread of their own while the window's first modules import (issue 27).

`import PySide6.QtCore` (then QtGui, QtWidgets) loads Qt for Python's three binding modules and the
Qt libraries under them, some 45 MB of ELF files: the dynamic linker maps them, applies their
relocations and runs their constructors — 13–17 ms of the GUI thread's CPU before any of PySide6
runs, a cost the bare PySide6 window pays too. None of that needs the interpreter, so `prefetch`
hands it to a thread: `dlopen` (ctypes' C side lets go of the interpreter's lock while it loads) runs
on another core while the GUI thread reads start-up's kept code and imports the store, and the
import then finds the files loaded (the dynamic linker knows a loaded file by its device and inode,
and a library by its name) and only runs the modules' init, as it does every time after a first
import. The libraries' own constructors, which now run on that thread, touch no Python object (they
register their atexit handlers, `std::ios_base`'s and Qt's compiled-in resources, under Qt's lock).

The files are the ones the import loads: those of the first PySide6 package on `sys.path` (a
bundle's own folder when frozen), with the flags `sys.getdlopenflags()` the import uses. A file
missing, or a load that fails, is left to the import, which meets it and reports it as before.
Linux only (where it was measured). Not while a process is to be forked: a server master's reading
process is forked first (services/opening.py: a process forked while it has one thread), and the
libraries are loaded after it.
"""

from __future__ import annotations

import _imp
import _thread
import os
import sys

MODULES = ("QtCore", "QtGui", "QtWidgets")  # what the window imports, in the order it imports them
# the interpreter's extension modules the window imports before PySide6, in that order: loaded first,
# each in a fraction of a millisecond (the GUI thread's own `dlopen` of one waits while the thread
# loads a library: the dynamic linker loads one at a time); one not here is only waited for
STANDARD = ("_opcode", "zlib", "math", "_datetime", "_sqlite3", "unicodedata", "_decimal", "_bisect", "_struct",
            "binascii", "_bz2", "_lzma", "_random", "_sha512", "_heapq", "_queue")
_started: list[bool] = []


def binding_files(path: list[str] | None = None, frozen_folder: str | None = None) -> list[str]:
    """The window's binding modules' files in the first PySide6 package on the path (the frozen
    bundle's own folder, if given), those that exist; none when no package is found."""
    folders = [frozen_folder] if frozen_folder else sys.path if path is None else path
    for entry in folders:
        package = os.path.join(entry or ".", "PySide6")
        if frozen_folder or os.path.isfile(os.path.join(package, "__init__.py")):
            files = [os.path.join(package, f"{name}.abi3.so") for name in MODULES]
            return [file for file in files if os.path.isfile(file)]
    return []


def extension_files(names: tuple[str, ...], path: list[str] | None = None) -> list[str]:
    """The files of those of `names` that the import would load from a file (not built in, not
    imported yet): each the first on the path with an extension module's suffix, as the import finds
    it (a folder's names listed once); a name that is a Python module there is left out."""
    suffixes = [*_imp.extension_suffixes(), ".py", ".pyc"]
    left = [name for name in names if name not in sys.builtin_module_names and name not in sys.modules]
    found: dict[str, str] = {}
    for entry in sys.path if path is None else path:
        try:
            here = set(os.listdir(entry or "."))
        except OSError:  # a zip file, a folder gone
            continue
        for name in left:
            suffix = next((suffix for suffix in suffixes if name + suffix in here), None)
            if suffix is not None and name not in found:
                found[name] = os.path.join(entry or ".", name + suffix)
        if len(found) == len(left):
            break
    return [found[name] for name in left if name in found and not found[name].endswith((".py", ".pyc"))]


def prefetch() -> bool:
    """Start loading the libraries on a thread (once per process, and not once PySide6 is
    imported); whether a thread was started."""
    if _started or not sys.platform.startswith("linux") or "PySide6.QtCore" in sys.modules:
        return False
    _started.append(True)
    frozen = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    files = binding_files(frozen_folder=frozen if isinstance(frozen, str) else None)
    if not files:
        return False
    _thread.start_new_thread(load, (files, sys.getdlopenflags()))
    return True


def load(files: list[str], flags: int) -> None:
    """Each file loaded as the import would load it (kept loaded: the import takes it over), the
    interpreter's extension modules first."""
    try:
        import _ctypes  # the C side alone: ctypes' Python part is not needed to load a file

        for file in [*extension_files(STANDARD), *files]:
            _ctypes.dlopen(file, flags)
    except Exception:  # a prefetch: the import meets the same error and reports it
        return
