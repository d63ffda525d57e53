"""What every job of the round shares: its errors, its results, fields in words, the master's id."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.round import BOARD_LABELS, BoardState, Outcome
from kodaira_desk.domain.round_records import ConflictRecord, ReturnRecord
from kodaira_desk.services.field_words import describe as describe  # the round's modules name fields so
from kodaira_desk.services.field_words import trees_by_id as trees_by_id
from kodaira_desk.store.database import Database

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]

# kept for the window and the command line: state value → label
STATE_LABELS = {s.value: label for s, label in BOARD_LABELS.items()}


class RoundError(DomainError):
    """A hand-out or collection that cannot be done as asked."""


@dataclass(frozen=True)
class HandoutFile:
    handout_id: str
    department: str
    path: Path
    kept: Path | None = None  # the clerk's saved, uncollected file it replaced, kept beside (rounds.filled_kept)


@dataclass(frozen=True)
class FileOutcome:
    file: str
    code: str  # an Outcome value: merged | needs_review | already_collected | unfilled | a refusal
    message: str
    department: str | None = None
    applied: int = 0
    conflicts: int = 0
    held: int = 0  # of the conflicts, changes held because they are another year's or not the 課's
    unchanged: int = 0  # carried texts the clerk confirmed (変更なし), applied
    carried: int = 0  # carried texts left untouched and unconfirmed: not applied (未記入)
    flags: tuple[str, ...] = ()  # why else the return is 要確認 (no_head_check)
    year: int | None = None  # the fiscal year the file was handed out for, when known

    @property
    def refused(self) -> bool:
        return Outcome(self.code).refused

    @property
    def mark(self) -> str:
        """The log's mark, the same in the window and on the command line: × refused, ! taken with
        something for a person (要確認: a conflict, a held change, no head check) or 未記入, ○ taken."""
        if self.refused:
            return "×"
        review = self.code in (Outcome.NEEDS_REVIEW.value, Outcome.UNFILLED.value)
        return "!" if review or self.conflicts else "○"


@dataclass(frozen=True)
class DepartmentState:
    department: str
    state: str  # a BoardState value
    label: str
    returned_at: str | None
    handout_id: str
    file_name: str
    open_conflicts: int
    reason: str | None = None  # why the last file was refused (stored, so it survives a reopen)
    revision: int | None = None  # the last collected revision of the department's file
    # issue 24: the last merged return (revision, when, by whom, the head's check), why it is
    # 要確認 in words (open conflicts by kind, no head check), when the file was issued
    last_return: ReturnRecord | None = None
    reasons: tuple[str, ...] = ()
    issued_at: str = ""
    # which returned files were taken: the .kdesk's save counter; the workbooks taken (第 N 版) and
    # the latest known save of them: when (this PC's time, to the second), who, and whether the
    # time could be trusted (domain.save_order)
    kdesk_revision: int | None = None
    book_revision: int | None = None
    book_saved_at: str | None = None
    book_saved_by: str = ""
    book_time_doubtful: bool = False
    open_by_kind: tuple[tuple[str, int], ...] = ()  # the open conflicts by kind (the words of `reasons`)
    # `reason`'s kind (an Outcome's value) and file, for its words in the language in use; `newest`:
    # said of the newest file received while an older one stays taken (status.newest_not_taken)
    reason_code: str | None = None
    reason_file: str = ""
    reason_newest: bool = False
    # its file is still out (BoardState value: 未返却, 未記入), whatever the row says: a 課 handed out
    # again reads 要確認 while its earlier file's conflicts are open, and still owes the new one
    owed: str | None = None

    @property
    def taken(self) -> str:
        """Which versions were taken, in words: 「第2版、ブック第3版（2026-12-01 10:32:15 田中 保存）」."""
        parts = [f"第{self.kdesk_revision}版"] if self.kdesk_revision else []
        if self.book_revision and not self.book_saved_at:
            parts.append(f"ブック第{self.book_revision}版（保存日時の記録なし）")
        elif self.book_revision:
            saved = " ".join(p for p in (self.book_saved_at, self.book_saved_by) if p)
            doubt = "・日時は確かでない" if self.book_time_doubtful else ""
            parts.append(f"ブック第{self.book_revision}版（{saved} 保存{doubt}）")
        return "、".join(parts)


@dataclass(frozen=True)
class CollectReport:
    outcomes: tuple[FileOutcome, ...]
    states: tuple[DepartmentState, ...]
    # every entry field the collection wrote in the master, with its new value (domain.fields keys)
    changed: Mapping[str, FieldValue] = field(default_factory=dict)
    years: tuple[int, ...] = ()  # the fiscal years the files were handed out for (their states are above)

    @property
    def missing(self) -> list[str]:
        """Departments that have not returned their file (未返却)."""
        return [s.department for s in self.states if BoardState.ISSUED.value in (s.state, s.owed)]

    @property
    def unfilled(self) -> list[str]:
        """Departments whose returned file had nothing typed in it (未記入): still owed."""
        return [s.department for s in self.states if BoardState.UNFILLED.value in (s.state, s.owed)]

    @property
    def needs_a_person(self) -> bool:
        return any(o.refused or o.conflicts for o in self.outcomes) or any(
            s.state == BoardState.NEEDS_REVIEW.value for s in self.states)


@dataclass(frozen=True)
class OpenConflict(ConflictRecord):
    """A conflict as the conflict window lists it: its record and what the field is, in words;
    `master` is the master's value now, `recorded` the one the conflict was recorded against (they
    differ when the master was saved since: `moved`)."""

    label: str = ""
    recorded: FieldValue = None
    moved: bool = False

    @classmethod
    def of(cls, record: ConflictRecord, label: str, current: FieldValue) -> OpenConflict:
        values = {f.name: getattr(record, f.name) for f in fields(record)}
        values["master"] = current
        return cls(**values, label=label, recorded=record.master, moved=current != record.master)


def when(iso: str | None) -> str:
    """An ISO time as the board shows it: 2027-05-20 10:31 (and every message of the round)."""
    return (iso or "").replace("T", " ")[:16]


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def master_id_in(uow: UnitOfWork) -> str:
    """The master's own id (written the first time it is asked for), inside the caller's transaction."""
    mid = uow.meta.get("master_id")
    if not mid:
        mid = str(uuid.uuid4())
        uow.meta.set("master_id", mid)
    return mid


def master_id(db: Database) -> str:
    with db.unit_of_work() as uow:
        return master_id_in(uow)
