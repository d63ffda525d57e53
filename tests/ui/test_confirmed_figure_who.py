"""「確認済みにする」 records who confirmed the figure (the 担当者 name, or the login name when it
was declined: never no one), writes on the window's runner, leaves an audit row (経緯 確認済み), and a
figure another person confirmed on the shared master loses its yellow here when the person comes
back to the window (no restart)."""

from __future__ import annotations

import getpass
import json
import threading
from pathlib import Path

from grid_helpers import R2, cell, focused, open_kpi, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services import figure_checks
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.ui.forms.kpi_model import WARNING
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL
CTRL = Qt.KeyboardModifier.ControlModifier
FARMERS = "g1.a1.k1"  # 新規就農者数: 3人, 4人 … against a target of 5人 a year
KEY = f"value:strategy-2015:{FARMERS}:actual:2020:"


def _yellow(w: MainWindow, qtbot) -> object:  # type: ignore[no-untyped-def]
    """627684 typed into 令和2年度's 実績 of 新規就農者数 (far out of scale: yellow) and saved."""
    view = open_kpi(w, "strategy-2015", "g1.a1")
    at = cell(w, FARMERS, A, R2)
    view.setCurrentIndex(at)
    type_keys(qtbot, view, "627684")
    qtbot.keyClick(focused(view), Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.isWindowModified(), timeout=30000)
    view.setCurrentIndex(at)
    assert _is_yellow(w, at)
    return at


def _is_yellow(w: MainWindow, at: object) -> bool:
    brush = w.page.kpi.model.data(at, Qt.ItemDataRole.BackgroundRole)  # type: ignore[arg-type]
    return brush is not None and brush.color() == WARNING


def _recorded(db_path: Path) -> tuple[dict[str, object], list[dict[str, str | None]]]:
    db = open_database(db_path, create=False)
    try:
        with db.reader() as r:
            stored = json.loads(r.meta("figures.confirmed:strategy-2015") or "{}")
        return stored.get(KEY, {}), [e for e in audit_entries(db) if e["source"] == "confirmed"]
    finally:
        db.dispose()


def _confirm(qtbot, w: MainWindow, at: object, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The person says the figure is right (the cell's 確認済みにする); the threads it was written on."""
    threads: list[str] = []
    real = figure_checks.confirm_figure

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append("gui" if threading.current_thread() is threading.main_thread() else "worker")
        return real(*args, **kwargs)

    monkeypatch.setattr(figure_checks, "confirm_figure", spy)
    assert w.page.kpi.confirm_action.isEnabled()
    w.page.kpi.confirm_action.trigger()
    qtbot.waitUntil(lambda: not _is_yellow(w, at), timeout=10000)
    assert "確認済みにしました" in w.page.kpi.message.text()
    return threads


def test_the_confirmation_records_the_persons_name_on_the_runner(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, monkeypatch) -> None:
    w = window
    at = _yellow(w, qtbot)
    assert _confirm(qtbot, w, at, monkeypatch) == ["worker"]
    stored, audited = _recorded(db_path)
    assert stored["by"] == "政策課 試験" and stored["text"] == "627,684人"
    assert [(e["field"], e["actor"]) for e in audited] == [(KEY, "政策課 試験")]


def test_a_declined_name_records_the_login_name(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, monkeypatch) -> None:
    w = window
    at = _yellow(w, qtbot)
    w.settings.user_name = ""
    asked: list[str] = []
    w.ask_text = lambda *a: asked.append(a[0]) or ""  # type: ignore[method-assign]  # the person declines
    _confirm(qtbot, w, at, monkeypatch)
    assert asked == ["担当者名"]
    stored, audited = _recorded(db_path)
    assert stored["by"] == getpass.getuser() and [e["actor"] for e in audited] == [getpass.getuser()]


def test_another_persons_confirmation_is_seen_when_the_window_comes_back(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    from kodaira_desk.services.workspace import Workspace

    w = window
    at = _yellow(w, qtbot)
    qtbot.wait(400)  # (the window's first moments)
    other = Workspace.open(db_path, create=False, actor="政策課 佐藤")  # on their own computer
    try:
        other.confirm(KEY, "627,684人")
    finally:
        other.close()
    terminal = QWidget()  # the person was in another window, and comes back
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not w.isActiveWindow(), timeout=10000)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=10000)
    terminal.close()
    qtbot.waitUntil(lambda: not _is_yellow(w, at), timeout=20000)
    assert "確認済みの値です" in str(w.page.kpi.model.data(at, Qt.ItemDataRole.ToolTipRole))  # type: ignore[arg-type]
    assert not w.isWindowModified()
