"""Where a returned workbook stands among the returns of its hand-out, by the workbook's own save
(issue 26; the rules are in domain/save_order.py).

The master keeps, on the hand-out, the save of the line's head (`workbook_saved`) and the head's
fields (`workbook_snapshot`). `placed` turns a returned workbook's save into the line the
collection merges it on: against the head (a later save), refused as 古い版 (an older save), or
against what the hand-out was cut from with only the fields that differ from the head counted
(an order that cannot be known: what two returns set differently becomes a conflict).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from kodaira_desk.domain.round import Outcome
from kodaira_desk.domain.round_records import Handout
from kodaira_desk.domain.save_order import Head, Order, SaveStamp, place
from kodaira_desk.services.rounds.lines import ReturnLine
from kodaira_desk.store.department_file import FileRefused
from kodaira_desk.store.round_repository import RoundRepository


def issued_time(text: str) -> datetime:
    """A hand-out's issued_at (ISO, with its zone; an old record without one is taken as local)."""
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.astimezone()


def placed(repo: RoundRepository, h: Handout, line: ReturnLine, stamp: SaveStamp, untouched: bool,
           name: str) -> ReturnLine:
    """The line a returned workbook is merged on (see the module's doc). Raises FileRefused
    (古い版) for an older save, and for a workbook as it was handed out once the line has a return
    (unless saved after it: a clerk may clear every cell)."""
    revision = line.revision
    head = Head.from_json(h.workbook_saved)
    if revision is not None and head is None:  # collected before saves were kept: order unknown
        head = Head(SaveStamp(), False)
    p = place(stamp, head, issued_time(h.issued_at), datetime.now(UTC))
    if revision is not None and untouched and p.order is not Order.LATER:  # the blank hand-out sent again
        raise FileRefused(Outcome.STALE.value,
                          f"{name}: 配布したときのままのブックです（保存 {stamp.describe()}）。{h.department} のブックは"
                          f"第 {revision} 版まで取り込んであり、このブックに新しい値はないため取り込みません。")
    if p.order is Order.OLDER:
        assert head is not None
        raise FileRefused(Outcome.STALE.value,
                          f"{name}: 古い版です（届いたブックの保存 {stamp.describe()}、取り込み済みの第 {revision} 版の保存 "
                          f"{head.stamp.describe()}）。新しい保存を取り込んであるため、このブックは取り込みません。")
    note = ""
    origin = None
    if p.order is Order.UNKNOWN:
        origin = repo.root_snapshot(h.base_snapshot)
        note = (f" 保存の順序が分からないため（{p.why}）、このブックの値は配布したときと比べて取り込み、"
                "取り込み済みのブックと食い違う値は上書きせず要確認にしました。")
    return replace(line, origin=origin, moves_head=p.moves_head, head=p.head.to_json(), note=note)


__all__ = ["issued_time", "placed"]
