"""The collection window and the board follow every change while they are open: a resolution, a
collection. The file column shows what came back, and `collect` on the command line prints the
board of the files' own year."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import CHILDREN, R2, hand_out, write

from kodaira_desk.cli import main
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from workbook_helpers import INDICATORS, clerk_edit


def _wait(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)


def _row(collect, department: str) -> list[str]:  # type: ignore[no-untyped-def]
    m = collect.model
    r = next(i for i, st in enumerate(m.rows) if st.department == department)
    return [str(m.data(m.index(r, c))) for c in range(m.columnCount())]


def _file(collect, department: str) -> str:  # type: ignore[no-untyped-def]
    """The row's ファイル column, wherever it stands."""
    m = collect.model
    column = next(c for c in range(m.columnCount()) if m.headerData(c, Qt.Orientation.Horizontal) == "ファイル")
    return _row(collect, department)[column]


def test_the_collection_window_follows_a_resolution(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")  # the division corrected the master meanwhile: a conflict
    w.editor.reload()
    collect = w.show_collect()
    assert collect is not None
    collect.add_files([files["子育て支援課"]])
    _wait(qtbot, w)
    assert _row(collect, "子育て支援課")[1] == "要確認" and "取込済 0" in collect.summary.text()

    conflicts = w.show_conflicts()  # 競合を確認… while the collection window stays open
    qtbot.waitUntil(lambda: not conflicts.reading, timeout=30000)  # read on the runner (issue 27)
    assert conflicts is not None and conflicts.model.rowCount() == 1
    qtbot.mouseClick(conflicts.take, Qt.MouseButton.LeftButton)  # 課の値を採用
    _wait(qtbot, w)
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert conflicts.model.rowCount() == 0
    assert _row(collect, "子育て支援課")[1] == "取込済"  # without reopening
    assert "取込済 1" in collect.summary.text() and "要確認" not in collect.summary.text()
    conflicts.close()
    collect.close()


def test_the_board_follows_a_collection(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    board = w.show_board()
    board.year.setCurrentIndex(board.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner

    def statuses() -> dict[object, int]:
        row = next(r for r in board.model.rows if r.department == "子育て支援課")
        return dict(row.statuses)

    before = statuses()
    write(files["子育て支援課"], CHILDREN, "150,000人")  # 児童館の利用者数 above its target (140,000人)
    collect = w.show_collect()
    assert collect is not None
    collect.add_files([files["子育て支援課"]])
    _wait(qtbot, w)
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner
    assert statuses() != before  # the open board graded the collected value again
    board.refresh()
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner
    assert statuses() == dict(next(r for r in board.model.rows if r.department == "子育て支援課").statuses)
    collect.close()
    board.close()


def test_the_file_column_shows_the_workbook_that_came_back(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    db = open_database(db_path, create=False)
    try:
        made = handout(db, R2, tmp_path / "両方", ["子育て支援課"], file_format="both")
    finally:
        db.dispose()
    book = next(f.path for f in made if f.path.suffix == ".xlsx")
    returned = clerk_edit(book, {(INDICATORS, "児童館の利用者数", "令和2年度 実績"): 36000})
    collect = w.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    assert _file(collect, "子育て支援課").endswith(".kdesk")  # nothing back yet: what was handed out
    collect.add_files([returned])
    _wait(qtbot, w)
    assert _file(collect, "子育て支援課") == returned.name and returned.name.endswith(".xlsx")
    collect.close()


def test_collect_on_the_command_line_prints_the_board_of_the_files_year(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    assert main(["--db", str(db_path), "collect", str(files["子育て支援課"]), "--by", "政策課 試験"]) == 0
    db = open_database(db_path, create=False)
    try:  # a later round made by mistake, for another year and 課
        handout(db, FiscalYear(2024), tmp_path / "誤り", ["産業振興課"])  # the program year in force
    finally:
        db.dispose()
    capsys.readouterr()
    main(["--db", str(db_path), "collect", str(files["子育て支援課"]), "--by", "政策課 試験"])  # nothing new
    out = capsys.readouterr().out
    assert "取込済み 1 件" in out
    # department and state; a third column says which version was taken (第1版, issue 26)
    board = [line.strip().split("\t")[:2] for line in out.splitlines() if line.startswith("  ")]
    assert board == [["子育て支援課", "取込済"]], out  # 令和2年度's board, not 令和6年度's
    assert "産業振興課" not in out
