"""One answer to "is this department D's?" across the window, the handout and merge, the PDF and
the workbook, for every department of the city's data (issue 18).

Each consumer is asked through its own object: the window's tree filter (what a clerk or the
division sees with D chosen), the merge's owner rule (what a returned file may change), the
PDF's DepartmentFilter and the workbook's Scope. They must pick the same nodes and indicators,
and what a department may change must be on its pages."""

from __future__ import annotations

from typing import Any

import pytest

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.scope import DepartmentScope, departments_in_scope
from kodaira_desk.io.workbook import Scope as WorkbookScope
from kodaira_desk.reports.common import DepartmentFilter
from kodaira_desk.services.plans import load_all


@pytest.fixture(scope="module")
def trees(built_db_template: Any) -> list[PlanTree]:
    from kodaira_desk.services.database import open_database

    db = open_database(built_db_template, create=False)
    try:
        return load_all(db)
    finally:
        db.dispose()


def _cases(trees: list[PlanTree]) -> list[tuple[PlanTree, str]]:
    return [(t, d) for t in trees for d in sorted(departments_in_scope(t))]


def test_pdf_workbook_and_domain_pick_the_same_items(trees: list[PlanTree]) -> None:
    cases = _cases(trees)
    assert len(cases) == 40  # every department leading an item, in each plan it appears in
    for tree, dept in cases:
        scope, pdf, book = DepartmentScope(tree, dept), DepartmentFilter(tree, dept), WorkbookScope(tree, dept)
        for ind in tree.indicators:
            assert pdf.indicator(ind) == book.indicator(ind) == scope.sees_indicator(ind), (dept, ind.key)
        for node in tree.nodes:
            seen = scope.linked(node) or any(scope.sees_indicator(i) for i in tree.indicators_of(node.key))
            assert (pdf.own(node) or any(pdf.indicator(i) for i in tree.indicators_of(node.key))) == seen
            assert book.node(node) == scope.sees_node(node), (dept, node.key)


def test_what_a_department_may_change_is_on_its_pages(trees: list[PlanTree]) -> None:
    for tree, dept in _cases(trees):
        scope = DepartmentScope(tree, dept)
        owns = scope.owns_field
        for node in tree.nodes:
            if scope.owns_node(node.key):
                assert scope.linked(node), (dept, node.key)
        for ind in tree.indicators:
            key = f"value:{tree.plan.id}:{ind.key}:actual:2020:"
            if owns(key):
                assert scope.sees_indicator(ind), (dept, ind.key)


def test_the_window_shows_what_the_handout_prints(qtbot: Any, trees: list[PlanTree]) -> None:
    from kodaira_desk.ui.window.tree_filter import NodeFilter
    from kodaira_desk.ui.window.tree_model import PlanTreeModel

    by_id = {t.plan.id: t for t in trees}
    model = PlanTreeModel(by_id)
    proxy = NodeFilter()
    proxy.setSourceModel(model)
    for tree, dept in _cases(trees):
        proxy.set_department(dept)
        pdf = DepartmentFilter(tree, dept)
        for node in tree.nodes:
            idx = model.index_of(tree.plan.id, node.key)
            shown = proxy.mapFromSource(idx).isValid()
            # the window keeps a node for its own sake or, as a heading, for a descendant's,
            # exactly as the PDF keeps it
            assert shown == pdf.node(node), (dept, node.key)


def test_a_department_file_refuses_in_the_window_what_the_merge_would_not_apply(trees: list[PlanTree]) -> None:
    """Clerk mode (the workspace's session) locks a field exactly when the merge of the returned
    file would not apply a change to it, for every department, item and indicator."""
    from kodaira_desk.domain.model import ValueKind
    from kodaira_desk.services.editing import ProgressField, ValueCell, key_of
    from kodaira_desk.services.session import Session

    for tree, dept in _cases(trees):
        session = Session(dept, 2020)
        session.load([tree])
        merge_owns = DepartmentScope(tree, dept).owns_field
        for ind in tree.indicators:
            for kind in (ValueKind.ACTUAL, ValueKind.TARGET):
                target = ValueCell(tree.plan.id, ind.key, kind, 2020)
                assert (session.lock_of(target) is None) == merge_owns(key_of(target)), (dept, ind.key, kind)
        for node in tree.nodes:
            target = ProgressField(tree.plan.id, node.key, 2020, "status")
            assert (session.lock_of(target) is None) == merge_owns(key_of(target)), (dept, node.key)
