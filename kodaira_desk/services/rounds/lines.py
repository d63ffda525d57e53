"""The returns of one kind of file of a hand-out: a line of returns, each ordered and merged within it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReturnLine:
    """The returns of one kind of file of a hand-out. A "both" hand-out gives the department a .kdesk
    and a workbook; either, or both, may come back, and each kind is its own line: a .kdesk by its
    save counter, workbooks by their own save (domain/save_order.py). A return is ordered within its
    line (an older copy is refused as 古い版) and merged against the return before it in that line, or
    against what the hand-out was cut from: never against the other file, whose values it does not
    carry (it would revert them) and whose numbers mean something else (a .kdesk's first save looked
    already collected after a workbook's first return)."""

    book: bool
    revision: int | None  # the last collected (None: nothing of this line collected yet)
    saved_at: str | None
    base: str  # the snapshot the next return is merged against
    # A workbook placed by its own save (services/rounds/workbook_order.py): when its order is unknown,
    # it is merged against `origin` (what the hand-out was cut from), and only fields that differ
    # from `base` count; `moves_head`: its fields become the next base; `head`: the save to keep.
    origin: str | None = None
    moves_head: bool = True
    head: str | None = None
    note: str = ""
    # a .kdesk placed by lineage: the snapshots of collected siblings that share uncollected saves
    # with it (domain.lineage.hold_unsure)
    unsure: tuple[str, ...] = ()
