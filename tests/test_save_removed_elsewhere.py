"""A save whose edits' indicator, item or plan was removed elsewhere since they were typed (the plan
editor in another window): the other edits are written in the same transaction, the orphaned ones
are named in the result (never written, never an audit row, never a "changed elsewhere" question),
and the plans come back as they now are. On each backend."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.editing import ProgressField, ValueCell
from kodaira_desk.services.plan_editing.indicators import remove_indicator
from kodaira_desk.services.plan_editing.structure import remove_node
from kodaira_desk.services.workspace import Workspace

P = "strategy-2015"
A = ValueKind.ACTUAL


def test_the_edits_whose_target_remains_are_saved_and_the_others_named(master: Path | str) -> None:
    mine = Workspace.open(master, create=False, actor="産業振興課 田中")
    other = Workspace.open(master, create=False, actor="政策課 山田")
    try:
        session = mine.load_plans()
        kept = ValueCell(P, "g1.a1.k1", A, 2020)
        gone = ValueCell(P, "g1.a1.k3", A, 2020)
        text = ProgressField(P, "g1.a1.m1", 2020, "narrative")
        stays = ProgressField(P, "g1.a1.m2", 2020, "narrative")
        session.put(kept, TypedValue(parse_value("12人"), ()))
        session.put(gone, TypedValue(parse_value("34区画"), ()))
        session.put(text, "・削除される項目の文章")
        session.put(stays, "・残る項目の文章")
        remove_indicator(other.db, P, "g1.a1.k3", actor=other.actor)
        remove_node(other.db, P, "g1.a1.m1", actor=other.actor)
        applied = mine.save_session()
        assert applied.saved is not None
        assert set(applied.saved.targets) == {kept, stays}
        assert dict(applied.saved.removed) == {gone: TypedValue(parse_value("34区画"), ()), text: "・削除される項目の文章"}
        assert not session.dirty  # nothing left that could never be saved
        tree = applied.trees[P]  # the plan as it now is
        assert not tree.has_node("g1.a1.m1") and all(i.key != "g1.a1.k3" for i in tree.indicators)
        now = other.load_plans().tree(P)
        assert str(now.progress_in("g1.a1.m2", FiscalYear(2020)).narrative) == "・残る項目の文章"  # type: ignore[union-attr]
        value = now.indicator("g1.a1.k1").value(A, FiscalYear(2020))
        assert value is not None and str(value.value) == "12人"
        with other.db.reading() as uow:
            typed = {e.field_key for e in uow.audit.entries(source="typed")}
        assert typed == {"value:strategy-2015:g1.a1.k1:actual:2020:", "progress:strategy-2015:g1.a1.m2:2020:narrative"}
    finally:
        mine.close()
        other.close()


def test_the_session_answers_for_a_field_whose_indicator_was_taken_away(master: Path | str) -> None:
    """The plans read again without the indicator (a look for others' writes): what is stored for
    its cell is nothing (the grid paints, Save hands its edit on), never a KeyError."""
    mine = Workspace.open(master, create=False)
    other = Workspace.open(master, create=False)
    try:
        session = mine.load_plans()
        gone = ValueCell(P, "g1.a1.k3", A, 2020)
        session.put(gone, TypedValue(parse_value("34区画"), ()))
        remove_indicator(other.db, P, "g1.a1.k3")
        fresh = other.load_plans().tree(P)
        assert session.removed_in({P: fresh}) == {P}
        session.trees.update({P: fresh})
        assert session.stored(gone) is None
        edits, stored = session.to_save()
        assert edits == {gone: TypedValue(parse_value("34区画"), ())} and stored == {gone: None}
    finally:
        mine.close()
        other.close()


def test_a_schedule_cell_and_a_cost_of_removed_items_are_named_too(master: Path | str) -> None:
    """The other kinds of field: a schedule row's cell (its row asked by position) and a 費用."""
    from kodaira_desk.services.editing import BudgetCell, ScheduleCell

    mine = Workspace.open(master, create=False)
    other = Workspace.open(master, create=False)
    try:
        session = mine.load_plans()
        kept = ScheduleCell("restructuring", "r.1.1.n1", 1, 2020)
        cell = ScheduleCell("restructuring", "r.1.1.n1", 0, 2020)
        cost = BudgetCell("program-2021", "p1.j1", 2022)
        session.put(kept, "検討")
        session.put(cell, "実施")
        session.put(cost, parse_value("1,200"))
        remove_node(other.db, "program-2021", "p1.j1")
        applied = mine.save_session()
        assert applied.saved is not None
        assert set(applied.saved.targets) == {kept, cell} and dict(applied.saved.removed) == {cost: parse_value("1,200")}
    finally:
        mine.close()
        other.close()
