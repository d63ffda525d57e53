"""The order of a department's returned workbooks, told by the workbook's own save (issue 26).

A workbook keeps no save counter of ours, but Excel and LibreOffice write, each time they save,
`docProps/core.xml`: `dcterms:modified` (when), `cp:lastModifiedBy` (who) and LibreOffice also
`cp:revision` (how many saves); `docProps/app.xml` says which program (`Application`, `AppVersion`).
Returns of one hand-out are ordered by that save, as a `.kdesk` is by its revision:

- the first return of the hand-out is merged against what the hand-out was cut from (FIRST);
- a return saved after the last collected one is merged against it (LATER): it carries every
  edit of the earlier save, so what it changed back is changed back;
- a return saved before it is refused as 古い版, naming both save times (OLDER);
- where the order cannot be known (UNKNOWN): no save time, a save time before the hand-out (or
  within two minutes after it: the hand-out's own), an hour or more ahead of this PC's clock, equal
  save times, save times that contradict the save
  counts, or two different people's saves (each may have worked on a copy of their own). Such a
  return is merged against what the hand-out was cut from, and only what differs from the last
  collected return counts: a field the two returns set differently becomes a conflict for a
  person, a field only one of them set is kept. Nothing is overwritten silently.

The "head" of the line is the one return whose save is the latest known: its stamp, and (in the
master) its fields, against which the next LATER return is merged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

CLOCK_AHEAD = timedelta(hours=1)  # a save this far past our clock comes from a PC whose clock is wrong
# A save time this close after the hand-out is the hand-out's own (the workbook as written, or a
# program that kept its time): no clerk edits, saves and mails a workbook back within it.
HANDOUT_MARGIN = timedelta(minutes=2)


@dataclass(frozen=True)
class SaveStamp:
    """What a workbook says of its last save (all optional: another writer may write none)."""

    saved_at: datetime | None = None  # dcterms:modified, timezone-aware
    saved_by: str = ""  # cp:lastModifiedBy
    application: str = ""  # "Microsoft Excel 16.0300", "LibreOffice 7.4.7.2"
    revision: int | None = None  # cp:revision: LibreOffice counts its saves; Excel writes none

    def when(self) -> str:
        """The save time in this PC's time zone, to the second, for messages and the board."""
        if self.saved_at is None:
            return "保存日時なし"
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def describe(self) -> str:
        """「2026-12-01 10:32:15（田中）」: when, and who when the workbook says."""
        who = f"（{self.saved_by}）" if self.saved_by else ""
        return f"{self.when()}{who}"


@dataclass(frozen=True)
class Head:
    """The return of a line whose save is the latest known, as the master keeps it."""

    stamp: SaveStamp
    trusted: bool  # its save time could be trusted when it was collected (judged then, once)

    def to_json(self) -> str:
        s = self.stamp
        return json.dumps({"at": s.saved_at.isoformat() if s.saved_at else None, "by": s.saved_by,
                           "app": s.application, "rev": s.revision, "trusted": self.trusted}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Head | None:
        if not text:
            return None
        d = json.loads(text)
        at = _aware(datetime.fromisoformat(d["at"])) if d.get("at") else None
        rev = d.get("rev")
        return cls(SaveStamp(at, str(d.get("by") or ""), str(d.get("app") or ""),
                             rev if isinstance(rev, int) else None), bool(d.get("trusted")))


class Order(StrEnum):
    FIRST = "first"  # nothing of the line collected yet: merged against the hand-out
    LATER = "later"  # saved after the head: merged against the head
    OLDER = "older"  # saved before the head: refused as 古い版
    UNKNOWN = "unknown"  # cannot tell: merged against the hand-out, differences from the head held


@dataclass(frozen=True)
class Placement:
    order: Order
    why: str  # for UNKNOWN, why the order cannot be known (Japanese); else ""
    head: Head  # the line's head once this return is merged
    moves_head: bool  # this return becomes the head (its fields are the next LATER return's base)


def _aware(at: datetime) -> datetime:
    """A save time without a zone is taken as UTC (what Excel and openpyxl write, with a Z)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def doubt(stamp: SaveStamp, issued_at: datetime, now: datetime) -> str | None:
    """Why a workbook's save time cannot be trusted to order it, or None."""
    if stamp.saved_at is None:
        return "ブックに保存日時の記録がありません"
    at, issued = _aware(stamp.saved_at), _aware(issued_at)
    if at < issued:
        return f"保存日時（{stamp.when()}）が配布（{issued.astimezone():%Y-%m-%d %H:%M:%S}）より前です"
    if at <= issued + HANDOUT_MARGIN:
        return f"保存日時（{stamp.when()}）が配布したときのままです"
    if at > _aware(now) + CLOCK_AHEAD:
        return f"保存日時（{stamp.when()}）が未来になっています（保存したパソコンの時計が合っていないようです）"
    return None


def _same_person(a: str, b: str) -> bool:
    """Two savers are different only when both are named and the names differ."""
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return not a or not b or a == b


def place(new: SaveStamp, head: Head | None, issued_at: datetime, now: datetime) -> Placement:
    """Where a returned workbook stands against the line's head (None: nothing collected yet)."""
    why_new = doubt(new, issued_at, now)
    mine = Head(new, why_new is None)
    if head is None:
        return Placement(Order.FIRST, "", mine, True)
    if why_new is not None:
        return _unknown(why_new, mine, head)
    if not head.trusted or head.stamp.saved_at is None or new.saved_at is None:
        return _unknown(f"取込済みのブックの保存日時（{head.stamp.when()}）が確かではありません", mine, head)
    if not _same_person(new.saved_by, head.stamp.saved_by):
        return _unknown(f"別の人（{head.stamp.saved_by}、{new.saved_by}）が保存したブックで、"
                        "同じブックを順に直したものか分かりません", mine, head)
    a, b = _aware(new.saved_at), _aware(head.stamp.saved_at)
    ra, rb = new.revision, head.stamp.revision
    if ra is not None and rb is not None and ra != rb:  # LibreOffice's save counts: a second witness
        if a != b and (a > b) != (ra > rb):
            return _unknown("保存日時と保存回数の順序が食い違っています（保存したパソコンの時計が合っていないようです）",
                            mine, head)
        later = ra > rb
    elif a != b:
        later = a > b
    else:
        return _unknown(f"取込済みのブックと保存日時（{new.when()}）が同じです", mine, head)
    return Placement(Order.LATER, "", mine, True) if later else Placement(Order.OLDER, "", head, False)


def _unknown(why: str, mine: Head, head: Head) -> Placement:
    """The head after a return of unknown order: the later of the two save times that can be
    trusted (the head stays when neither can)."""
    if mine.trusted and mine.stamp.saved_at is not None:
        later = (not head.trusted or head.stamp.saved_at is None
                 or _aware(mine.stamp.saved_at) > _aware(head.stamp.saved_at))
    else:
        later = False
    return Placement(Order.UNKNOWN, why, mine if later else head, later)


__all__ = ["CLOCK_AHEAD", "HANDOUT_MARGIN", "Head", "Order", "Placement", "SaveStamp", "doubt", "place"]
