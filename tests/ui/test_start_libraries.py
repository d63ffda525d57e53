"""Qt's libraries loaded on a thread while the window's first modules import (ui/start_libraries.py,
issue 27): the files loaded are those `import PySide6` then uses (never a second copy of Qt), the
window starts on them, and a server master's reading process is forked before the thread starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kodaira_desk.ui import start_libraries


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    """What a Python process of its own running `code` printed (it must end well)."""
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="loaded ahead on Linux only")

PROBE = """
import sys, time
from kodaira_desk.ui import start_libraries
start_libraries.a_core_free = lambda: True  # (however loaded the machine running the test)
files = start_libraries.binding_files()
assert start_libraries.prefetch(), "no thread started"
assert not start_libraries.prefetch(), "a second thread started"

def mapped():
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps if line.rstrip().endswith((".so", ".so.6", ".so.6.11"))}

deadline = time.monotonic() + 60
while not set(files) <= mapped() and time.monotonic() < deadline:  # loaded by the thread alone
    time.sleep(0.01)
before = mapped()
assert "PySide6.QtCore" not in sys.modules
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("小平")
label.show()
app.processEvents()
print("FILES", *files)
print("MODULES", QtCore.__file__, QtGui.__file__, QtWidgets.__file__)
print("LOADED-BEFORE", *sorted(p for p in before if "PySide6" in p or "shiboken6" in p))
print("CORE", *sorted(p for p in mapped() if os.path.basename(p).startswith("libQt6Core")))
print("TEXT", label.text())
"""


def test_the_libraries_loaded_ahead_are_the_ones_the_import_uses(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = _python("import os\n" + PROBE, env=env)
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    files = [os.path.realpath(f) for f in lines["FILES"]]
    assert len(files) == 3
    assert [os.path.realpath(f) for f in lines["MODULES"]] == files  # the import took the files loaded ahead
    assert set(files) <= {os.path.realpath(f) for f in lines["LOADED-BEFORE"]}  # loaded before the import
    assert len(lines["CORE"]) == 1, lines["CORE"]  # one Qt in the process, not a second copy
    assert lines["TEXT"] == ["小平"]


def test_the_files_are_those_of_the_first_pyside6_on_the_path(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        (folder / "PySide6").mkdir(parents=True)
        (folder / "PySide6" / "__init__.py").write_text("")
        for name in start_libraries.MODULES:
            (folder / "PySide6" / f"{name}.abi3.so").write_bytes(b"")
    (tmp_path / "empty" / "PySide6").mkdir(parents=True)  # a folder of that name that is no package
    path = [str(tmp_path / "empty"), str(first), str(second)]
    assert start_libraries.binding_files(path) == [str(first / "PySide6" / f"{n}.abi3.so")
                                                   for n in start_libraries.MODULES]
    (first / "PySide6" / "QtWidgets.abi3.so").unlink()  # a file missing: left to the import
    assert start_libraries.binding_files(path) == [str(first / "PySide6" / f"{n}.abi3.so")
                                                   for n in ("QtCore", "QtGui")]
    assert start_libraries.binding_files([str(tmp_path / "empty")]) == []
    assert start_libraries.binding_files(frozen_folder=str(second)) == [
        str(second / "PySide6" / f"{n}.abi3.so") for n in start_libraries.MODULES]


ORDER = """
import sys
from kodaira_desk import cli
from kodaira_desk.services import opening
from kodaira_desk.ui import start_libraries
seen = []
start_libraries.prefetch = lambda: seen.append("prefetch")
on_thread = sys.argv[1] == "thread"
opening.opening = lambda url: (seen.append(f"opening {url}"), opening.OpeningOnThread.__new__(opening.OpeningOnThread)
                               if on_thread else object())[1]
import kodaira_desk.ui.app as app
app.run_app = lambda *a, **k: 0
cli.main(sys.argv[2:])
print("|".join(seen))
"""


@pytest.mark.parametrize(("route", "argv", "expected"), [
    ("fork", ["--db", "postgresql://kd@db.example/master"], ["opening postgresql://kd@db.example/master", "prefetch"]),
    ("fork", ["--db=postgresql://kd@db.example/master"], ["opening postgresql://kd@db.example/master", "prefetch"]),
    ("fork", ["--db", "postgresql://kd@db.example/master", "gui"],
     ["opening postgresql://kd@db.example/master", "prefetch"]),
    # opened on a thread (where no process is forked): its imports beside the window's, not moved
    ("thread", ["--db", "postgresql://kd@db.example/master"], ["opening postgresql://kd@db.example/master"]),
    ("fork", ["--db", "city.sqlite"], ["prefetch"]),  # a file: at once
])
def test_a_server_masters_reading_process_is_forked_before_the_thread_starts(route: str, argv: list[str],
                                                                               expected: list[str]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    assert _python(ORDER, route, *argv, env=env).strip().split("|") == expected


def test_the_thread_loads_through_a_call_that_lets_go_of_the_interpreters_lock() -> None:
    """ctypes calls a CDLL's function with the interpreter's lock let go (its documented promise;
    a PyDLL's keeps it, and so does `_ctypes.dlopen`, what `ctypes.CDLL` itself loads with: the GUI
    thread then waited for the lock the whole time the thread loaded)."""
    import ctypes

    dlopen = start_libraries.libc_dlopen()
    assert isinstance(dlopen, ctypes._CFuncPtr)  # type: ignore[attr-defined]
    assert not dlopen._flags_ & ctypes._FUNCFLAG_PYTHONAPI  # type: ignore[attr-defined]
    assert dlopen(None, os.RTLD_NOW)  # the program itself: a handle


def test_the_interpreters_extension_modules_are_imported_before_the_thread_starts() -> None:
    code = ("import sys\n"
            "from kodaira_desk.ui import start_libraries\n"
            "start_libraries.a_core_free = lambda: True\n"
            "assert start_libraries.prefetch()\n"
            "print(*[n for n in start_libraries.STANDARD if n not in sys.modules and n not in sys.builtin_module_names])\n")
    assert _python(code).split() == []


def test_nothing_is_loaded_ahead_where_no_core_is_free() -> None:
    code = ("import os, sys\n"
            "os.sched_getaffinity = lambda _pid: {0, 1}\n"
            "os.getloadavg = lambda: (6.0, 5.0, 4.0)  # every core busy: the thread would take the GUI thread's turn\n"
            "from kodaira_desk.ui import start_libraries\n"
            "print(start_libraries.prefetch(), 'ctypes' in sys.modules)\n")
    assert _python(code).split() == ["False", "False"]
