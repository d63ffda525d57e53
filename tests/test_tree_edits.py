"""An operation returns what it wrote and the plans brought up to date from it (issue 23), with no
second reading of the database. These hold that shortcut to the truth: for random typed edits of
every kind (values with marks and absences, statuses, 実施等状況, 決算額 and their reasons, costs, schedule cells, clearing
each), the plans made in memory equal the plans read back after the save, on both backends; the
save's own reading (only the edited fields) gives what reading every field gives; and a save or a
collection through the workspace returns exactly the fields that changed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import field_map
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import (
    BudgetCell,
    Content,
    ProgressField,
    ScheduleCell,
    Target,
    ValueCell,
    key_of,
    save_edits,
    settled_content,
)
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.tree_edits import with_edits
from kodaira_desk.services.workspace import Workspace

VALUES = ("1,234", "80.9%", "+600", "4以上", "約5,000", "1.40", "0", "-", "—", "（※4）", "365※", "12※1※2", None)
TEXTS = ("実施", "→", " 着手 ", "・一\n・二", "", None)
STATUSES = ("A", "B", " C", "", None)
SETTLED = ("8,120", "8,120千円", "0", "—", "1.5", None)


def _edit(trees: list[PlanTree], draw: st.DrawFn) -> tuple[Target, Content]:
    tree = draw(st.sampled_from(trees))
    year = draw(st.integers(tree.plan.period_from.year - 1, tree.plan.period_to.year + 1))
    pid = tree.plan.id
    kinds = ["progress"] + (["value"] if tree.indicators else [])
    kinds += ["cost"] if any(n.budget for n in tree.nodes) else []
    kinds += ["schedule"] if any(n.schedule and n.schedule.rows for n in tree.nodes) else []
    kind = draw(st.sampled_from(kinds))
    if kind == "value":
        ind = draw(st.sampled_from(tree.indicators))
        text = draw(st.sampled_from(VALUES))
        target: Target = ValueCell(pid, ind.key, draw(st.sampled_from(list(ValueKind))), year)
        if text is None:
            return target, None
        try:
            return target, read_entry(ind, text if text[-1] in "-—）%※" else text + ind.unit)
        except DomainError:  # a unit this indicator does not take: the grid refuses it too
            return target, read_entry(ind, "-")
    if kind == "progress":
        node = draw(st.sampled_from(tree.nodes))
        part = draw(st.sampled_from(("status", "narrative", "settled", "settled_note")))
        if part == "settled":  # a program year's 決算額 (issue 31)
            text = draw(st.sampled_from(SETTLED))
            return ProgressField(pid, node.key, year, part), None if text is None else settled_content(text)
        return ProgressField(pid, node.key, year, part), draw(st.sampled_from(STATUSES if part == "status" else TEXTS))
    if kind == "cost":
        node = draw(st.sampled_from(tree.nodes))  # with or without a budget of its own
        text = draw(st.sampled_from(("1,000", "—", "12,345", None)))
        return BudgetCell(pid, node.key, year), None if text is None else parse_value(text)
    node = draw(st.sampled_from([n for n in tree.nodes if n.schedule and n.schedule.rows]))
    assert node.schedule is not None
    row = draw(st.integers(0, len(node.schedule.rows) - 1))
    return ScheduleCell(pid, node.key, row, year), draw(st.sampled_from(TEXTS))


@st.composite
def _edits(draw: st.DrawFn, trees: list[PlanTree]) -> dict[Target, Content]:
    return dict(_edit(trees, draw) for _ in range(draw(st.integers(1, 12))))


class _Trees(list[PlanTree]):
    def __repr__(self) -> str:  # Hypothesis prints its arguments: not the whole city
        return f"<{len(self)} plans>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_plans_brought_up_to_date_in_memory_equal_the_plans_read_back(master: Path | str,
                                                                       data: st.DataObject) -> None:
    db = open_database(master, create=False)
    try:
        before = {t.plan.id: t for t in load_all(db)}
        edits = data.draw(_edits(_Trees(before.values())))
        save_edits(db, edits)
        after = {t.plan.id: t for t in load_all(db)}
        with db.reading() as uow:
            keys = [key_of(t) for t in edits]
            fields = uow.fields.all()
            assert uow.fields.current(keys) == {k: fields.get(k) for k in keys}
    finally:
        db.dispose()
    made = with_edits(before, edits)
    assert set(made) == {t.plan_id for t in edits}
    for pid, tree in made.items():
        assert tree == after[pid]
        assert field_map(tree) == field_map(after[pid])


def test_a_save_and_a_collection_return_exactly_what_changed(db_path: Path, tmp_path: Path) -> None:
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.editing import content_of, target_of

    ws = Workspace.open(db_path, create=False, actor="試験")
    try:
        trees = ws.load_plans().trees
        fields_before = {k: v for t in trees.values() for k, v in field_map(t).items()}
        key = "value:strategy-2015:g1.a1.k3:actual:2020:"
        target = target_of(key)
        ws.session.put(target, content_of(target, "370区画"))
        applied = ws.save_session()
        assert set(applied.changes.keys) == {key} and set(applied.trees) == {"strategy-2015"}
        assert field_map(applied.trees["strategy-2015"])[key] == "370区画"

        made = ws.handout(FiscalYear(2020), tmp_path / "配布", ["産業振興課"])
        clerk = Workspace.open(made[0].path, create=False)  # type: ignore[attr-defined]
        clerk.load_plans()
        clerk.session.put(target, content_of(target, "380区画"))
        clerk.save_session()
        clerk.close()
        applied = ws.collect([made[0].path], dict(ws.session.trees))  # type: ignore[attr-defined]
        assert set(applied.changes.keys) == {key}
        fields_after = {k: v for t in load_all(ws.db) for k, v in field_map(t).items()}
        assert {k for k in fields_after.keys() | fields_before.keys()
                if fields_after.get(k) != fields_before.get(k)} == {key}
        assert applied.trees["strategy-2015"] == next(t for t in load_all(ws.db) if t.plan.id == "strategy-2015")
    finally:
        ws.close()
