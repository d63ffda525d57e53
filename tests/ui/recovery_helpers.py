"""The recovery journal as the tests look at it: a window's own journal, and a window whose process
dies (its journal stays, the lock it held goes with it)."""

from __future__ import annotations

import os
from pathlib import Path

from kodaira_desk.services.recovery_journal import Journal, flush_all
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.recovery import WindowJournal


def own_journal(w: MainWindow) -> Journal:
    journal = w.editor.journal
    assert isinstance(journal, WindowJournal)
    return journal.journal


def crashed(w: MainWindow) -> None:
    """The window's process is killed: what its journal holds stays on disk, the OS releases its
    lock, and the window writes nothing more (it is left open only for the test's teardown)."""
    journal = own_journal(w)
    assert journal.flush()
    fd = journal._lock_fd  # (what the OS does to a killed process's files)
    if fd is not None:
        os.close(fd)
        journal._lock_fd = None
    w.editor.journal = None
    from kodaira_desk.services import open_files

    held = getattr(w.workspace, "held", None)  # a department file's open mark: its lock goes too
    key = getattr(held, "_key", None)  # (the process's share of it, with it)
    taken = open_files._WINDOWS.pop(key, None) if key else None
    if key:
        held._key = None
    if taken is not None and taken[0]._fd >= 0:
        os.close(taken[0]._fd)
        taken[0]._fd = -1


def journal_files(w: MainWindow) -> list[Path]:
    """Every journal in the recovery folder once all queued writes are made."""
    assert flush_all()
    return sorted(w.settings.recovery_folder().glob("*.journal"))
