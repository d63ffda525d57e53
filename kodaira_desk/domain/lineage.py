"""The lineage of a department file: which returns of one hand-out descend from which (MERGE.md).

A clerk may copy the handed-out file and fill both copies (sibling copies); each copy counts its
own saves, so the counter alone cannot order their returns: a sibling saved more often looked newer
and was merged against the other's return, reverting what the other set. Each save therefore
appends (revision, content hash) to the file's chain of saves, and the master keeps, for each
collected revision, its (revision, hash), its chain and the snapshot of its fields. A return is
placed by lineage:

- its save already collected → nothing to do;
- an ancestor of a collected revision (in that revision's chain) → 古い版, refused: an older copy
  never reverts a newer return;
- otherwise merged three-way against the latest collected revision in its own chain (its parent
  when it descends from the last return; their common ancestor when it is a sibling), or, when
  none is, against the hand-out's snapshot. An older base can only make more conflicts, never a
  silent loss. The bases are the master's snapshots: only their choice comes from the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from kodaira_desk.domain.merge import Conflict, ConflictKind, FieldValue, MergePlan

META_KEY = "saves"  # the file's meta row holding its chain of saves (JSON)
Save = tuple[int, str]  # (revision, hash of the content at that save)
MAX_SAVES = 1000  # the chain keeps the latest saves (past them an older base: conflicts, not losses)
_HASH = re.compile(r"[0-9a-f]{16,128}")


@dataclass(frozen=True)
class Collected:
    """A collected revision of a hand-out's department file, as the master keeps it."""

    revision: int
    digest: str
    snapshot: str  # the master's snapshot of its fields (a base of the next returns)
    saved_at: str | None
    chain: tuple[Save, ...]  # its saves, oldest first, itself last

    @property
    def save(self) -> Save:
        return (self.revision, self.digest)

    def to_json(self) -> dict[str, object]:
        return {"rev": self.revision, "hash": self.digest, "snapshot": self.snapshot, "saved_at": self.saved_at,
                "chain": [list(s) for s in self.chain]}

    @classmethod
    def from_json(cls, d: dict[str, object]) -> Collected:
        chain = parse_chain(d.get("chain")) or ()
        rev, digest, snapshot, saved_at = d["rev"], d["hash"], d["snapshot"], d.get("saved_at")
        if not (isinstance(rev, int) and isinstance(digest, str) and isinstance(snapshot, str)):
            raise ValueError("a collected revision without its revision, hash or snapshot")
        return cls(rev, digest, snapshot, saved_at if isinstance(saved_at, str) else None, chain)


class Place(Enum):
    SAME = "same"  # this save was collected already
    ANCESTOR = "ancestor"  # an older save of a collected revision: 古い版
    MERGE = "merge"  # merged against `base` (None: against the hand-out's snapshot)


@dataclass(frozen=True)
class Placed:
    place: Place
    base: Collected | None = None  # MERGE: the collected revision to merge against
    newer: Collected | None = None  # SAME / ANCESTOR: the collected revision it is (or is an ancestor of)
    descends: bool = False  # MERGE: its base is the last collected revision (not a sibling)
    # MERGE: collected siblings that share with it saves newer than its base (their common ancestor
    # was never collected: its fields are not known), see hold_unsure
    unsure: tuple[Collected, ...] = ()
    beyond: bool = False  # ANCESTOR: older than the saves `newer`'s full chain keeps (order unknown)


def place(chain: Sequence[Save], collected: Sequence[Collected]) -> Placed:
    """Where a return with this chain of saves (itself last) stands among the collected revisions
    (in the order they were collected)."""
    me = chain[-1]
    for c in collected:
        if c.save == me:
            return Placed(Place.SAME, newer=c)
    for c in reversed(collected):
        if me in c.chain:
            return Placed(Place.ANCESTOR, newer=c)
        if len(c.chain) >= MAX_SAVES and me[0] < c.chain[0][0]:
            # older than the first save a full chain keeps: maybe an ancestor whose save was dropped;
            # merged as a sibling it could revert what the newer return set, so it is refused
            return Placed(Place.ANCESTOR, newer=c, beyond=True)
    at = {s: i for i, s in enumerate(chain)}
    ancestors = [c for c in collected if c.save in at]
    base = max(ancestors, key=lambda c: at[c.save]) if ancestors else None  # the nearest ancestor collected
    since = at[base.save] if base else -1
    unsure = tuple(c for c in collected if any(at.get(s, -1) > since for s in c.chain))
    return Placed(Place.MERGE, base=base, descends=bool(collected) and base is collected[-1], unsure=unsure)


def hold_unsure(plan: MergePlan, base: Mapping[str, FieldValue], master: Mapping[str, FieldValue],
                department: Mapping[str, FieldValue], siblings: Sequence[Mapping[str, FieldValue]]) -> MergePlan:
    """`plan` for a file that shares saves newer than its base with collected siblings: their common
    ancestor was never collected, so the master does not know its fields, and where the file and a
    sibling hold different values and the master holds the one that equals the base, who changed
    the field cannot be told (the ancestor may have set the file's value and the sibling put the
    base's back, or the other way round). Those fields are held as conflicts, never decided: a change
    the file would apply over the base's value a sibling holds, and the base's value the file holds
    where the master holds the sibling's. More conflicts, never a silent revert."""
    if not siblings:
        return plan
    apply = dict(plan.apply)
    seen = set(plan.apply) | set(plan.same) | {c.key for c in plan.conflicts}
    held: list[Conflict] = []
    for key, value in plan.apply.items():
        b = base.get(key)
        if any(s.get(key) == b for s in siblings):
            del apply[key]
            held.append(Conflict(key, ConflictKind.BOTH_CHANGED, b, master.get(key), value))
    for s in siblings:
        for key in sorted(k for k in {*s, *base} if k not in seen and s.get(k) != base.get(k)):
            b, mine = base.get(key), department.get(key)
            if mine == b and master.get(key) == s.get(key):
                seen.add(key)
                held.append(Conflict(key, ConflictKind.BOTH_CHANGED, b, master.get(key), mine))
    return MergePlan(apply, plan.same, (*plan.conflicts, *held)) if held else plan


def parse_chain(raw: object) -> tuple[Save, ...] | None:
    """A chain of saves read from a file (untrusted) or the master: None when it is not one."""
    if isinstance(raw, str):
        # a file's chain is untrusted: bounded before it is parsed, nesting refused before the parser
        # recurses (a "[[[[…" chain raised RecursionError: the file could be neither collected nor saved)
        if len(raw) > MAX_SAVES * 200 or "[[[" in raw:
            return None
        try:
            raw = json.loads(raw)
        except (ValueError, TypeError, RecursionError):
            return None
    if not isinstance(raw, list) or len(raw) > MAX_SAVES:
        return None
    out: list[Save] = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and type(item[0]) is int and isinstance(item[1], str)
                and _HASH.fullmatch(item[1])):
            return None
        if out and item[0] <= out[-1][0]:
            return None
        out.append((item[0], item[1]))
    return tuple(out)


def with_save(chain: Sequence[Save], previous: Save | None, save: Save) -> tuple[Save, ...]:
    """The chain after one more save. `previous`: the file's stamp before it (revision and hash),
    added when the chain lacks it (a file saved before chains were kept, or by an older version
    since): the chain's saves are still ancestors, only some in between are not known."""
    out = [s for s in chain if s[0] < save[0]]
    if previous is not None and previous[0] > 0 and previous[0] < save[0] and (not out or out[-1] != previous):
        out = [s for s in out if s[0] < previous[0]] + [previous]
    out.append(save)
    return tuple(out[-MAX_SAVES:])


def dumps(chain: Sequence[Save]) -> str:
    return json.dumps([list(s) for s in chain], separators=(",", ":"))
