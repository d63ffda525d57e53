"""Whether an open file is a department's (clerk mode), read without the round's ORM: the window
asks it of every file it opens, at start-up too (services.rounds re-exports it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.store.database import Database

if TYPE_CHECKING:
    from kodaira_desk.services.open_files import WindowHold
    from kodaira_desk.store.unit_of_work import UnitOfWork

# said when no copy could be made (the window keeps the typing in a copy of its own hand-out and says that instead)
REPLACED = ("「{file}」は、開いたあとで別の配布ファイル（政策課が配布し直したもの）に置き換えられたため、"
            "入力を保存しませんでした。入力はこの画面に残っています。")


@dataclass(frozen=True)
class DepartmentFileInfo:
    """Whose department file this is, for which year, from which hand-out."""

    department: str
    fiscal_year: FiscalYear
    handout_id: str


FACTS = ("file_kind", "department", "fiscal_year", "handout_id")  # the meta rows that say so


def file_info(db: Database) -> DepartmentFileInfo | None:
    """Who and which year an open file is for, when it is a department file (clerk mode)."""
    return info_of(db.facts(*FACTS))  # one read, one round trip


def info_of(facts: Mapping[str, str]) -> DepartmentFileInfo | None:
    """From the meta rows FACTS (those that are there)."""
    if facts.get("file_kind") != "department":
        return None
    dept, year, hid = facts.get("department"), facts.get("fiscal_year"), facts.get("handout_id")
    if not dept or not year or not hid:
        return None
    return DepartmentFileInfo(dept, FiscalYear(int(year)), hid)


class HandoutReplaced(DomainError):
    """The department file at the window's path is no longer the hand-out the window opened (the
    policy division handed out again into the same folder): nothing was written into it."""

    def __init__(self, message: str, *, template: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, template=template, params=params)
        self.opened = str((params or {}).get("opened", ""))  # the hand-out the window opened
        self.found = str((params or {}).get("found", ""))  # what the file there is now ("" not a department file)


def check_handout(uow: UnitOfWork, file: str, opened: str) -> None:
    """Raise HandoutReplaced when the file written in `uow` is not the hand-out `opened` (inside the
    save's transaction, under its lock: a file renamed over the path meanwhile is the one read)."""
    found = uow.meta.get("handout_id") if uow.meta.get("file_kind") == "department" else None
    if found != opened:
        raise HandoutReplaced.of(REPLACED, file=file, opened=opened, found=found or "")


def handout_of(clerk: DepartmentFileInfo | None) -> str | None:
    """The hand-out a department file was opened as (its saves check it is still the one there)."""
    return clerk.handout_id if clerk is not None else None


class NotHeld:
    """What a window holds for a file it does not say open (a master, a server, a read-only folder),
    or for a department file whose mark another held as it opened (`path`: taken at a later save)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def release(self) -> None:
        pass

    def again(self) -> WindowHold | NotHeld:
        """The mark taken now, if it is free (the other window closed, the hand-out ended)."""
        if self.path is None:
            return self
        from kodaira_desk.services.open_files import hold_for_window

        return hold_for_window(self.path) or self


def hold_if_department(db: Database, clerk: DepartmentFileInfo | None) -> WindowHold | NotHeld:
    """A department file said open beside it (services/open_files.py) while a window has it: a
    re-issue into its folder then does not replace it. A master, a server: nothing held (nor
    imported: the window's start-up and the opening thread import nothing for it)."""
    if clerk is None or db.on_server:
        return NotHeld()
    from kodaira_desk.services.open_files import hold_for_window

    return hold_for_window(db.path) or NotHeld(db.path)
