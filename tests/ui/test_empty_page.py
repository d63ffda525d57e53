"""A clerk's file of the year the city is in (令和8年度) opens with nothing chosen (its plans are
filtered to its 課 after the window is shown): the right side says to choose an item, and shows no
empty white box and no empty tab frame above it (both were there until the first item was chosen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_helpers import close_window
from PySide6.QtCore import Qt


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    from next_program import master_with_next_program

    return master_with_next_program(built_db_template, tmp_path)


def test_nothing_chosen_shows_only_what_to_do(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from next_program import this_year
    from PySide6.QtWidgets import QApplication

    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import MainWindow

    master = open_database(db_path, create=False)
    try:
        made = handout(master, this_year(), tmp_path / "配布", ["産業振興課"])
    finally:
        master.dispose()
    tr = Translations(QApplication.instance())  # type: ignore[arg-type]
    tr.apply("ja")
    w = MainWindow(open_database(made[0].path, create=False), Settings(), tr)
    w.resize(1366, 768)
    w.show()
    try:
        qtbot.waitExposed(w)
        page = w.page
        if w.current is None:  # nothing chosen yet
            assert page.empty.isVisible() and page.empty.text() == "左の一覧から項目を選んでください。"
            assert not page.tabs.isVisible()  # no empty frame
            assert not page.header.description.isVisible()  # no empty box to land in
            w.activateWindow()
            w.tree_view.setFocus()
            qtbot.waitUntil(w.tree_view.hasFocus)
            qtbot.keyClick(w.tree_view, Qt.Key.Key_F6)  # the next pane: one that can take the keys
            focus = QApplication.focusWidget()
            assert focus is not None and focus.isVisible(), focus
            assert focus.focusPolicy() != Qt.FocusPolicy.NoFocus, focus
        assert w.select_node("program-2025", "p1.j4")  # 女性再就職サポート事業: its forms
        assert page.tabs.isVisible() and not page.empty.isVisible()
    finally:
        close_window(w)
