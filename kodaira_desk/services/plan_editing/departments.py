"""Departments (課): reading and code, and reorganisations effective from a fiscal year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kodaira_desk.domain.departments import (
    Department,
    DepartmentHistory,
    ReorganisationError,
    ReorganisationKind,
    apply,
    links_of,
    sort_departments,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, PlanTree
from kodaira_desk.domain.round_year import AddressError, addresses_text, parse_addresses
from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError, audit, editing
from kodaira_desk.services.rounds.common import now
from kodaira_desk.store.database import Database
from kodaira_desk.store.unit_of_work import UnitOfWork


def list_departments(db: Database, *, include_retired: bool = False) -> list[Department]:
    """Today's 課 in 五十音 order."""
    with db.reading() as uow:
        return sort_departments(uow.plans.departments(include_retired=include_retired))


def department_history(db: Database) -> DepartmentHistory:
    with db.reading() as uow:
        return uow.plans.history()


def plan_in_year(db: Database, plan_id: str, year: FiscalYear) -> PlanTree:
    """The plan with the department names of `year`: what a report for that year prints and
    which 課 a hand-out for that year goes to."""
    with db.reading() as uow:
        return uow.plans.history().plan_in(uow.plans.load_tree(plan_id), year)


def items_of_department(db: Database, name: str) -> list[tuple[str, str]]:
    """(item, label) of every node and indicator that has `name` among its departments today,
    for choosing where each goes in a split."""
    out: list[tuple[str, str]] = []
    with db.reading() as uow:
        for pid in uow.plans.plan_ids():
            tree = uow.plans.load_tree(pid)
            for item, links in links_of(tree).items():
                if any(d.department == name for d in links):
                    kind, _, key = item.split(":", 2)
                    label = (f"{tree.node(key).number} {tree.node(key).title}" if kind == "node"
                             else f"{tree.indicator(key).name}（指標）")
                    out.append((item, f"{tree.plan.title}: {label}"))
    return out


def save_department(db: Database, dept: Department, actor: str | None = None) -> PlanChange:
    """Add a 課 or change its reading and code."""
    name = dept.name.strip()
    if not name:
        raise PlanEditError("課の名前が空です。")
    try:
        email = None if dept.email is None else addresses_text(parse_addresses(dept.email))
    except AddressError as exc:
        raise PlanEditError(f"{name}: {exc.message}") from exc
    with editing(db) as uow:
        old = next((d for d in uow.plans.departments(include_retired=True) if d.name == name), None)
        new = Department(name, dept.reading.strip(), dept.code.strip(), email)
        uow.plans.put_department(new)
        audit(uow, f"department:{name}", [old.reading, old.code, old.email] if old else None,
              [new.reading, new.code, new.email if email is not None else (old.email if old else "")], actor)
    return PlanChange("", departments=(name,), inverse=old)


def _links(uow: UnitOfWork, plan_ids: list[str]) -> dict[str, tuple[DepartmentLink, ...]]:
    out: dict[str, tuple[DepartmentLink, ...]] = {}
    for pid in plan_ids:
        out.update(links_of(uow.plans.load_tree(pid)))
    return out


def _write_links(uow: UnitOfWork, relinked: Mapping[str, tuple[DepartmentLink, ...]]) -> None:
    trees: dict[str, PlanTree] = {}
    for item, links in relinked.items():
        kind, pid, key = item.split(":", 2)
        tree = trees.get(pid) or trees.setdefault(pid, uow.plans.load_tree(pid))
        if kind == "node":
            uow.plans.set_node_departments(replace(tree.node(key), departments=links))
        else:
            uow.plans.set_indicator_departments(pid, key, links)


def reorganise(db: Database, kind: ReorganisationKind, year: FiscalYear, sources: tuple[str, ...],
               targets: tuple[str, ...], assignments: Mapping[str, str] | None = None,
               readings: Mapping[str, str] | None = None, note: str = "",
               actor: str | None = None) -> PlanChange:
    """Rename, merge or split 課 from `year`: every item of every plan held by a source goes to
    its new 課 (a split: as `assignments` says, item → new 課, default the first), the old 課
    are kept as retired, and the history answers for earlier years. The inverse is the event id."""

    with editing(db) as uow:
        history = uow.plans.history()
        existing = [d.name for d in uow.plans.departments()]
        links = _links(uow, uow.plans.plan_ids())
        try:
            applied = apply(history, existing, links, kind, year, sources, targets, assignments, note)
        except ReorganisationError as exc:
            raise PlanEditError(exc.message) from exc
        _write_links(uow, applied.relinked)
        old = {d.name: d for d in uow.plans.departments(include_retired=True)}
        for t in targets:
            keep = old.get(t)
            uow.plans.put_department(Department(t, (readings or {}).get(t, keep.reading if keep else ""),
                                              keep.code if keep else ""))
        for src in sources:
            if src not in targets:
                d = old.get(src, Department(src))
                uow.plans.put_department(d, retired_from=year)
        event_id = uow.plans.add_event(applied.event, now(), actor)
        audit(uow, f"department-event:{event_id}", {"sources": list(sources)},
              {"kind": kind.value, "year": year.year, "targets": list(targets),
               "items": sorted(applied.relinked)}, actor)
    return PlanChange("", departments=(*sources, *targets), inverse=event_id)


def undo_reorganisation(db: Database, event_id: int, actor: str | None = None) -> PlanChange:
    """Take back the latest reorganisation: every relinked item gets its links of before."""
    with editing(db) as uow:
        if uow.plans.last_event_id() != event_id:
            raise PlanEditError("後から記録された再編があるため、この再編は元に戻せません。")
        ev = uow.plans.history().events[-1]
        _write_links(uow, ev.before)
        old = {d.name: d for d in uow.plans.departments(include_retired=True)}
        for src in ev.sources:
            uow.plans.put_department(old.get(src, Department(src)))
        for t in ev.targets:
            if t not in ev.sources:
                uow.plans.drop_department_if_unused(t)
        uow.plans.delete_event(event_id)
        audit(uow, f"department-event:{event_id}", {"kind": ev.kind.value}, "undone", actor)
    return PlanChange("", departments=(*ev.sources, *ev.targets))
