"""A menu window's modules imported while the main window is idle, one a turn (issue 27: 進捗ボード's
first opening imported its modules in the turn that made it)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from grid_helpers import clerk_window, close_window
from PySide6.QtCore import QObject

from kodaira_desk.ui.tasks import TaskRunner
from kodaira_desk.ui.window import idle_imports
from kodaira_desk.ui.window.idle_imports import BOARD, ROUND_WINDOWS, RUNNER, IdleImports

RECORD = ("import sys, threading, time\nsys.modules['{log}'].append(('{name}', time.monotonic()))\n"
          "sys.modules['{log}_threads'].append(threading.current_thread() is threading.main_thread())\n")


@pytest.fixture
def modules(tmp_path: Path) -> Iterator[tuple[list[str], list[tuple[str, float]]]]:
    """Three modules of this test's own (unique names: tests run side by side), each noting when
    it was imported."""
    stem = f"kd_idle_{tmp_path.name.replace('-', '_')}"
    log_name = f"{stem}_log"
    log: list[tuple[str, float]] = []
    sys.modules[log_name] = log  # type: ignore[assignment]
    sys.modules[f"{log_name}_threads"] = []  # type: ignore[assignment]  # each import: on the GUI thread?
    names = [f"{stem}_{i}" for i in range(3)]
    for name in names:
        (tmp_path / f"{name}.py").write_text(RECORD.format(log=log_name, name=name), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield names, log
    finally:
        sys.path.remove(str(tmp_path))
        for name in [*names, log_name, f"{log_name}_threads"]:
            sys.modules.pop(name, None)


def test_each_turn_imports_one_module_in_the_order_given(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    names, log = modules
    owner = QObject()
    imports = IdleImports(names, lambda: True, owner, after_ms=600_000)
    assert not log  # nothing at once: the window is being shown
    for turn in range(1, 4):
        imports._step()  # one turn of the timer
        assert [name for name, _at in log] == names[:turn]  # one module a turn, leaves first
    assert not imports.left and not imports.active  # done: nothing wakes the GUI thread any more


def test_a_classes_attribute_is_asked_for_in_a_turn_of_its_own_then_what_follows(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    """"module:Class.Enum": the attribute asked for (Qt for Python makes a Qt class's enums when one is
    first asked for: the board's first opening made seven), a turn of its own; `then` a turn after the last."""
    names, log = modules
    lazy = f"{names[0]}_lazy"
    folder = Path(next(p for p in sys.path if (Path(p) / f"{names[0]}.py").exists()))
    (folder / f"{lazy}.py").write_text(
        "import sys\nclass _Asked(type):\n    def __getattr__(cls, name):\n"
        f"        sys.modules['{log_name(names)}'].append(('{lazy}:' + name, 0.0))\n        return name\n"
        "class Late(metaclass=_Asked):\n    pass\n", encoding="utf-8")
    done: list[str] = []
    owner = QObject()
    imports = IdleImports([f"{lazy}:Late.Kind", names[0]], lambda: True, owner, after_ms=600_000,
                          then=lambda: done.append("then"))
    imports._step()
    assert [name for name, _at in log] == [f"{lazy}:Kind"]  # asked, nothing else this turn
    imports._step()
    assert [name for name, _at in log] == [f"{lazy}:Kind", names[0]] and not done
    qtbot.waitUntil(lambda: done == ["then"], timeout=10000)
    sys.modules.pop(lazy, None)


def log_name(names: list[str]) -> str:
    return f"{names[0].rsplit('_', 1)[0]}_log"


def test_the_timer_brings_every_module_then_stops(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    names, log = modules
    owner = QObject()
    imports = IdleImports(names, lambda: True, owner, after_ms=10, gap_ms=10)
    assert not log and imports.active
    qtbot.waitUntil(lambda: len(log) == 3, timeout=10000)
    assert [name for name, _at in log] == names
    qtbot.waitUntil(lambda: not imports.active, timeout=10000)


def test_nothing_is_imported_while_not_wanted_and_the_timer_stops(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    names, log = modules
    owner = QObject()
    wanted = [False]  # a department file open (clerk mode: no board)
    imports = IdleImports(names, lambda: wanted[0], owner, after_ms=10, gap_ms=20)
    qtbot.waitUntil(lambda: not imports.active, timeout=10000)  # asked once, then not woken every 20 ms
    assert not log and imports.left == names
    wanted[0] = True  # the master opened in the same window
    imports.wake()
    assert imports.active
    qtbot.waitUntil(lambda: len(log) == 3, timeout=10000)
    assert [name for name, _at in log] == names


def test_a_department_files_window_stops_the_imports_and_a_master_opened_starts_them(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(idle_imports, "START_AFTER_MS", 0)  # (the wait after start-up: none here)
    w = clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        imports = next(c for c in w.children() if isinstance(c, IdleImports))
        qtbot.waitUntil(lambda: not imports.active, timeout=10000)  # the clerk has no board
        assert imports.left == list(BOARD + ROUND_WINDOWS)
        assert w.open_path(db_path)  # the master, in the same window
        qtbot.waitUntil(lambda: not imports.left, timeout=10000)
    finally:
        close_window(w)


def test_the_boards_list_ends_with_the_board() -> None:
    assert BOARD[-1] == "kodaira_desk.ui.round.board_dialog"
    assert len(set(BOARD)) == len(BOARD)
    assert len(set(BOARD + ROUND_WINDOWS)) == len(BOARD) + len(ROUND_WINDOWS)


def test_an_entry_for_the_runner_is_imported_there_and_the_next_after_its_answer(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    """The round's ORM (200–300 ms, one module of it 50–75 ms) is imported on the window's runner, not
    in a turn of the GUI thread; the next module is imported on the GUI thread once it has answered."""
    names, log = modules
    threads = sys.modules[f"{log_name(names)}_threads"]
    owner = QObject()
    runner = TaskRunner(owner)
    done: list[str] = []
    imports = IdleImports([RUNNER + names[0], names[1]], lambda: True, owner, after_ms=600_000, runner=runner,
                          then=lambda: done.append("then"))
    imports._step()  # the turn that asks the runner
    assert imports.active and imports.left == [names[1]]
    qtbot.waitUntil(lambda: len(log) == 2, timeout=10000)
    assert [name for name, _at in log] == names[:2]
    assert threads == [False, True]  # the first on the runner's thread, the second on the GUI thread
    qtbot.waitUntil(lambda: done == ["then"] and not imports.active, timeout=10000)


def test_what_follows_the_last_import_is_not_called_once_its_owner_is_gone(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    """The work after the last import (進捗ボード made ahead) is dropped with the window that owns
    the imports: called on a closed window it met "Internal C++ object already deleted" (a loaded
    run of test_opening_year)."""
    from PySide6 import QtCore
    from shiboken6 import isValid

    names, log = modules
    owner = QObject()
    called: list[bool] = []
    imports = IdleImports(names[:1], lambda: True, owner, after_ms=0, gap_ms=1000, then=lambda: called.append(True))
    qtbot.waitUntil(lambda: len(log) == 1 and not imports.active, timeout=5000)  # then: 1 s later
    owner.deleteLater()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    assert not isValid(owner)
    qtbot.wait(1300)
    assert called == []
