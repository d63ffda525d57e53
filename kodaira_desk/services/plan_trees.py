"""The edit session's plans, each read whole when first asked for (issue 27: the window reads what
its first screen shows and a plan when it is opened; a prefecture's 300 plans are not read at
start-up).

A mapping of plan id → PlanTree over the list of every plan (domain.plan_list.PlanSummary):
iterating, `len` and `in` ask the list only; `trees[id]` reads that plan if it was not read yet;
`values()`, `items()`, `keys()` and so `dict(trees)` read every plan not read yet, in one read, for
the services and dialogs that need them all (the board, the round's dialogs, the reports).
`loaded()` is what is in memory, without reading: what a save, a refresh or a change mark compares.

Reads happen on the thread that asks; the window asks on the GUI thread (one plan: a few ms), and
the worker's operations are handed `loaded()` copies.
"""

from __future__ import annotations

from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    MutableMapping,
    ValuesView,
)

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.plan_list import Listing, PlanSummary

Loader = Callable[[list[str]], list[PlanTree]]


def _no_loader(ids: list[str]) -> list[PlanTree]:
    raise KeyError(ids[0])


class PlanTrees(MutableMapping[str, PlanTree]):
    """Every plan by id, read on first use (see the module's text)."""

    def __init__(self, trees: Iterable[PlanTree] = (), plans: Iterable[PlanSummary] | None = None,
                 loader: Loader = _no_loader) -> None:
        self._trees: dict[str, PlanTree] = {t.plan.id: t for t in trees}
        listed = list(plans) if plans is not None else []
        self._plans: dict[str, PlanSummary | None] = {p.id: p for p in listed}
        for pid in self._trees:
            self._plans.setdefault(pid, None)
        self._load = loader

    # ------------------------------------------------------------------ reading
    def loaded(self) -> dict[str, PlanTree]:
        """The plans read so far (a copy), reading none."""
        return dict(self._trees)

    def is_loaded(self, plan_id: str) -> bool:
        return plan_id in self._trees

    def summary(self, plan_id: str) -> PlanSummary | None:
        """The plan's summary as listed at start-up (None for a plan that came in whole)."""
        return self._plans.get(plan_id)

    def known(self) -> list[PlanSummary | PlanTree]:
        """Each plan as known without reading: its tree when read, else its summary."""
        out: list[PlanSummary | PlanTree] = []
        for pid, summary in self._plans.items():
            tree = self._trees.get(pid)
            if tree is not None:
                out.append(tree)
            elif summary is not None:
                out.append(summary)
        return out

    def listing(self) -> Listing:
        """(id, summary as listed, read whole) of every plan: what a look for others' writes
        compares with the database's list (domain.plan_list.list_changed)."""
        return [(pid, s, pid in self._trees) for pid, s in self._plans.items()]

    def unread(self) -> list[str]:
        """The listed plans not read yet, in the list's order."""
        return [pid for pid in self._plans if pid not in self._trees]

    def reader(self) -> Loader:
        """What reads plans by id (safe on the window's worker: it reads through the database,
        not this mapping); `take` puts what it read in, on the thread that owns the mapping."""
        return self._load

    def take(self, trees: Iterable[PlanTree]) -> None:
        """Plans read elsewhere (`reader()` on the worker): each one still listed and not read
        meanwhile goes in (one read since, or saved, is as new and stays)."""
        for tree in trees:
            if tree.plan.id in self._plans and tree.plan.id not in self._trees:
                self._trees[tree.plan.id] = tree

    def load(self, plan_ids: Iterable[str]) -> None:
        """Read the plans asked that are not read yet, in one read."""
        missing = [pid for pid in plan_ids if pid in self._plans and pid not in self._trees]
        if missing:
            for tree in self._load(missing):
                self._trees[tree.plan.id] = tree

    def load_all(self) -> dict[str, PlanTree]:
        self.load(list(self._plans))
        return {pid: self._trees[pid] for pid in self._plans if pid in self._trees}

    # ------------------------------------------------------------------ Mapping
    def __getitem__(self, plan_id: str) -> PlanTree:
        tree = self._trees.get(plan_id)
        if tree is None:
            if plan_id not in self._plans:
                raise KeyError(plan_id)
            self.load([plan_id])
            tree = self._trees[plan_id]
        return tree

    def __setitem__(self, plan_id: str, tree: PlanTree) -> None:
        self._plans.setdefault(plan_id, None)
        self._trees[plan_id] = tree

    def __delitem__(self, plan_id: str) -> None:
        del self._plans[plan_id]
        self._trees.pop(plan_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._plans))

    def __len__(self) -> int:
        return len(self._plans)

    def __contains__(self, plan_id: object) -> bool:
        return plan_id in self._plans

    def keys(self) -> KeysView[str]:  # dict(trees) asks keys() then each: read them all at once
        self.load_all()
        return KeysView(self)

    def values(self) -> ValuesView[PlanTree]:
        self.load_all()
        return ValuesView(self)

    def items(self) -> ItemsView[str, PlanTree]:
        self.load_all()
        return ItemsView(self)

    def update_trees(self, trees: Mapping[str, PlanTree]) -> None:
        """Plans read again (a save, a collection): each replaces the one in memory."""
        for pid, tree in trees.items():
            self[pid] = tree

    def __repr__(self) -> str:
        return f"PlanTrees({len(self._trees)} of {len(self._plans)} read)"
