"""Three-way merge: no edit is ever lost, conflicts only where both sides changed, and the order of
collection does not matter for departments that own different fields."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.merge import ConflictKind, three_way

KEYS = [f"value:p:i{i}:actual:2020:" for i in range(12)]
VALUES = st.one_of(st.none(), st.sampled_from(["1人", "2人", "3人", "-", "（※4）"]))
STATE = st.dictionaries(st.sampled_from(KEYS), VALUES)


def _final(master: dict[str, str | None], apply: dict[str, str | None]) -> dict[str, str | None]:
    return {**master, **apply}


@given(base=STATE, master_edits=STATE, dept_edits=STATE, owned=st.sets(st.sampled_from(KEYS)))
@settings(max_examples=400)
def test_no_edit_is_lost(base, master_edits, dept_edits, owned) -> None:  # type: ignore[no-untyped-def]
    master = {**base, **master_edits}
    dept = {**base, **dept_edits}
    plan = three_way(base, master, dept, lambda k: k in owned)
    final = _final(master, plan.apply)
    conflicts = {c.key: c for c in plan.conflicts}
    for key in set(base) | set(dept):
        b, m, d = base.get(key), master.get(key), dept.get(key)
        if d != b:  # the department changed it: it is in the master or recorded for a person
            assert final.get(key) == d or (key in conflicts and conflicts[key].department == d)
        if key in conflicts:
            c = conflicts[key]
            assert d != b
            if c.kind is ConflictKind.BOTH_CHANGED:
                assert m != b and m != d and key in owned
            else:
                assert key not in owned
            assert final.get(key) == m  # the master keeps its value until a person decides
        if m != b and key not in conflicts:  # the master's own change is never overwritten
            assert final.get(key) == m


@given(base=STATE, edits_a=STATE, edits_b=STATE)
@settings(max_examples=300)
def test_order_does_not_matter_for_separate_departments(base, edits_a, edits_b) -> None:  # type: ignore[no-untyped-def]
    owned_a = set(KEYS[:6])
    owned_b = set(KEYS[6:])
    dept_a = {**base, **{k: v for k, v in edits_a.items() if k in owned_a}}
    dept_b = {**base, **{k: v for k, v in edits_b.items() if k in owned_b}}

    def run(order: list[tuple[dict[str, str | None], set[str]]]) -> dict[str, str | None]:
        master = dict(base)
        for dept, owned in order:
            master = _final(master, three_way(base, master, dept, lambda k, o=owned: k in o).apply)
        return master

    assert run([(dept_a, owned_a), (dept_b, owned_b)]) == run([(dept_b, owned_b), (dept_a, owned_a)])


def test_same_change_on_both_sides() -> None:
    plan = three_way({"k": "1"}, {"k": "2"}, {"k": "2"}, lambda k: True)
    assert plan.apply == {} and plan.same == ("k",) and plan.conflicts == ()


def test_deleting_a_value_against_a_change_is_a_conflict() -> None:
    plan = three_way({"k": "1"}, {"k": "2"}, {}, lambda k: True)
    assert [(c.kind, c.master, c.department) for c in plan.conflicts] == [
        (ConflictKind.BOTH_CHANGED, "2", None)]
