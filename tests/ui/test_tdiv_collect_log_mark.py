"""The division at the window (tester tdiv, 2026-12-08): 令和8年度 of the next program handed out; the
division types 999 into 「こだいら人財の森」の個人登録数 in the master and saves; 市民協働・男女参画推進課
returns its file with 300 in the same cell. 回収状況と取り込み takes the file and its log says
「○ …を取り込みました（第 1 版。反映 1 件、要確認 1 件）」: the ○ of a file taken cleanly, where the
command line marks the same outcome ! (要確認) — the division reading down the log for ! and × misses
the conflict waiting in 競合の確認."""

from __future__ import annotations

from pathlib import Path

from next_program import master_with_next_program
from roundkit import close_window, open_window
from test_clerk import kpi_cell, type_in_cell
from test_round_window import _wait

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ValueCell, content_of, save_edits
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.ui.round.dialogs import CollectWindow

R8 = FiscalYear(2026)
DEPT = "市民協働・男女参画推進課"
FOREST = ValueCell("program-2025", "p6.k1", ValueKind.ACTUAL, 2026, Revision.CURRENT)


def test_a_file_taken_with_a_conflict_is_marked_for_review_in_the_log(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path) -> None:
    master = master_with_next_program(built_db_template, tmp_path)
    db = open_database(master, create=False)
    try:
        returned = handout(db, R8, tmp_path / "配布", [DEPT])[0].path
    finally:
        db.dispose()
    clerk = open_database(returned, create=False)
    try:
        save_edits(clerk, {FOREST: content_of(FOREST, "300")}, actor="市民協働 佐藤")
    finally:
        clerk.dispose()

    w = open_window(master)
    try:
        qtbot.waitExposed(w)
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和8年度"))  # not the year a test before left
        w.select_node("program-2025", "p6")
        w.page.tabs.setCurrentWidget(w.page.kpi)
        qtbot.waitUntil(lambda: any(i.name == "「こだいら人財の森」の個人登録数" for i in w.page.kpi.model.indicators),
                        timeout=30000)  # the form is filled a turn later (issue 27): under load, not yet
        type_in_cell(qtbot, w, kpi_cell(w, "「こだいら人財の森」の個人登録数", ValueKind.ACTUAL, R8), "999")
        w.act_save.trigger()
        _wait(qtbot, w)
        w.show_collect()  # opened once every plan is read (issue 27)
        qtbot.waitUntil(lambda: w.findChild(CollectWindow) is not None, timeout=30000)
        collect = w.findChild(CollectWindow)
        qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
        collect.add_files([returned])
        _wait(qtbot, w)
        log = collect.log.toPlainText()
        collect.close()
    finally:
        close_window(w)
    assert "要確認 1 件" in log, log
    assert not log.startswith("○"), log
