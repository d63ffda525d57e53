"""Tree moves: any sequence keeps one well-formed tree with every node, moves each subtree whole."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Appearance, Node, Plan, PlanTree
from kodaira_desk.domain.numbering import next_number, renumbered
from kodaira_desk.domain.plan_structure import (
    Move,
    Structure,
    StructureError,
    moved,
    split_list,
    structure_of,
    subtree_keys,
)


def _tree(structure: Structure, base: PlanTree | None = None) -> PlanTree:
    plan = Plan("p", "計画", FiscalYear(2025), FiscalYear(2029), ("基本目標", "施策"), ())
    nodes = tuple(Node(p.key, "p", p.parent_key, p.depth, i, (Appearance("d", "main", "1", p.key),))
                  for i, p in enumerate(structure))
    return PlanTree(plan, nodes, (), (), ()) if base is None else replace(base, nodes=nodes)


def _start(n: int) -> PlanTree:
    from kodaira_desk.domain.plan_structure import Place

    places = [Place(f"g{i}", None, 1) for i in range(n)]
    return _tree(tuple(places))


def _well_formed(s: Structure) -> None:
    seen: dict[str, int] = {}
    for p in s:
        if p.parent_key is None:
            assert p.depth == 1
        else:
            assert p.parent_key in seen and p.depth == seen[p.parent_key] + 1
        seen[p.key] = p.depth


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 7), st.lists(st.tuples(st.integers(0, 6), st.sampled_from(list(Move))), max_size=25))
def test_any_moves_keep_a_tree(n: int, moves: list[tuple[int, Move]]) -> None:
    tree = _start(n)
    keys = {node.key for node in tree.nodes}
    for i, move in moves:
        key = f"g{i % n}"
        below = subtree_keys(tree, key)
        try:
            after = moved(tree, key, move)
        except StructureError:
            continue
        _well_formed(after)
        assert {p.key for p in after} == keys
        new = _tree(after)
        assert subtree_keys(new, key) == below  # the subtree moved whole, in its order
        if move in (Move.UP, Move.DOWN):
            assert new.node(key).parent_key == tree.node(key).parent_key
        tree = new
    assert structure_of(_tree(structure_of(tree))) == structure_of(tree)


def test_numbers_and_lists() -> None:
    assert renumbered(["③", "①", "②"]) == ["①", "②", "③"]
    assert renumbered(["No. 3", "No. 1"]) == ["No. 1", "No. 2"]
    assert renumbered(["（３）", "（１）"]) == ["（１）", "（２）"]
    assert next_number(["基本目標１", "基本目標２"]) == "基本目標３"
    assert split_list("基本目標／施策") == ("基本目標", "施策")
    assert split_list("市民協働・男女参画推進課、産業振興課") == ("市民協働・男女参画推進課", "産業振興課")


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 7), st.lists(st.tuples(st.integers(0, 6), st.integers(-1, 6), st.integers(0, 7)),
                                   max_size=20))
def test_any_drops_keep_a_tree(n: int, drops: list[tuple[int, int, int]]) -> None:
    from kodaira_desk.domain.plan_structure import placed

    tree = _start(n)
    for k, p, index in drops:
        key, parent = f"g{k % n}", (None if p < 0 else f"g{p % n}")
        below = subtree_keys(tree, key)
        try:
            after = placed(tree, key, parent, index)
        except StructureError:
            assert parent in below
            continue
        _well_formed(after)
        new = _tree(after)
        assert new.node(key).parent_key == parent
        assert subtree_keys(new, key) == below
        tree = new
