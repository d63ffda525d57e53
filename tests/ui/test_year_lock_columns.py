"""年度の確定と修正 > この計画の修正の記録 at 1366×768 (the tester's p11): each column as wide as what it
shows — a date, an item, the values, who — and 理由 takes the room left, where 担当者 took it all
and squeezed 日時/項目/変更前/変更後/理由 to their titles."""

from __future__ import annotations

from pathlib import Path

from roundkit import FARM, R2

from kodaira_desk.services.database import open_database
from kodaira_desk.services.year_locks import correct, lock_year
from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog
from kodaira_desk.ui.window.main_window import MainWindow

DATE, ITEM, OLD, NEW, REASON, ACTOR = range(6)


def _widths(dialog: YearLockDialog) -> list[int]:
    return [dialog.table.columnWidth(c) for c in range(dialog.model.columnCount())]


def _open(qtbot, w: MainWindow) -> YearLockDialog:  # type: ignore[no-untyped-def]
    dialog = w.show_year_lock()
    assert dialog is not None
    dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)
    return dialog


def test_the_corrections_columns_fit_their_texts_and_the_reason_stretches(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                        db_path: Path) -> None:
    w = window
    dialog = _open(qtbot, w)
    assert dialog.model.rowCount() == 0  # empty, as the tester saw it: no column squeezed to its title
    metrics = dialog.table.fontMetrics()
    widths = _widths(dialog)
    assert widths[DATE] > metrics.horizontalAdvance("2026-12-07 14:04")
    assert widths[ACTOR] < dialog.table.viewport().width() // 4
    assert widths[REASON] == max(widths)
    dialog.close()
    db = open_database(db_path, create=False)
    try:
        lock_year(db, "strategy-2015", R2, "政策課 試験")
        correct(db, FARM, "365区画", "集計の誤り", "政策課 試験")
    finally:
        db.dispose()
    dialog = _open(qtbot, w)
    assert dialog.model.rowCount() == 1
    widths = _widths(dialog)
    for column in (DATE, ITEM, OLD, NEW, ACTOR):  # the whole text of each cell in view
        text = str(dialog.model.index(0, column).data())
        assert widths[column] > metrics.horizontalAdvance(text), (column, text, widths)
    assert widths[REASON] > metrics.horizontalAdvance("集計の誤り")
    assert sum(widths) <= dialog.table.viewport().width() + 2  # no column pushed out of view
