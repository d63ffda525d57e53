"""A master opened by a relative path (`kodaira-desk --db m.sqlite` in its folder) is remembered
from the root: the recent list and the file opened next time named "m.sqlite", which is another
file, or none, once the window is started from another folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kodaira_desk.ui.window.main_window import MainWindow


def test_a_relative_path_is_remembered_whole(qtbot, window: MainWindow, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from grid_helpers import close_window

    from kodaira_desk.services.database import open_database

    folder = tmp_path / "政策課"
    folder.mkdir()
    shutil.copyfile(db_path, folder / "m.sqlite")
    monkeypatch.chdir(folder)
    second = MainWindow(open_database(Path("m.sqlite"), create=False), window.settings, window.translations)
    try:
        assert second.settings.recent_files[0] == folder / "m.sqlite"
        assert second.settings.last_database == folder / "m.sqlite"
        monkeypatch.chdir(tmp_path)  # started from elsewhere next time: the same file is offered
        assert os.path.isfile(second.settings.recent_files[0])
    finally:
        close_window(second)
