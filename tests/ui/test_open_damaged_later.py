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

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plan_editing import copy_plan
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.store.first_screen import FIRST_PLANS
from kodaira_desk.ui.window.main_window import MainWindow

LATER = "later-2025"


def damage_the_later_plan(path: Path) -> None:
    """The pages holding only the later plan's rows (its nodes, texts, indicators: written after
    every other page, by the copy) overwritten, as a bad sector or a tool would: the header, the
    size and every page the first screen reads stay as they were."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):
        chunk = bytes(data[start:start + page])
        others = (b"strategy-2015", b"program-2021", b"restructuring")
        if chunk[0] == 0x0D and LATER.encode() in chunk and not any(o in chunk for o in others):
            data[start:start + page] = b"\xa5garbage" * (page // 8)
    path.write_bytes(bytes(data))


@pytest.fixture
def later_damaged(db_path: Path, tmp_path: Path) -> Path:
    """A master with a fourth plan (the next strategy, copied), whose pages alone are damaged."""
    path = tmp_path / "第2期.sqlite"
    shutil.copyfile(db_path, path)
    db = open_database(path, create=False)
    try:
        copy_plan(db, "strategy-2015", LATER, FiscalYear.parse("令和7年度"), FiscalYear.parse("令和11年度"))
    finally:
        db.dispose()
    before = path.read_bytes()
    damage_the_later_plan(path)
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
