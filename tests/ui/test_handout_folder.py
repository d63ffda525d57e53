"""The hand-out dialog offers the folder the last hand-out from this master was made in (it offered
the home folder every time: the division chose its shared folder again each year), and only for
this master: another master's dialog offers its own (or the home folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from kodaira_desk.ui.window.main_window import MainWindow


def _hand_out(qtbot, w: MainWindow, folder: Path | None) -> str:  # type: ignore[no-untyped-def]
    dialog = w.show_handout()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    offered = dialog.folder.text()
    if folder is not None:
        dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
        qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
        dialog._check_all(False)
        line = next(dialog.departments.item(i) for i in range(dialog.departments.count())
                    if dialog.departments.item(i).data(Qt.ItemDataRole.UserRole) == "産業振興課")
        line.setCheckState(Qt.CheckState.Checked)
        from test_clerk import type_text

        dialog.folder.selectAll()
        type_text(qtbot, dialog.folder, str(folder))  # typed, as a person does
        dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog.result_label.text()), timeout=20000)
        w.tasks.wait_idle()
        assert dialog.made, (dialog.result_label.text(), dialog.folder.text())
    dialog.close()
    return offered


def test_the_last_folder_is_offered_again_for_this_master(qtbot, window: MainWindow, db_path: Path,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    w = window
    other = tmp_path / "other.sqlite"  # another master (copied before the hand-out: no record of it)
    shutil.copyfile(db_path, other)
    assert _hand_out(qtbot, w, None) == str(Path.home())  # nothing handed out from here yet
    shared = tmp_path / "共有" / "令和2年度配布"
    shared.mkdir(parents=True)
    _hand_out(qtbot, w, shared)
    assert (shared / "提出用_令和2年度_産業振興課.kdesk").exists()
    assert _hand_out(qtbot, w, None) == str(shared)  # the next time, for this master

    from kodaira_desk.services.database import open_database

    second = MainWindow(open_database(other, create=False), w.settings, w.translations)
    try:
        assert _hand_out(qtbot, second, None) == str(Path.home())  # another master: not this one's folder
    finally:
        from grid_helpers import close_window

        close_window(second)
    shutil.rmtree(shared)
    assert _hand_out(qtbot, w, None) == str(Path.home())  # a folder no longer there is not offered
