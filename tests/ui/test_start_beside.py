"""Start-up's work beside the GUI thread (issue 27): the shipped font registered and the first
screen read on threads of their own while the window's modules import; the window shown is the
same (the font, the plans, the first item, the title), and work the thread has not begun, or that
failed there, is done by the caller as before."""

from __future__ import annotations

import _thread
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kodaira_desk.ui import app

PROBE = """
import gc, runpy, sys, threading
import kodaira_desk.store.first_screen as first_screen
read_on = []
read = first_screen.read_first_screen
def reading(*args, **kwargs):
    read_on.append(threading.get_ident() == threading.main_thread().ident)
    return read(*args, **kwargs)
first_screen.read_first_screen = reading
import kodaira_desk.services.plans as plans
plans.read_first_screen = reading
freeze = gc.freeze
def shown():  # run_app freezes the objects right after the window is shown
    from PySide6.QtWidgets import QApplication
    from kodaira_desk.ui.window.main_window import MainWindow
    (w,) = [t for t in QApplication.topLevelWidgets() if isinstance(t, MainWindow) and t.isVisible()]
    print("FONT", QApplication.font().family(), flush=True)
    print("READ", "gui" if read_on == [True] else "thread" if read_on == [False] else read_on, flush=True)
    print("PLANS", w.proxy.rowCount(), flush=True)
    print("CURRENT", w.current, flush=True)
    print("TITLE", w.windowTitle(), flush=True)
    freeze()
gc.freeze = shown
sys.argv = ["kodaira_desk", "--db", sys.argv[1]]
runpy.run_module("kodaira_desk", run_name="__main__")
"""


def test_the_window_shows_the_shipped_font_and_the_first_screen_read_beside_it(db_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KODAIRA_DESK_BENCH_EXIT="1",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert "shown" in lines, done.stderr
    said = dict(line.split(" ", 1) for line in lines if line.split(" ")[0] in ("FONT", "READ", "PLANS", "CURRENT", "TITLE"))
    assert said["FONT"] == app.FONT_FAMILY  # registered on its thread, set before the window was made
    assert said["READ"] in ("thread", "gui")  # read once: on its thread, or by the window when not begun
    assert int(said["PLANS"]) >= 3  # the city's plans in the tree
    assert said["CURRENT"].startswith("(") and "None" in said["CURRENT"]  # the first plan selected, its page shown
    assert db_path.name in said["TITLE"]


def _begun(work: Callable[[], int]) -> Callable[[], int | None]:
    """`beside(work)`, once its thread has begun it (the work waits for the caller to have seen it
    begin, then returns)."""
    began, seen = threading.Event(), threading.Event()

    def working() -> int:
        began.set()
        seen.wait()
        return work()

    wait = app.beside(working)
    began.wait()
    seen.set()
    return wait


def test_the_caller_gets_what_the_thread_returned() -> None:
    wait = _begun(lambda: 42)
    assert wait() == 42
    assert wait() == 42  # asked again: the same answer, nothing run again


def test_an_error_on_the_thread_is_left_to_the_caller() -> None:
    def fails() -> int:
        raise ValueError("met again by the caller")

    assert _begun(fails)() is None


def test_work_the_thread_has_not_begun_is_left_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[Callable[[], None]] = []
    monkeypatch.setattr(_thread, "start_new_thread", lambda run, args: held.append(run))  # a busy machine
    ran: list[bool] = []
    wait = app.beside(lambda: ran.append(True))
    assert wait() is None  # the caller does it itself
    held[0]()  # the thread begins at last: it finds the work taken
    assert ran == []


def test_the_read_goes_beside_only_where_a_core_is_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.3, 0.2))
    assert app.a_core_free()
    monkeypatch.setattr(os, "getloadavg", lambda: (6.0, 5.0, 4.0))  # every core busy
    assert not app.a_core_free()

    def no_load() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", no_load)
    assert not app.a_core_free()  # not known: the GUI thread reads, as before
