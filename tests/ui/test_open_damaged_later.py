"""A file damaged only where the window reads later (brief 2026-12-07): the first screen reads the
first plans only (issue 27), so a file whose other plans' pages were overwritten opened as if whole,
the window let go of its own file and edits, and the damage was met later, half-way through the
work, when the plan was opened in the tree. The file is now looked at whole as it opens (PRAGMA
quick_check, store/first_screen.check_pages): refused before anything is asked or switched, naming
the file, from File > Open and from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing import copy_plan
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.store.first_screen import FIRST_PLANS
from kodaira_desk.ui.window.main_window import MainWindow

LATER = "later-2025"


def damage_the_pages_of(path: Path, plan_id: str = LATER) -> None:
    """The pages holding only that plan's rows (its nodes, texts, indicators: written after every
    other page, by the copy) overwritten, as a bad sector or a tool would: the header, the size and
    every page the first screen reads stay as they were."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    others = (b"strategy-2015", b"program-2021", b"restructuring")
    for start in range(page, len(data), page):
        chunk = bytes(data[start:start + page])
        if chunk[0] == 0x0D and plan_id.encode() in chunk and not any(o in chunk for o in others):
            data[start:start + page] = b"\xa5garbage" * (page // 8)
    path.write_bytes(bytes(data))


def with_a_copied_plan(db_path: Path, path: Path, plan_id: str, first: str, last: str) -> Path:
    """A copy of the master with a plan more (strategy-2015 copied for the years first–last)."""
    shutil.copyfile(db_path, path)
    db = open_database(path, create=False)
    try:
        copy_plan(db, "strategy-2015", plan_id, FiscalYear.parse(first), FiscalYear.parse(last))
    finally:
        db.dispose()
    return path


@pytest.fixture
def later_damaged(db_path: Path, tmp_path: Path) -> Path:
    """A master with a fourth plan (the next strategy, copied), whose pages alone are damaged."""
    path = with_a_copied_plan(db_path, tmp_path / "第2期.sqlite", LATER, "令和7年度", "令和11年度")
    before = path.read_bytes()
    damage_the_pages_of(path)
    assert path.read_bytes() != before
    return path


def test_the_damage_is_where_only_a_later_read_meets_it(later_damaged: Path) -> None:
    """(The file is as the brief says: its first screen reads; the later plan does not.)"""
    from kodaira_desk.services import plans as plan_service
    from kodaira_desk.store.errors import StoreError

    ws = Workspace.open(later_damaged, create=False)
    try:
        first = plan_service.first_screen(ws.db, carried=False, mark=False)  # unchecked: as before
        assert [p.id for p in first.plans][FIRST_PLANS:] == [LATER]
        assert LATER not in [t.plan.id for t in first.trees]
        with pytest.raises(StoreError):
            plan_service.load_some(ws.db, [LATER])
    finally:
        ws.close()


def test_file_open_refuses_it_before_asking_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, later_damaged: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed into the master, then Ctrl+O on the file: today it opens (保存しない answered when asked,
    the typed value is gone), and opening the later plan in the tree fails."""
    from open_helpers import typed_then_opened, typed_value_saves

    w = window
    damaged = later_damaged.read_bytes()
    asked, told = typed_then_opened(qtbot, w, later_damaged, monkeypatch)
    assert later_damaged.name in told[0] and "壊れて" in told[0], told
    assert asked == [] and w.db.path == db_path and w.editor.unsaved()
    assert later_damaged.read_bytes() == damaged  # nothing written into it
    assert typed_value_saves(qtbot, w, db_path)


def test_given_at_start_up_it_is_refused_with_one_line(  # type: ignore[no-untyped-def]
        qtbot, later_damaged: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from open_helpers import started_with

    code, boxes, shown = started_with(["gui", str(later_damaged)], tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and not shown and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1 and later_damaged.name in err and "壊れて" in err, err
    assert boxes and later_damaged.name in boxes[0]


NOT_IN_FORCE = "later-2040"  # a plan of years to come: read when opened in the tree, not at start


def _alter_its_rows(path: Path) -> None:
    """Its indicators' kind rewritten with a tool: every page whole (quick_check says ok), the
    plan's rows not as Kodaira Desk writes them."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("UPDATE indicators SET kind = 'なにか' WHERE plan_id = ?", (NOT_IN_FORCE,))
    con.commit()
    con.close()


def _saved_text(path: Path, indicator: str, year: int) -> str | None:
    """An actual value as saved, read through the indexes (not the plan's whole read)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT v.text FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id "
                          "WHERE i.plan_id = 'strategy-2015' AND i.key = ? AND v.kind = 'actual' "
                          "AND v.fiscal_year = ? ORDER BY v.id DESC LIMIT 1", (indicator, year)).fetchone()
    finally:
        con.close()
    return None if row is None else str(row[0])


@pytest.mark.parametrize("how", ["rows altered before", "pages damaged while open"])
def test_a_plan_read_later_that_cannot_be_read_is_said_and_loses_nothing(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    """A plan that passes the opening's check but cannot be read when it is opened in the tree (its
    rows altered by a tool; its pages damaged after the file was opened: a USB stick going bad):
    today a traceback in the window's event loop, the row's plan half there. Now a message names
    the file, the plan's row stays without rows, and what was typed is saved by Ctrl+S."""
    from grid_helpers import R2, cell, enter, open_kpi
    from recovery_helpers import journal_files

    from kodaira_desk.domain.model import ValueKind

    path = with_a_copied_plan(db_path, tmp_path / "将来.sqlite", NOT_IN_FORCE, "令和22年度", "令和26年度")
    if how == "rows altered before":
        _alter_its_rows(path)
    w = window
    w.open_path(path)
    assert w.db.path == path and not w.model.is_built(NOT_IN_FORCE)
    open_kpi(w, "strategy-2015", "g1.a1")
    enter(qtbot, w, cell(w, "g1.a1.k3", ValueKind.ACTUAL, R2), "275")
    if how == "pages damaged while open":
        damage_the_pages_of(path, NOT_IN_FORCE)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: told.append(text))
    row = w.proxy.mapFromSource(w.model.index_of(NOT_IN_FORCE, None))
    w.tree_view.expand(row)  # the person opens the plan in the tree
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert len(told) == 1 and path.name in told[0], told
    assert ("壊れて" if how.startswith("pages") else "Kodaira Desk が書いた形") in told[0], told
    w.tree_view.setCurrentIndex(row)  # and chooses it: said once, the form left as it was
    w.tree_view.expand(row)
    QApplication.processEvents()
    assert len(told) == 1 and w.model.rowCount(w.model.index_of(NOT_IN_FORCE, None)) == 0
    assert w.db.path == path and w.editor.unsaved()
    assert any("275" in j.read_text(encoding="utf-8") for j in journal_files(w))  # kept meanwhile
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.tasks.busy and not w.editor.unsaved(), timeout=30000)
    assert _saved_text(path, "g1.a1.k3", R2.year) == "275区画"  # (the plan's own rows: its whole read meets the damage)
