"""Qt's libraries loaded on a thread of their own while the window's first modules import (issue 27).

`import PySide6.QtCore` (then QtGui, QtWidgets) loads Qt for Python's three binding modules and the
Qt libraries under them, some 45 MB of ELF files: the dynamic linker maps them, applies their
relocations and runs their constructors, some 15 ms of the GUI thread before any of PySide6 runs (a
cost the bare PySide6 window pays too). None of that needs the interpreter, so `prefetch` hands it
to a thread: the C library's `dlopen`, called through ctypes as a foreign function (which lets go of
the interpreter's lock for the call), runs on another core while the GUI thread reads start-up's
kept code and imports the store; the import then finds the files loaded (the dynamic linker knows a
loaded file by its device and inode, and a library by its name) and only runs the modules' init.
The libraries' own constructors, which run on that thread, touch no Python object (they register
their atexit handlers, `std::ios_base`'s and Qt's compiled-in resources, under Qt's lock).

Two things would make the GUI thread wait for the thread instead: the interpreter's lock (ctypes'
own `_ctypes.dlopen`, what `ctypes.CDLL` uses, keeps it while it loads: the GUI thread's CPU clock
showed the load gone while the wall clock did not move), and the dynamic linker, which loads one
file at a time (the GUI thread's own import of an extension module waits until the thread's current
library is loaded): the interpreter's extension modules start-up imports before PySide6 are
imported before the thread starts (STANDARD).

The files are the ones the import loads: those of the first PySide6 package on `sys.path` (a
bundle's own folder when frozen), with the flags `sys.getdlopenflags()` the import uses. A file
missing, or a load that fails, is left to the import, which meets it and reports it as before.
Linux only (where it was measured). Not while a process is to be forked: a server master's reading
process is forked first (services/opening.py: a process forked while it has one thread), and the
libraries are loaded after it.
"""

from __future__ import annotations

import _thread
import os
import sys
from collections.abc import Callable

MODULES = ("QtCore", "QtGui", "QtWidgets")  # what the window imports, in the order it imports them
# the interpreter's extension modules the window's start-up imports before PySide6 (dataclasses',
# the store's, Qt for Python's own), imported before the thread starts: the GUI thread's own
# `dlopen` of one of them (even of a file already loaded) would wait until the thread's current Qt
# library is loaded
STANDARD = ("_opcode", "zlib", "math", "_datetime", "_sqlite3", "_bisect", "unicodedata", "_decimal", "binascii",
            "_bz2", "_lzma", "_struct", "_random", "_sha512")
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


def a_core_free() -> bool:
    """Whether a core is likely idle for a second thread (the load average under the cores this
    process may run on): Qt's libraries are loaded ahead (prefetch) and the first screen is read
    beside (ui/app.py) only then. The first screen's read hands the interpreter's lock back and forth with
    the GUI thread at each row SQLite reads: with a core of its own that overlaps the GUI thread's
    imports (its CPU until the window is shown 12-19 ms less), but on a machine whose cores are all
    busy each hand-over waits for the scheduler, and the window was shown later than with the read
    on the GUI thread (interleaved runs at load 11-15). The libraries' load gains the wall clock
    only with a free core (load 0.4-1.4: 160 -> 153 and 175 -> 170 ms); with none, the thread only
    takes the GUI thread's turn (load 4-10: the same wall or 2 % worse)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    try:
        return os.getloadavg()[0] < cores - 0.5
    except (AttributeError, OSError):  # Windows: no load average
        return False


def prefetch() -> bool:
    """Start loading the libraries on a thread (once per process, not once PySide6 is imported,
    and where a core is free for it); whether a thread was started. What the thread loads is found here: the thread runs
    no Python but its loop."""
    if _started or not sys.platform.startswith("linux") or "PySide6.QtCore" in sys.modules or not a_core_free():
        return False
    _started.append(True)
    frozen = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    files = binding_files(frozen_folder=frozen if isinstance(frozen, str) else None)
    if not files:
        return False
    dlopen = libc_dlopen()
    if dlopen is None:
        return False
    for name in STANDARD:  # (imported now rather than later: see STANDARD)
        try:
            __import__(name)
        except ImportError:  # not in this interpreter: the import that wants it says so
            continue
    _thread.start_new_thread(load, (dlopen, files, sys.getdlopenflags()))
    return True


def libc_dlopen() -> Callable[[bytes, int], object] | None:
    """The C library's `dlopen`, called through ctypes as a foreign function: ctypes lets go of the
    interpreter's lock for the call (`_ctypes.dlopen`, what `ctypes.CDLL` uses, keeps it: the GUI
    thread would wait for the lock the whole time the thread loads)."""
    try:
        import ctypes

        dlopen = ctypes.CDLL(None).dlopen
    except (ImportError, OSError, AttributeError):
        return None
    dlopen.argtypes = (ctypes.c_char_p, ctypes.c_int)
    dlopen.restype = ctypes.c_void_p
    return dlopen


def load(dlopen: Callable[[bytes, int], object], files: list[str], flags: int) -> None:
    """Each file loaded as the import would load it (kept loaded: the import takes it over)."""
    try:
        for file in files:
            dlopen(os.fsencode(file), flags)
    except Exception:  # a prefetch: the import meets the same error and reports it
        return
