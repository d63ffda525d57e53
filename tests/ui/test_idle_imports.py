"""A menu window's modules imported while the main window is idle, one a turn (issue 27: 進捗ボード's
first opening imported its modules in the turn that made it)."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from kodaira_desk.ui.window.idle_imports import BOARD, IdleImports

RECORD = "import sys, time\nsys.modules['{log}'].append(('{name}', time.monotonic()))\n"


@pytest.fixture
def modules(tmp_path: Path) -> Iterator[tuple[list[str], list[tuple[str, float]]]]:
    """Three modules of this test's own (unique names: tests run side by side), each noting when
    it was imported."""
    stem = f"kd_idle_{tmp_path.name.replace('-', '_')}"
    log_name = f"{stem}_log"
    log: list[tuple[str, float]] = []
    sys.modules[log_name] = log  # type: ignore[assignment]
    names = [f"{stem}_{i}" for i in range(3)]
    for name in names:
        (tmp_path / f"{name}.py").write_text(RECORD.format(log=log_name, name=name), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield names, log
    finally:
        sys.path.remove(str(tmp_path))
        for name in [*names, log_name]:
            sys.modules.pop(name, None)


def test_the_modules_are_imported_after_a_while_one_a_turn(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    names, log = modules
    owner = QObject()
    started = time.monotonic()
    IdleImports(names, lambda: True, owner, after_ms=200, gap_ms=120)
    assert not log  # nothing at once: the window is being shown
    qtbot.waitUntil(lambda: len(log) == 3, timeout=10000)
    assert [name for name, _at in log] == names  # in the order given (leaves first)
    assert log[0][1] - started >= 0.18
    gaps = [b - a for (_n, a), (_m, b) in itertools.pairwise(log)]
    assert min(gaps) >= 0.1  # one a turn, the event loop turning in between


def test_nothing_is_imported_while_not_wanted(qtbot, modules) -> None:  # type: ignore[no-untyped-def]
    names, log = modules
    owner = QObject()
    wanted = [False]  # a department file open (clerk mode: no board)
    imports = IdleImports(names, lambda: wanted[0], owner, after_ms=10, gap_ms=20)
    qtbot.wait(300)
    assert not log and imports.left == names
    wanted[0] = True  # the master opened in the same window
    qtbot.waitUntil(lambda: len(log) == 3, timeout=10000)


def test_the_boards_list_ends_with_the_board() -> None:
    assert BOARD[-1] == "kodaira_desk.ui.round.board_dialog"
    assert len(set(BOARD)) == len(BOARD)
