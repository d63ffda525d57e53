"""The yearly round's states and outcome codes, one enum each (the store keeps their values)."""

from __future__ import annotations

from enum import StrEnum


class HandoutStatus(StrEnum):
    """Where one issued department file stands (stored in handouts.status)."""

    ISSUED = "issued"
    RETURNED = "returned"
    MERGED = "merged"
    NEEDS_REVIEW = "needs_review"
    SUPERSEDED = "superseded"


class BoardState(StrEnum):
    """What the collection board shows for a department: the hand-out's status, or a state seen
    only from its imports (an untouched file came back; the last file was refused)."""

    ISSUED = "issued"
    UNFILLED = "unfilled"
    RETURNED = "returned"
    MERGED = "merged"
    NEEDS_REVIEW = "needs_review"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return BOARD_LABELS[self]


BOARD_LABELS = {
    BoardState.ISSUED: "未返却",
    BoardState.UNFILLED: "未記入",
    BoardState.RETURNED: "返却済",
    BoardState.MERGED: "取込済",
    BoardState.NEEDS_REVIEW: "要確認",
    BoardState.SUPERSEDED: "差し替え済",
}


class Outcome(StrEnum):
    """What happened to one returned file. Everything but the first four is a refusal."""

    MERGED = "merged"
    NEEDS_REVIEW = "needs_review"  # merged, with values held for a person
    ALREADY_COLLECTED = "already_collected"  # the same revision again: nothing changed
    UNFILLED = "unfilled"  # revision 0: never saved by a clerk (未記入)
    # refusals
    STALE = "stale"  # 古い版: older than the last collected revision
    TAMPERED = "tampered"  # 破損: content does not match the hash the app wrote at the last save
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    NOT_REGULAR = "not_regular"  # a FIFO, a folder, a device: refused from its status, never opened
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    COPIED_WHILE_OPEN = "copied_while_open"
    NOT_SQLITE = "not_sqlite"
    CORRUPT = "corrupt"
    NOT_OURS = "not_ours"
    NEWER_SCHEMA = "newer_schema"
    OLD_SCHEMA = "old_schema"  # an older file whose upgrade failed
    UNEXPECTED_OBJECTS = "unexpected_objects"
    NOT_DEPARTMENT_FILE = "not_department_file"
    INVALID_VALUES = "invalid_values"
    LIMIT = "limit"  # a value past the domain's limits (domain.limits)
    UNKNOWN_FIELD = "unknown_field"  # a value for an item (or schedule row) the master does not have
    OTHER_MASTER = "other_master"
    UNKNOWN_HANDOUT = "unknown_handout"
    SUPERSEDED = "superseded"  # a file of a hand-out that a later one replaced
    WRONG_DEPARTMENT = "wrong_department"
    WRONG_YEAR = "wrong_year"
    DISK = "disk"  # the master's folder is full or not writable
    UNEXPECTED = "unexpected"  # an error nobody foresaw: the file is refused, the others go on
    TOO_SLOW = "too_slow"  # its checks used their whole CPU budget (a hostile file): stopped, refused
    # a returned Excel workbook (services/rounds/workbook.py, io/dept_workbook)
    NOT_WORKBOOK = "not_workbook"  # named .xlsx but not a workbook (a CSV renamed, say)
    ENCRYPTED = "encrypted"  # a password-protected workbook (an OLE2 container)
    ZIP_BOMB = "zip_bomb"  # uncompressed contents past the limits
    SHEET_TOO_LARGE = "sheet_too_large"  # a sheet's dimension past the limits
    MACROS = "macros"  # a macro-enabled workbook (vbaProject.bin)
    EXTERNAL_LINKS = "external_links"  # links to other workbooks
    NO_IDENTITY = "no_identity"  # the hidden identity sheet is gone or unreadable
    SHEETS_CHANGED = "sheets_changed"  # a sheet of the hand-out renamed or deleted
    # an evidence file carried in a department file (issue 25, domain.evidence)
    ATTACHMENT_TYPE = "attachment_type"  # its content is not the type its name declares (or not allowed)

    @property
    def refused(self) -> bool:
        return self not in (Outcome.MERGED, Outcome.NEEDS_REVIEW, Outcome.ALREADY_COLLECTED,
                            Outcome.UNFILLED)
