"""Random rounds of sibling copies, played on the collection's own ordering and merge rules
(domain.lineage's chain of saves, services.rounds.by_lineage's choice of base, domain.merge's
three-way): 2–3 copies of one handed-out file are copied from one another, edited and saved, and
collected in any order, older saves too. After every collection each value a collected copy set is
in the master or in an open conflict record (unless a later collected save of that copy changed
it), and an ancestor of a collected save never changes the master. The master's side is a model
(fields in a dict, snapshots by id); the real files are played in test_sibling_copies.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kodaira_desk.domain import lineage
from kodaira_desk.domain.merge import Conflict, three_way
from kodaira_desk.domain.round import HandoutStatus, Outcome
from kodaira_desk.domain.round_records import Handout
from kodaira_desk.services.rounds import by_lineage
from kodaira_desk.store.department_file import DepartmentFile, FileRefused

KEYS = ("k1", "k2", "k3")
HANDED = {"k1": None, "k2": "5", "k3": None}
Fields = dict[str, str | None]


def _hash(fields: Fields) -> str:
    return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()


@dataclass(frozen=True)
class Saved:
    """One save of one copy: its fields, counter and chain (as record_save writes them)."""

    fields: Fields
    revision: int
    chain: tuple[lineage.Save, ...]


@dataclass
class Master:
    """The master's side of the collection as a model: its fields, snapshots, records."""

    fields: Fields = field(default_factory=lambda: dict(HANDED))
    snapshots: dict[str, Fields] = field(default_factory=lambda: {"handed": dict(HANDED)})
    h: Handout = field(default_factory=lambda: Handout("h", "課", 2026, "", "f", "handed", HandoutStatus.ISSUED))
    collected: list[lineage.Collected] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    writer: dict[str, Saved] = field(default_factory=dict)  # the save whose merge wrote each field

    # the parts of RoundRepository by_lineage asks for
    def collected_saves(self, handout_id: str) -> list[lineage.Collected]:
        return list(self.collected)

    def add_collected_save(self, handout_id: str, c: lineage.Collected) -> None:
        self.collected.append(c)

    def root_snapshot(self, sid: str) -> str:
        return "handed"

    def handout(self, handout_id: str) -> Handout:
        return self.h

    def collect(self, s: Saved) -> str:
        """services.rounds.collect for one .kdesk (its merge as collect._merge does it)."""
        f = DepartmentFile(Path("f"), "", "h", "m", "課", 2026, 9, dict(s.fields), s.revision, None, saves=s.chain)
        try:
            line, done = by_lineage.placed(self, "f", f, self.h)  # type: ignore[arg-type]
        except FileRefused as exc:
            return exc.code
        if done is not None:
            return done.code
        base = self.snapshots[line.base]
        changes = {k: v for k, v in s.fields.items() if base.get(k) != v}
        plan = three_way({k: base.get(k) for k in changes}, self.fields, changes, lambda k: True)
        plan = lineage.hold_unsure(plan, base, self.fields, s.fields, [self.snapshots[u] for u in line.unsure])
        self.fields.update(plan.apply)
        self.writer.update({k: s for k in plan.apply})
        self.conflicts.extend(plan.conflicts)
        sid = f"s{len(self.snapshots)}"
        self.snapshots[sid] = dict(s.fields)
        self.h = Handout("h", "課", 2026, "", "f", sid, HandoutStatus.MERGED)  # record_return
        by_lineage.record(self, f, "h")  # type: ignore[arg-type]
        return Outcome.NEEDS_REVIEW.value if plan.conflicts else Outcome.MERGED.value


MOVES = st.lists(st.one_of(
    st.tuples(st.just("copy"), st.integers(0, 2), st.integers(0, 0), st.none()),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, len(KEYS) - 1), st.sampled_from(["1", "2", "3", None])),
    st.tuples(st.just("collect"), st.integers(0, 2), st.integers(0, 0), st.none()),
    st.tuples(st.just("collect_old"), st.integers(0, 2), st.integers(0, 5), st.none()),
), min_size=1, max_size=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # CI's loaded cores
@given(MOVES)
def test_no_collected_value_is_lost_and_no_ancestor_reverts(moves: list[tuple[str, int, int, str | None]]) -> None:
    master = Master()
    handed = Saved(dict(HANDED), 0, ())
    copies: list[list[Saved]] = [[handed]]  # each copy's saves, the last its current state
    collected: list[Saved] = []
    saves: dict[lineage.Save, Fields] = {}  # every save's fields, by its (revision, hash)
    for kind, i, j, value in moves:
        copy = copies[i % len(copies)]
        if kind == "copy" and len(copies) < 3:
            copies.append(list(copy))
        elif kind == "edit":
            now = copy[-1]
            fields = {**now.fields, KEYS[j]: value}
            prev = (now.revision, _hash(now.fields)) if now.revision else None
            save = (now.revision + 1, _hash(fields))
            copy.append(Saved(fields, now.revision + 1, lineage.with_save(now.chain, prev, save)))
            saves[save] = fields
        elif kind in ("collect", "collect_old"):
            s = copy[-1] if kind == "collect" else copy[j % len(copy)]
            if s.revision == 0:
                continue  # 未記入: refused before the lineage is asked
            before = dict(master.fields)
            code = master.collect(s)
            is_ancestor = any(s.chain[-1] in c.chain[:-1] for c in collected)
            if is_ancestor and s.chain[-1] not in [c.chain[-1] for c in collected]:
                assert code == Outcome.STALE.value
            if code in (Outcome.STALE.value, Outcome.ALREADY_COLLECTED.value):
                assert master.fields == before  # an older copy never reverts a newer return
            else:
                collected.append(s)
            _check_nothing_lost(master, collected, saves)


def _check_nothing_lost(master: Master, collected: list[Saved], saves: dict[lineage.Save, Fields]) -> None:
    """Each collected save's value is in the master or an open conflict, unless the save did not
    change it since its latest common save with the save whose value the master holds (that one
    changed it, or it descends from this one): three-way semantics, with the true common ancestor."""
    for s in collected:
        for k in KEYS:
            v = s.fields[k]
            if master.fields[k] == v or any(c.key == k and c.department == v for c in master.conflicts):
                continue
            if any(t is not s and s.chain[-1] in t.chain and t.fields[k] != v for t in collected):
                continue  # a later save of its own, collected, changed it again: that one is checked
            before = [t for t in collected if t is not s and t.chain[-1] in s.chain[:-1]]
            if before and max(before, key=lambda t: s.chain.index(t.chain[-1])).fields[k] == v:
                continue  # not changed since its nearest collected ancestor: that one is checked
            w = master.writer.get(k)
            common = [x for x in s.chain if w is not None and x in w.chain]
            ancestor = saves[common[-1]] if common else HANDED
            assert ancestor[k] == v, (k, v, s.chain, w, master.fields, master.conflicts)


def test_a_chain_read_from_a_file_is_checked() -> None:
    good = "a" * 64
    assert lineage.parse_chain(f'[[1,"{good}"],[3,"{good}"]]') == ((1, good), (3, good))
    for bad in (f'[[2,"{good}"],[1,"{good}"]]', '[[1,"xyz"]]', "{}", "not json", f'[[true,"{good}"]]'):
        assert lineage.parse_chain(bad) is None
    # a save by an earlier version in between: the chain keeps its ancestors and the stamp before
    assert lineage.with_save(((1, good),), (4, "b" * 64), (5, "c" * 64)) == ((1, good), (4, "b" * 64), (5, "c" * 64))


pytestmark = pytest.mark.filterwarnings("ignore")
