"""The board is a record and a resolution can be taken back (issue 10 §5, §6), in the window.

An untouched handed-out file comes back 未記入, not 取込済; a refused file's reason is on the
board after the window is reopened; a conflict resolved in the dialog is undone with one click,
and the master holds its value from before again."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import CHILDREN, NAME, R2, actual, close_window, hand_out, idle, open_window, write

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.conflicts import open_conflicts
from kodaira_desk.ui.window.main_window import MainWindow


def _collect(qtbot, w: MainWindow, files: list[Path]):  # type: ignore[no-untyped-def]
    collect = w.show_collect()
    assert collect is not None
    collect.add_files(files)
    idle(qtbot, w)
    return collect


def _board(collect) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    m = collect.model
    return {m.index(r, 0).data(): (m.index(r, 1).data(), m.index(r, m.NOTE_COLUMN).data() or "") for r in range(m.rowCount())}


def test_untouched_file_is_unfilled_and_a_refusal_survives_reopening(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課", "産業振興課"])
    stale = tmp_path / "古い版.kdesk"
    write(files["産業振興課"], "value:strategy-2015:g1.a1.k3:actual:2020:", "365区画")
    shutil.copyfile(files["産業振興課"], stale)  # revision 1, kept by the clerk
    write(files["産業振興課"], "value:strategy-2015:g1.a1.k3:actual:2020:", "370区画")  # revision 2
    w = open_window(db_path)
    qtbot.addWidget(w)
    collect = _collect(qtbot, w, [files["子育て支援課"], files["産業振興課"], stale])
    board = _board(collect)
    assert board["子育て支援課"][0] == "未記入"  # handed out and sent back untouched
    collect.close()
    close_window(w)
    assert actual(db_path, "g1.a1.k3") == "370区画"  # the older copy did not revert the newer one

    w = open_window(db_path)  # the board is read from the master again
    qtbot.addWidget(w)
    collect = w.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    board = _board(collect)
    assert board["子育て支援課"][0] == "未記入"
    assert board["産業振興課"][0] == "取込済"
    collect.close()
    close_window(w)


def test_a_resolution_is_undone_from_the_dialog(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")  # the division corrected the master meanwhile
    w.editor.reload()
    _collect(qtbot, w, [files["子育て支援課"]]).close()
    dialog = w.show_conflicts()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog is not None and dialog.model.rowCount() == 1
    assert not dialog.undo.isEnabled()
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert actual(db_path, "g2.a3.k4") == "36,000人" and dialog.model.rowCount() == 0
    assert dialog.undo.isEnabled()
    qtbot.mouseClick(dialog.undo, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert actual(db_path, "g2.a3.k4") == "37,000人"  # the master's value from before, again
    assert dialog.model.rowCount() == 1 and not dialog.undo.isEnabled()
    db = open_database(db_path, create=False)
    try:
        assert len(open_conflicts(db)) == 1
        rows = [a for a in audit_entries(db) if a["field"] == CHILDREN and a["source"] == "resolution_undone"]
        assert [(r["old"], r["new"], r["actor"]) for r in rows] == [("36,000人", "37,000人", NAME)]
    finally:
        db.dispose()


def test_a_past_year_change_is_held_while_the_rest_merges(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 10 §4: 新規就農者数's 令和元年度 実績 changed 3人 → 7人 in the R2 file is not merged as an
    ordinary import; the file's own-year value is."""
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    write(files["産業振興課"], "value:strategy-2015:g1.a1.k1:actual:2019:", "7人")  # a past year
    write(files["産業振興課"], "value:strategy-2015:g1.a1.k3:actual:2020:", "365区画")  # its own year
    collect = _collect(qtbot, w, [files["産業振興課"]])
    assert _board(collect)["産業振興課"][0] == "要確認"
    collect.close()
    db = open_database(db_path, create=False)
    try:
        k1 = load_plan(db, "strategy-2015").indicator("g1.a1.k1")
        past = k1.value(ValueKind.ACTUAL, FiscalYear(2019), Revision.CURRENT)
        assert past is not None and str(past.value) == "3人"  # the printed 令和元年度 実績 stands
        held = [c for c in open_conflicts(db) if c.key == "value:strategy-2015:g1.a1.k1:actual:2019:"]
        assert len(held) == 1  # held for a person, with the clerk's 7人 beside it
    finally:
        db.dispose()
    assert actual(db_path, "g1.a1.k3") == "365区画"  # the in-year value merged
    # the window shows the merged value without a restart
    merged = w.editor.tree("strategy-2015").indicator("g1.a1.k3").value(ValueKind.ACTUAL, R2, Revision.CURRENT)
    assert merged is not None and str(merged.value) == "365区画"
