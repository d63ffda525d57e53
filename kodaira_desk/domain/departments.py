"""Departments (課) and their reorganisations, effective from a fiscal year.

The links stored on nodes and indicators always name the departments as they are now (after the
latest reorganisation). The history walks back from there: `links_in(item, now, year)` is the one
answer to "which 課 held this item in FY X", so a report for an earlier year prints that year's
names and a hand-out for a later year goes to the departments of that year (`plan_in`).

An item is named "node:<plan>:<key>" or "indicator:<plan>:<key>".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ALL_DEPARTMENTS, DepartmentLink, PlanTree, Role


class ReorganisationError(DomainError):
    """A reorganisation that cannot be applied (unknown 課, a name already taken, …)."""


class ReorganisationKind(Enum):
    RENAME = "rename"  # 名称変更
    MERGE = "merge"  # 統合: several into one
    SPLIT = "split"  # 分割: one into several, each item to one of them

    @property
    def label(self) -> str:
        return {"rename": "名称変更", "merge": "統合", "split": "分割"}[self.value]


@dataclass(frozen=True)
class Department:
    name: str
    reading: str = ""  # ひらがな, for 五十音 order
    code: str = ""
    # where the round's reminders (催促) go: addresses separated by ", " (issue 24). None: not
    # given (a plan workbook of an earlier version has no such column): the address stays as it is
    email: str | None = ""


@dataclass(frozen=True)
class Reorganisation:
    """One reorganisation effective from `year` (the first fiscal year of the new names).

    `before` keeps, for every item it relinked, the item's department links just before it, so
    the names of any earlier year are known exactly (a merge of two lead departments of one item
    leaves one link; the year before still shows both).
    """

    year: FiscalYear
    kind: ReorganisationKind
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    before: Mapping[str, tuple[DepartmentLink, ...]] = field(default_factory=dict)
    note: str = ""

    def describe(self) -> str:
        return (f"{self.year.era_label()}から{self.kind.label}: "
                f"{'・'.join(self.sources)} → {'・'.join(self.targets)}")

    def name_before(self, name: str) -> str:
        """A department name of the day after this event, as it was the day before (for items
        the event did not relink: those linked to a new department later)."""
        if name in self.targets and name not in self.sources:
            return self.sources[0]
        return name


def sort_departments(departments: Iterable[Department]) -> list[Department]:
    """五十音 order by reading (a department without a reading sorts by its name, after the rest)."""
    return sorted(departments, key=lambda d: (d.reading == "", d.reading or d.name, d.name))


Links = Mapping[str, tuple[DepartmentLink, ...]]  # item → its department links today


def dedupe(links: Iterable[DepartmentLink]) -> tuple[DepartmentLink, ...]:
    """One link per department: the first, a lead one when the department is lead anywhere."""
    out: list[DepartmentLink] = []
    for link in links:
        same = next((o for o in out if o.department == link.department), None)
        if same is None:
            out.append(link)
        elif same.role is not Role.LEAD and link.role is Role.LEAD:
            out[out.index(same)] = link
    return tuple(out)


@dataclass(frozen=True)
class DepartmentHistory:
    """Every reorganisation, oldest first."""

    events: tuple[Reorganisation, ...] = ()

    @property
    def last_year(self) -> FiscalYear | None:
        return self.events[-1].year if self.events else None

    def links_in(self, item: str, now: tuple[DepartmentLink, ...], year: FiscalYear
                 ) -> tuple[DepartmentLink, ...]:
        """The department links of `item` in `year`, given its links today."""
        links = now
        for ev in reversed(self.events):
            if ev.year <= year:
                break
            if item in ev.before:
                links = ev.before[item]
            else:
                links = dedupe(DepartmentLink(ev.name_before(d.department), d.role) for d in links)
        return links

    def name_in(self, now: str, year: FiscalYear) -> str:
        """The name in `year` of the department called `now` today (for items it holds, ask
        links_in: a split department's items went to different new ones)."""
        name = now
        for ev in reversed(self.events):
            if ev.year <= year:
                break
            name = ev.name_before(name)
        return name

    def departments_in(self, year: FiscalYear, now: Iterable[str]) -> set[str]:
        """The departments that existed in `year`, given those of today."""
        names = set(now)
        for ev in reversed(self.events):
            if ev.year <= year:
                break
            names -= set(ev.targets)
            names |= set(ev.sources)
        return names

    def plan_in(self, tree: PlanTree, year: FiscalYear) -> PlanTree:
        """The plan with every department link as it was in `year` (reports, hand-outs)."""
        if not any(ev.year > year for ev in self.events):
            return tree
        pid = tree.plan.id
        return replace(
            tree,
            nodes=tuple(replace(n, departments=self.links_in(f"node:{pid}:{n.key}", n.departments, year))
                        for n in tree.nodes),
            indicators=tuple(
                replace(i, departments=self.links_in(f"indicator:{pid}:{i.key}", i.departments, year))
                for i in tree.indicators),
        )


def links_of(tree: PlanTree) -> dict[str, tuple[DepartmentLink, ...]]:
    """Every item of a plan that has departments, with its links."""
    pid = tree.plan.id
    out = {f"node:{pid}:{n.key}": n.departments for n in tree.nodes}
    out.update({f"indicator:{pid}:{i.key}": i.departments for i in tree.indicators})
    return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class Applied:
    """A reorganisation with the links it rewrote (item → its links after it)."""

    event: Reorganisation
    relinked: dict[str, tuple[DepartmentLink, ...]]


def apply(history: DepartmentHistory, existing: Iterable[str], links: Links, kind: ReorganisationKind,
          year: FiscalYear, sources: tuple[str, ...], targets: tuple[str, ...],
          assignments: Mapping[str, str] | None = None, note: str = "") -> Applied:
    """Check a reorganisation against today's departments and work out the links it rewrites.

    Split: `assignments` names the new department of each item (default: the first one).
    """
    names = set(existing)
    last = history.last_year
    if last is not None and year < last:
        raise ReorganisationError(
            f"{last.era_label()}からの再編が記録済みです。"
            f"それより前の年度（{year.era_label()}）からの再編は記録できません。")
    for src in sources:
        if src not in names:
            raise ReorganisationError(f"課「{src}」はありません。")
        if src == ALL_DEPARTMENTS:
            raise ReorganisationError(f"「{ALL_DEPARTMENTS}」は再編できません。")
    if len(set(sources)) != len(sources) or len(set(targets)) != len(targets):
        raise ReorganisationError("同じ課が二度指定されています。")
    if any(not t.strip() for t in targets):
        raise ReorganisationError("新しい課の名前が空です。")
    shape_ok = {
        ReorganisationKind.RENAME: len(sources) == 1 and len(targets) == 1,
        ReorganisationKind.MERGE: len(sources) >= 2 and len(targets) == 1,
        ReorganisationKind.SPLIT: len(sources) == 1 and len(targets) >= 2,
    }[kind]
    if not shape_ok:
        raise ReorganisationError(f"{kind.label}には、元の課と新しい課の数が合いません。")
    for t in targets:
        if t in names and t not in sources:
            raise ReorganisationError(f"課「{t}」はすでにあります。別の名前にしてください。")
    given = dict(assignments or {})
    for item, t in given.items():
        if t not in targets:
            raise ReorganisationError(f"{item} の割り当て先「{t}」は新しい課ではありません。")
    relinked: dict[str, tuple[DepartmentLink, ...]] = {}
    before: dict[str, tuple[DepartmentLink, ...]] = {}
    for item, item_links in links.items():
        if not any(d.department in sources for d in item_links):
            continue
        to = given.get(item, targets[0]) if kind is ReorganisationKind.SPLIT else targets[0]
        relinked[item] = dedupe(
            DepartmentLink(to if d.department in sources else d.department, d.role) for d in item_links)
        before[item] = tuple(item_links)
    return Applied(Reorganisation(year, kind, sources, targets, before, note), relinked)


def departments_after(existing: Iterable[str], event: Reorganisation) -> list[str]:
    """Today's department names after `event`, in their order with new ones where the old stood."""
    out: list[str] = []
    for name in existing:
        if name in event.sources:
            for t in event.targets:
                if t not in out:
                    out.append(t)
        elif name not in out:
            out.append(name)
    return out
