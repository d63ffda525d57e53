"""A file of another year collected while a year's board is shown (tester): the log says the file is
of that other year, naming the file and both years (it said only 未記入 or 取込)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from roundkit import close_window, open_window

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_a_file_of_another_year_is_said_so(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_round_window import _wait

    db = open_database(db_path, create=False)
    try:
        r2 = handout(db, FiscalYear(2020), tmp_path / "r2", ["産業振興課"])[0].path
        handout(db, FiscalYear(2021), tmp_path / "r3", ["産業振興課"])
    finally:
        db.dispose()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        collect = w.show_collect()
        assert collect is not None
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        collect.year.setCurrentIndex(collect.year.findData(2021))  # 令和3年度's board shown
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        collect.add_files([r2])  # a 令和2年度 file, never saved by the 課 (未記入)
        _wait(qtbot, w)
        log = collect.log.toPlainText()
        assert f"{r2.name} は令和2年度の提出用ファイルです（表示していたのは令和3年度）。" in log, log
        collect.close()
    finally:
        close_window(w)
