"""A plan made by `kodaira-desk plan copy` while the window is open on the same master file is seen
when the person comes back to the window (no restart); with unsaved edits nothing typed is lost:
the window says so and reads the plans again once the edits are saved."""

from __future__ import annotations

from pathlib import Path

from next_program import next_period
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kodaira_desk.cli import main
from kodaira_desk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _copy_by_cli(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    first, last = next_period()
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", f"{first.short_label()}-{last.short_label()}"]) == 0
    capsys.readouterr()


def _away_and_back(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The person goes to the terminal (another window) and clicks back into the window."""
    terminal = QWidget()
    terminal.setWindowTitle("terminal")
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not w.isActiveWindow(), timeout=10000)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=10000)
    terminal.close()


def _listed(w: MainWindow) -> bool:
    return w.model.index_of("program-2025", None).isValid()


def test_a_plan_copied_by_the_cli_is_seen_when_the_window_is_activated(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, capsys) -> None:
    w = window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=10000)
    qtbot.wait(400)  # (the window's first moments: the mark read with the first screen)
    assert not _listed(w)
    _copy_by_cli(db_path, capsys)
    _away_and_back(qtbot, w)
    qtbot.waitUntil(lambda: _listed(w), timeout=20000)
    assert "読み込み直しました" in w.statusBar().currentMessage()


def test_unsaved_edits_are_kept_and_the_plan_comes_after_the_save(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, capsys) -> None:
    from test_clerk import type_text

    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.page.tabs.setCurrentWidget(w.page.measure)
    status = w.page.measure.status.lineEdit()
    status.setFocus()
    status.selectAll()
    type_text(qtbot, status, "実施中")
    w.tree_view.setFocus()  # the box left: the edit is in the window, unsaved
    assert w.isWindowModified()
    qtbot.wait(400)
    _copy_by_cli(db_path, capsys)
    _away_and_back(qtbot, w)
    qtbot.waitUntil(lambda: "保存すると読み込み直します" in w.statusBar().currentMessage(), timeout=20000)
    assert not _listed(w) and w.isWindowModified() and status.text() == "実施中"  # nothing typed lost

    qtbot.keyClick(w.tree_view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: _listed(w), timeout=30000)
    assert not w.isWindowModified()
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_plan

    db = open_database(db_path, create=False)
    try:
        entry = load_plan(db, "strategy-2015").progress_in("g1.a1.m1", FiscalYear(2020))
    finally:
        db.dispose()
    assert entry is not None and entry.status == "実施中"
