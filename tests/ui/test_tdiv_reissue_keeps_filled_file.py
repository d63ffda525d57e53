"""The policy division at the window (tester tdiv, 2026-12-08): 令和8年度 of the next program handed out
with 年次作業 > 提出用ファイルの配布 into the shared folder 配布/; 生活支援課's clerk opens its file there and
saves its 実績 in it; the division then ticks 生活支援課 again (再配布, to send it the indicator added in
計画の編集), answers yes and presses 作成する with the same folder. The new file took the clerk's file's
name: the clerk's saved work was overwritten, and its values (500 件) are on no disk: lost edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from next_program import master_with_next_program
from roundkit import close_window, open_handout, open_window, press_make, tick_only

from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ValueCell, content_of, save_edits

DEPT = "生活支援課"
CONSULTS = ValueCell("program-2025", "p3.k1", ValueKind.ACTUAL, 2026, Revision.CURRENT)  # 相談件数


def _holds_500(path: Path) -> bool:
    with sqlite3.connect(path) as c:
        row = c.execute("SELECT v.text FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
                        "WHERE i.plan_id = 'program-2025' AND i.key = 'p3.k1' AND v.kind = 'actual' "
                        "AND v.fiscal_year = 2026").fetchone()
    return row is not None and row[0] == "500"


def test_a_re_issue_from_the_window_keeps_the_clerk_s_saved_file(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path) -> None:
    master = master_with_next_program(built_db_template, tmp_path)
    folder = tmp_path / "配布"
    w = open_window(master)
    try:
        qtbot.waitExposed(w)
        dialog = open_handout(qtbot, w, "令和8年度")
        tick_only(qtbot, dialog, DEPT)
        press_make(qtbot, dialog, folder, lambda _t, _q: True)
        sent = dialog.made[0].path
        clerk = open_database(sent, create=False)
        try:  # the clerk types 500 and saves, in the file where it was put
            save_edits(clerk, {CONSULTS: content_of(CONSULTS, "500")}, actor="生活支援課 佐藤")
        finally:
            clerk.dispose()
        assert _holds_500(sent)

        qtbot.waitUntil(lambda: not dialog.reading and dialog.make_button.isEnabled(), timeout=30000)
        tick_only(qtbot, dialog, DEPT)  # 再配布: asked about, and answered yes
        press_make(qtbot, dialog, None, lambda _t, _q: True)
        said = dialog.result_label.text()
        dialog.close()
    finally:
        close_window(w)
    kept = [p for p in tmp_path.rglob("*.kdesk") if _holds_500(p)]
    assert kept, f"the clerk's saved file is gone: {said}"
    assert "「提出用_令和8年度_生活支援課.配布し直す前の入力.kdesk」として残しました" in said, said
