"""Where each department stands, and what happened to every file received (a stored record)."""

from __future__ import annotations

from dataclasses import dataclass

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round import BoardState, HandoutStatus
from kodaira_desk.domain.round_records import HandoutRecord
from kodaira_desk.domain.save_order import Head
from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.store.database import Database


@dataclass(frozen=True)
class ImportResult:
    """One received file as the master recorded it."""

    id: int
    file_name: str
    department: str | None
    received_at: str
    result: str  # merged | refused | unfilled
    reason_code: str | None
    message: str | None
    applied: int
    conflicts: int
    held: int
    revision: int | None
    saved_at: str | None
    actor: str | None
    saved_by: str | None = None  # a returned workbook: who saved it, and with which program
    saved_with: str | None = None


def _state(h: HandoutRecord, open_conflicts: int) -> tuple[BoardState, str | None]:
    if open_conflicts:
        return BoardState.NEEDS_REVIEW, None
    if h.last_result == "refused" and h.status is not HandoutStatus.MERGED:
        return BoardState.NEEDS_REVIEW, h.last_message
    if h.last_result == "unfilled" and h.status is HandoutStatus.ISSUED:
        return BoardState.UNFILLED, h.last_message
    if h.last_return is not None and h.last_return.open_flags and h.status is not HandoutStatus.SUPERSEDED:
        return BoardState.NEEDS_REVIEW, None
    return BoardState(h.status.value), None


def newest_not_taken(h: HandoutRecord) -> str | None:
    """The newest file received from the department was refused after one was collected: the
    board's 取込済 holds an older version, said with the refused file's name and why."""
    if h.last_result != "refused" or h.status is not HandoutStatus.MERGED:
        return None
    message, name = h.last_message or "", h.last_file or ""
    said = message if message.startswith(name) else f"{name}: {message}"
    held = "" if "取込済み" in message or not h.collected_revision else f"（取込済みは第{h.collected_revision}版）"
    return f"最新の受信ファイルは取り込んでいません{held}。{said}"


_KIND_WORDS = {"both_changed": "競合", "out_of_scope": "担当外の変更", "other_year": "配布年度以外の変更",
               "locked": "確定済みの年度の変更", "removed": "計画から削除された項目の値"}
_FLAG_WORDS = {"no_head_check": "課長確認なし"}


REISSUED_OWED = "再配布したファイルは{state}"  # a 要確認 課 handed out again: its new file still owed


def review_reasons(h: HandoutRecord, owed: BoardState | None = None) -> tuple[str, ...]:
    """Why a department is 要確認, in words: open conflicts by kind, its last return's flags, and
    the file handed out again still owed (`owed`: 未返却, 未記入) while earlier conflicts are open."""
    out = [f"{_KIND_WORDS.get(kind, kind)} {n} 件" for kind, n in h.open_by_kind]
    if h.last_return is not None:
        out += [_FLAG_WORDS.get(flag, flag) for flag in h.last_return.open_flags]
    if owed is not None and h.earlier_open:
        out.append(REISSUED_OWED.format(state=owed.label))
    return tuple(out)


def round_years(db: Database) -> list[int]:
    with db.reading() as uow:
        return uow.rounds.years()


def round_status(db: Database, year: FiscalYear) -> list[DepartmentState]:
    with db.reading() as uow:
        records = uow.rounds.board(year.year)
    out: dict[str, DepartmentState] = {}
    for h in records:
        state, reason = _state(h, h.open_conflicts)
        # its own file's state, the superseded hand-outs' conflicts aside: still owed (未返却, 未記入)?
        own = _state(h, h.open_conflicts - h.earlier_open)[0] if h.earlier_open else state
        owed = own if own in (BoardState.ISSUED, BoardState.UNFILLED) else None
        newest = None if reason else newest_not_taken(h)
        reason = reason or newest
        head = Head.from_json(h.workbook_saved)
        # the file column shows what came back (a workbook, a .kdesk), else what was handed out; a
        # refused file never names the row: the last one taken stays (the refusal is said as its reason)
        taken = h.last_return.file_name if h.last_result == "refused" and h.last_return else h.last_file
        shown = taken or h.file_name
        out[h.department] = DepartmentState(h.department, state.value, state.label, h.returned_at, h.id,
                                            shown, h.open_conflicts, reason, h.collected_revision,
                                            h.last_return, review_reasons(h, owed), h.issued_at,
                                            h.kdesk_revision, h.workbook_revision,
                                            head.stamp.when() if head and head.stamp.saved_at else None,
                                            head.stamp.saved_by if head else "",
                                            bool(head and head.stamp.saved_at and not head.trusted),
                                            h.open_by_kind, h.last_reason if reason else None,
                                            (h.last_file or "") if reason else "", newest is not None,
                                            owed.value if owed else None)
    return [out[d] for d in sorted(out)]


def still_owed(db: Database, year: FiscalYear) -> list[tuple[str, str]]:
    """The 課 whose file of `year` has not come back (未返却) or came back with nothing typed
    (未記入), with that word: what fixing the year (確定) would leave behind (their late values are
    then held, not applied). A 課 handed out again, 要確認 for its earlier file's conflicts, is owed too."""
    return [(s.department, BoardState(s.owed).label) for s in round_status(db, year) if s.owed]


def import_results(db: Database, year: FiscalYear | None = None) -> list[ImportResult]:
    """Every received file (of `year`'s hand-outs, or all), oldest first, with its stored result."""
    with db.reading() as uow:
        rows = uow.rounds.imports(year.year if year else None)
        return [ImportResult(r.id, r.file_name, r.department, r.received_at, r.result, r.reason_code,
                             r.message, r.applied, r.conflicts, r.held, r.revision, r.saved_at, r.actor,
                             r.saved_by, r.saved_with)
                for r in rows]
