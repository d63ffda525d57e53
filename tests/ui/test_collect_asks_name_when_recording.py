"""回収状況と取り込み opens without asking for the person's name: looking records nothing. The name is
asked when an action records it (here a returned file dropped on the window: the collection), once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.ui.round.dialogs import CollectWindow
from kodaira_desk.ui.window.main_window import MainWindow


def _open_collection(qtbot, w: MainWindow) -> CollectWindow:  # type: ignore[no-untyped-def]
    """年次作業 > 回収状況と取り込み… with the mouse."""
    bar = w.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(w.menu_round.menuAction()).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is w.menu_round, timeout=5000)
    qtbot.mouseClick(w.menu_round, Qt.MouseButton.LeftButton, pos=w.menu_round.actionGeometry(w.act_collect).center())

    def shown() -> list[CollectWindow]:
        return [c for c in w.findChildren(CollectWindow) if c.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=20000)
    return shown()[0]


def test_the_name_is_asked_at_the_collection_not_to_look(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.settings.user_name = None  # a person who has not given it yet
    w.workspace.actor = None
    asked: list[str] = []
    w.ask_text = lambda title, label, text="": (asked.append(title), "政策課 山田")[1]  # type: ignore[method-assign]
    made = handout(w.db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])

    collection = _open_collection(qtbot, w)
    assert asked == []  # only looking: no name asked
    collection.add_files([made[0].path])  # what a file dropped on the window does
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert asked == ["担当者名"]
    assert w.workspace.actor == "政策課 山田" and w.settings.user_name == "政策課 山田"
    collection.close()


def test_the_name_is_asked_at_a_resolution_not_to_look_at_the_conflicts(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:
    from test_conflicts import _number_conflict

    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)  # collected under the name the fixture gave
    w.settings.user_name = None  # then another person, who has not given theirs, sits down
    w.workspace.actor = None
    asked: list[str] = []
    w.ask_text = lambda title, label, text="": (asked.append(title), "政策課 佐藤")[1]  # type: ignore[method-assign]
    dialog = w.show_conflicts()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog.model.rowCount() == 1
    assert asked == []  # only looking
    dialog.list.selectRow(0)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)  # 親の値を残す: recorded
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert asked == ["担当者名"] and w.workspace.actor == "政策課 佐藤"
    dialog.close()
