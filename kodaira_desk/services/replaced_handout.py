"""A clerk's department file replaced under the window by a re-issue (services.clerk_file.
check_handout refused the save): the hand-out the window opened copied whole from the connection
the window kept open on it, and the typing saved into the copy (ui/window/replaced.py says so)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.clerk_file import REPLACED, HandoutReplaced
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import Content, Target, save_edits
from kodaira_desk.services.file_place import copy_as


def copy_name(source: Path) -> Path:
    """Where a window keeps its typing when its hand-out was replaced: beside the file, a name no
    file has (提出用_令和2年度_産業振興課.配布し直す前の入力.kdesk, then …-2 …)."""
    for n in range(1, 100):
        path = source.with_name(f"{source.stem}.配布し直す前の入力{'' if n == 1 else f'-{n}'}{source.suffix}")
        if not path.exists():
            return path
    return source.with_name(f"{source.stem}.配布し直す前の入力-{os.getpid()}{source.suffix}")


def keep_in_copy(source: Path, kept: sqlite3.Connection | None, opened: str, edits: Mapping[Target, Content],
                 stored: Mapping[Target, Content], actor: str | None, elsewhere: Path) -> Path:
    """The window's hand-out `opened`, replaced at `source` by a re-issue: copied whole from the
    connection the window kept open on it (`kept`: it reads the replaced file), beside `source` (or
    into `elsewhere`, a folder one can write to, when that folder takes nothing), and the edits saved
    into the copy. Returns the copy; raises HandoutReplaced when the replaced file cannot be read
    (no connection kept: Windows, a file never opened), OSError/DomainError when nothing could be written."""
    if kept is None:
        raise HandoutReplaced.of(REPLACED, file=source.name, opened=opened, found="")
    for folder in (source.parent, elsewhere):
        target = copy_name(folder / source.name)
        try:
            copy_as(source, target, kept, replaced=True)  # (checked whole before it has its name)
            break
        except (OSError, DomainError):  # (a folder one cannot write to: AtomicWriteError)
            if folder == elsewhere:
                raise
    db = open_database(target, create=False)
    try:
        save_edits(db, dict(edits), dict(stored), actor, overwrite=True, handout=opened)
    finally:
        db.dispose()
    return target
