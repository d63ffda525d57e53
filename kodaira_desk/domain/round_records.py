"""The round's records in the master as frozen values: what the round's repository returns.

A service never changes a record in place: it asks the repository for the change (a hand-out's
return, a conflict's resolution) and reads the record again when it needs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.round import HandoutStatus


@dataclass(frozen=True)
class Handout:
    """One issued department file (a .kdesk, a workbook, or both) and its returns so far."""

    id: str
    department: str
    fiscal_year: int
    issued_at: str
    file_name: str
    base_snapshot: str  # the snapshot the file was cut from (after a .kdesk return: that return's)
    status: HandoutStatus
    returned_at: str | None = None
    collected_revision: int | None = None  # the .kdesk's save counter at its last collection
    collected_saved_at: str | None = None
    workbook_revision: int | None = None  # returned workbooks, numbered by arrival
    workbook_snapshot: str | None = None
    deadline: str | None = None  # the 提出期限 it was issued with (issue 24)
    issued_path: str | None = None  # where the hand-out wrote it (a reminder attaches it)
    workbook_saved: str | None = None  # the save of the workbook line's head (JSON, domain.save_order.Head)


@dataclass(frozen=True)
class ReturnRecord:
    """The last merged return of a hand-out (issue 24: the board's 最終返却)."""

    import_id: int
    file_name: str
    received_at: str
    revision: int | None
    saved_at: str | None
    saved_by: str | None  # the clerk who saved it (an earlier version's file names nobody)
    head_check_by: str | None
    head_check_at: str | None
    flags: tuple[str, ...]  # why it is held besides conflicts (no_head_check), until acknowledged
    acknowledged_by: str | None
    unchanged: int  # carried texts confirmed 変更なし and applied
    carried: int  # carried texts left untouched: not applied

    @property
    def open_flags(self) -> tuple[str, ...]:
        return () if self.acknowledged_by else self.flags


@dataclass(frozen=True)
class HandoutRecord:
    """A hand-out with what the board needs about it, read in one query."""

    id: str
    department: str
    fiscal_year: int
    file_name: str
    status: HandoutStatus
    returned_at: str | None
    collected_revision: int | None  # of the .kdesk, else of the returned workbooks
    open_conflicts: int
    last_result: str | None  # merged | refused | unfilled | already_collected of the latest import
    last_reason: str | None
    last_message: str | None
    # issue 24: when issued and with which deadline, the last merged return, open conflicts by kind
    issued_at: str = ""
    deadline: str | None = None
    last_return: ReturnRecord | None = None
    open_by_kind: tuple[tuple[str, int], ...] = ()
    # issue 26: which returned files were taken (the .kdesk's counter, the workbooks taken) and the
    # latest known save of the workbooks (JSON, domain.save_order.Head)
    kdesk_revision: int | None = None
    workbook_revision: int | None = None
    workbook_saved: str | None = None
    last_file: str | None = None  # the name of the latest file received (a .kdesk or a workbook)
    earlier_open: int = 0  # of `open_conflicts`, those of the department's superseded hand-outs of the year


@dataclass(frozen=True)
class ImportRecord:
    """One received file as the master recorded it, merged or refused."""

    id: int
    handout_id: str | None
    sha256: str
    file_name: str
    received_at: str
    result: str  # merged | refused | unfilled
    reason_code: str | None = None
    message: str | None = None
    applied: int = 0
    conflicts: int = 0
    stored_copy: str | None = None
    department: str | None = None
    revision: int | None = None
    saved_at: str | None = None
    actor: str | None = None
    held: int = 0
    saved_by: str | None = None  # who saved the file last (as the file says)
    saved_with: str | None = None  # a workbook: the program that saved it (issue 26)


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    import_id: int
    department: str
    file_name: str
    key: str
    kind: str
    base: FieldValue
    master: FieldValue
    department_value: FieldValue
    status: str  # open | resolved
    resolution: str | None
    resolved_value: FieldValue


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log: a field (or a plan's part) changed, from what to what, how, by whom."""

    id: int
    at: str
    field_key: str
    old: str | None  # as stored (JSON text); round_repository.decode reads a field value back
    new: str | None
    source: str  # typed | import | resolution | resolution_undone | plan | migration | correction | …
    source_id: str | None
    actor: str | None
    note: str | None = None  # a correction's reason, a head check's time (issue 24)
