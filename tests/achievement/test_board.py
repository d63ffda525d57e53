"""The board: its counts for 産業振興課 against the database, the model, double-click, CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from kodaira_desk.domain.achievement import Status, assess
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Role, ValueKind
from kodaira_desk.services.board import BOARD_COLUMNS, load_board
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)
DEPT = "産業振興課"


def _expected_for_department(db_path: Path) -> dict[str, object]:
    """Counted straight from the stored plan, the way a person would count the printed table."""
    db = open_database(db_path, create=False)
    try:
        tree = load_plan(db, "strategy-2015")
    finally:
        db.dispose()
    led = [i for i in tree.indicators
           if any(d.department == DEPT and d.role is Role.LEAD for d in i.departments)]
    entered = [i for i in led if i.value(ValueKind.ACTUAL, R2) or i.value(ValueKind.FORECAST, R2)]
    statuses = {s: sum(1 for i in led if assess(i, R2).status is s) for s in Status}
    measures = [n for n in tree.nodes if tree.is_leaf(n.key) and n.is_handled_by(DEPT)
                and n.appearance_in(tree.documents[-1].edition_id)]
    done = [n for n in measures if (e := tree.progress_in(n.key, R2)) and e.status and str(e.narrative).strip()]
    return {"indicators": len(led), "entered": len(entered), "statuses": statuses,
            "measures": len(measures), "measures_entered": len(done)}


def test_counts_of_the_industry_division_match_the_database(db, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = load_board(db, R2)
    row = next(r for r in rows if r.plan_id == "strategy-2015" and r.department == DEPT)
    want = _expected_for_department(db_path)
    assert row.indicators == want["indicators"] == 10
    assert row.indicators_entered == want["entered"]
    assert row.statuses == want["statuses"]
    assert row.statuses[Status.ACHIEVED] == 5  # e.g. 体験農園 360区画 ≥ 320, 援農 264人 ≥ 255
    assert row.measures == want["measures"] == 14
    assert row.measures_entered == want["measures_entered"]
    total = next(r for r in rows if r.plan_id == "strategy-2015" and r.department is None)
    assert total.indicators == 34 and sum(total.statuses.values()) == 34


def test_board_model_and_double_click_goes_to_the_item(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.act_board.trigger()
    dialog = w.findChild(BoardDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.grading, timeout=10000)  # graded on the window's runner
    model = dialog.model
    qtmodeltester.check(model)
    assert model.columnCount() == len(BOARD_COLUMNS)
    row = next(i for i, r in enumerate(model.rows) if r.department == DEPT)
    assert model.data(model.index(row, 1)) == DEPT
    assert model.data(model.index(row, 2)) == 10
    first_missing = model.rows[row].go_to
    assert first_missing == "g1.a1.m1"  # the first measure without this year's entry
    view = dialog.view
    view.scrollTo(model.index(row, 1))
    rect = view.visualRect(model.index(row, 1))
    # a person's double-click: a press and release, then the double-click event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.current == ("strategy-2015", "g1.a1.m1")
    dialog.close()


def test_board_exports_csv(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_board()
    assert isinstance(dialog, BoardDialog)
    out = tmp_path / "board.csv"
    dialog.choose_csv_path = lambda _suggested: str(out)
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.grading, timeout=10000)  # graded on the window's runner
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["年度", *BOARD_COLUMNS]
    dept = next(r for r in rows if r[2] == DEPT)
    assert dept[0] == "令和2年度" and dept[3] == "10"
    dialog.close()


def test_board_speaks_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.translations.apply("en")
    dialog = window.show_board()
    assert isinstance(dialog, BoardDialog)
    assert dialog.windowTitle() == "Progress board"
    assert dialog.model.headerData(2, Qt.Orientation.Horizontal) == "Indicators"
    assert dialog.model.headerData(10, Qt.Orientation.Horizontal) == "◎Achieved"
    qtbot.waitUntil(lambda: window.act_board.text() == "Progress &board (by plan and department)…", timeout=2000)
    dialog.close()


def test_thresholds_typed_in_the_board_are_stored_and_used(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.services.achievement import load_settings

    dialog = window.show_board()
    assert isinstance(dialog, BoardDialog)
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.grading, timeout=10000)  # graded on the window's runner
    total = next(r for r in dialog.model.rows if r.plan_id == "strategy-2015" and r.department is None)
    on_track_before = total.statuses[Status.ON_TRACK]
    box = dialog.on_track
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "50")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    qtbot.mouseClick(dialog.findChild(type(dialog.csv_button), "applyThresholds"), Qt.MouseButton.LeftButton)
    window.save()  # a change like a typed value: written by Save (test_grading_edits.py)
    window.tasks.wait_idle()
    db = open_database(db_path, create=False)
    try:
        assert str(load_settings(db, "strategy-2015").thresholds.on_track) == "50.0"
    finally:
        db.dispose()
    qtbot.waitUntil(lambda: not dialog.grading, timeout=10000)  # graded on the window's runner
    total = next(r for r in dialog.model.rows if r.plan_id == "strategy-2015" and r.department is None)
    assert total.statuses[Status.ON_TRACK] > on_track_before  # more values count as 概ね順調 now
    dialog.close()
