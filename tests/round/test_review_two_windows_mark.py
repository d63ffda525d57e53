"""Review (not to land): 2b044fc says a re-issue never replaces a department file open in a window.
Two windows on one file (the same clerk's second window, or a colleague's on the same share): the
second takes no mark (NotHeld, silently); when the first closes it removes the mark, and the file is
then open in the second window with nothing said beside it — a re-issue replaces it under that
window (only the window's next save notices)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.open_files import open_elsewhere
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.workspace import Workspace


def test_a_file_still_open_in_a_second_window_is_said_open(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        clerk = handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])[0].path
    finally:
        db.dispose()
    first = Workspace.open(clerk, create=False)
    second = Workspace.open(clerk, create=False)
    try:
        assert open_elsewhere(clerk)
        first.close()  # the first window closes; the second still has the file open
        assert open_elsewhere(clerk)
    finally:
        second.close()


def test_a_window_opened_while_a_handout_held_the_mark_takes_it_at_its_next_save(db_path: Path, tmp_path: Path) -> None:
    """A window that opens the file while a hand-out holds the mark holds nothing; its next save
    (ui/window/saving.save asks `held.again()`) takes the mark once it is free."""
    from kodaira_desk.services.open_files import hold

    db = open_database(db_path, create=False)
    try:
        clerk = handout(db, FiscalYear(2020), tmp_path / "配布", ["産業振興課"])[0].path
    finally:
        db.dispose()
    handing_out = hold(clerk)
    assert handing_out is not None
    window = Workspace.open(clerk, create=False)
    try:
        assert window.held.again() is window.held  # still held by the hand-out
        handing_out.release()
        assert not open_elsewhere(clerk)
        window.held = window.held.again()
        assert open_elsewhere(clerk)
    finally:
        window.close()
    assert not open_elsewhere(clerk)
