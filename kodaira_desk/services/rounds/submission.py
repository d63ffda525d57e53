"""提出用に保存 in clerk mode (issue 24): the save that sends a department file back, with the
department head's check (課長確認) when given: the head's name and the time, kept with the file's
revision (a later save is no longer checked) and in the file's audit log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kodaira_desk.domain.round_year import HeadCheck, head_check_name
from kodaira_desk.services.editing import Content, SaveResult, Target, save_edits
from kodaira_desk.store.database import Database
from kodaira_desk.store.reader import get_meta

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class FileRound:
    """What a department file knows of its round: the deadline and whether the check is required."""

    deadline: str | None  # ISO date
    head_check_required: bool
    head_check: HeadCheck | None  # the last check given in this file (for whichever revision)
    revision: int


def file_round(db: Database) -> FileRound:
    with db.read() as con:
        check_name, check_at, check_rev = (get_meta(con, "head_check_by"), get_meta(con, "head_check_at"),
                                           get_meta(con, "head_check_revision"))
        try:
            check = HeadCheck(check_name, check_at or "", int(check_rev)) if check_name and check_rev else None
            revision = int(get_meta(con, "revision") or "0")
        except ValueError:
            check, revision = None, 0
        return FileRound(get_meta(con, "deadline") or None, get_meta(con, "head_check_required") == "1", check,
                         revision)


def submit(db: Database, edits: Mapping[Target, Content], stored: Mapping[Target, Content],
           actor: str | None, head_check: str | None, *, overwrite: bool = False,
           handout: str | None = None) -> tuple[SaveResult, HeadCheck | None]:
    """Save the edits (none is fine: the file gets one more revision) and, with `head_check`, record
    the head's check for the revision this save makes, in the same transaction. `handout`: the
    hand-out the file was opened as (another one renamed over it: HandoutReplaced, nothing written)."""
    name = head_check_name(head_check) if head_check is not None else None
    given: list[HeadCheck] = []

    def record(uow: UnitOfWork, revision: int | None) -> None:
        if name is None or revision is None:
            return
        at = datetime.now().astimezone().isoformat(timespec="seconds")
        uow.meta.set("head_check_by", name)
        uow.meta.set("head_check_at", at)
        uow.meta.set("head_check_revision", str(revision))
        department, year = uow.meta.get("department"), uow.meta.get("fiscal_year")
        uow.audit.add(f"head-check:{department}:{year}", None, name, "head_check", str(revision), actor,
                      f"課長確認 {at}（第 {revision} 版）")
        given.append(HeadCheck(name, at, revision))

    result = save_edits(db, dict(edits), dict(stored), actor, overwrite=overwrite, on_saved=record,
                        handout=handout)
    return result, (given[0] if given else None)
