"""On a shared master on a server, a figure one 政策課 member confirms (確認済みにする) loses its
yellow in another member's window when that window comes to the front, without a restart; the
confirmation records who made it."""

from __future__ import annotations

import json
from typing import Any

import psycopg
from PySide6.QtCore import Qt
from test_clerk import save
from test_server_window import WAIT_MS, _farm_cell, _type, _wait
from test_server_window import windows as windows  # the fixture: two windows on one server master

from kodaira_desk.store import server
from kodaira_desk.ui.forms.kpi_model import WARNING
from kodaira_desk.ui.window.main_window import MainWindow

FARM_KEY = "value:strategy-2015:g1.a1.k3:actual:2020:"


def _yellow(w: MainWindow, cell: Any) -> bool:
    brush = w.page.kpi.model.data(cell, Qt.ItemDataRole.BackgroundRole)
    return brush is not None and brush.color() == WARNING


def _to_front(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w.raise_()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)


def test_a_figure_confirmed_in_one_window_is_seen_in_the_other(  # type: ignore[no-untyped-def]
        qtbot, windows: list[MainWindow], pg_master: str) -> None:
    first, second = windows
    cell_1 = _farm_cell(qtbot, first)
    cell_2 = _farm_cell(qtbot, second)
    _type(qtbot, first, cell_1, "36500")  # a hundred times the others: yellow
    save(qtbot, first)
    _wait(qtbot, first)
    _to_front(qtbot, second)  # the other member sees it, yellow
    qtbot.waitUntil(lambda: _yellow(second, cell_2), timeout=WAIT_MS)
    _to_front(qtbot, first)
    first.page.kpi.view.setCurrentIndex(cell_1)
    first.page.kpi.confirm_action.trigger()  # 確認済みにする
    qtbot.waitUntil(lambda: not _yellow(first, cell_1), timeout=WAIT_MS)
    _to_front(qtbot, second)
    qtbot.waitUntil(lambda: not _yellow(second, cell_2), timeout=WAIT_MS)
    assert not second.isWindowModified()
    with psycopg.connect(server.libpq_url(pg_master)) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'figures.confirmed:strategy-2015'").fetchone()
    assert row is not None and json.loads(row[0])[FARM_KEY]["by"] == "政策課 山田"
