"""One answer to "is this item department D's?", used by the merge, the hand-out, the workbook
(and, to come, the window and the PDF).

Two questions, two words:
- **owns**: D may change it. A node D leads (or that every department, 各課, leads), but not the
  費用 a program planned for it (the division's, like targets); an indicator D leads, and of it only
  the clerk's kinds (actual, forecast) of the current revision.
- **sees**: it belongs on D's pages. What D owns, plus nodes and indicators D is linked to in any
  role (related departments too), and a node one of whose indicators D sees.

    scope = DepartmentScope(tree, "産業振興課")
    scope.owns_field("value:strategy-2015:g1.a1.k3:actual:2020:")   # True
    scope.sees_node(node); scope.sees_indicator(indicator)

`DepartmentScope(tree, None)` is everyone: it owns and sees everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.model import (
    ALL_DEPARTMENTS,
    DepartmentLink,
    Indicator,
    IndicatorKind,
    Node,
    PlanTree,
    Role,
    ValueKind,
)

# The indicator values a department's clerk fills in; targets and baselines are the division's.
CLERK_VALUE_KINDS = (ValueKind.ACTUAL, ValueKind.FORECAST)
_CLERK_KINDS = frozenset(k.value for k in CLERK_VALUE_KINDS)


def lead_departments(links: Iterable[DepartmentLink]) -> list[str]:
    """The 課 that lead (所管課), in the links' order; related 課 are left out."""
    return [d.department for d in links if d.role is Role.LEAD]


def field_owners(tree: PlanTree, key: FieldKey) -> list[str]:
    """The lead 課 of the item a field belongs to: an indicator's own (none when it names no 課),
    or the node's."""
    if key.kind == "value":
        return lead_departments(tree.indicator(key.item).departments)
    return lead_departments(tree.node(key.item).departments)


def answerable_for(tree: PlanTree, ind: Indicator) -> list[str]:
    """The 課 an indicator's entry is counted under (the board): its own lead 課, or, when it names
    no 課 at all, its node's lead 課 (may be empty)."""
    if ind.departments:
        return lead_departments(ind.departments)
    return lead_departments(tree.node(ind.node_key).departments) if tree.has_node(ind.node_key) else []


def departments_named(tree: PlanTree) -> set[str]:
    """Every 課 named by an item or an indicator of the plan, in any role (各課 included)."""
    return {d.department for n in tree.nodes for d in n.departments} | {
        d.department for i in tree.indicators for d in i.departments}


def departments_in_scope(tree: PlanTree) -> set[str]:
    """Departments that lead at least one item or indicator of the plan (not 各課 itself)."""
    out = {d.department for n in tree.nodes for d in n.departments if d.role is Role.LEAD}
    out |= {d.department for i in tree.indicators for d in i.departments if d.role is Role.LEAD}
    out.discard(ALL_DEPARTMENTS)
    return out


class DepartmentScope:
    """What `department` owns and sees in one plan (None: every department)."""

    def __init__(self, tree: PlanTree, department: str | None) -> None:
        self.tree = tree
        self.department = department
        self._subtree: dict[str, bool] = {}
        if department is None:
            self._led_nodes = frozenset(n.key for n in tree.nodes)
            self._led_indicators = frozenset(i.key for i in tree.indicators)
        else:
            self._led_nodes = frozenset(n.key for n in tree.nodes if n.is_handled_by(department))
            self._led_indicators = frozenset(
                i.key for i in tree.indicators
                if any(d.department == department and d.role is Role.LEAD for d in i.departments))

    # ---------------------------------------------------------------- owns: may change
    def owns_node(self, key: str) -> bool:
        return key in self._led_nodes

    def owns_indicator(self, key: str) -> bool:
        return key in self._led_indicators

    def fills_in(self, node: Node) -> bool:
        """The department has something of its own to fill in at this node: the node itself, or one
        of its indicators."""
        return self.owns_node(node.key) or any(self.owns_indicator(i.key) for i in self.tree.indicators_of(node.key))

    def owns_field(self, key: str) -> bool:
        """Whether the department may change the entry field with this key (domain.fields keys)."""
        try:
            fk = FieldKey.parse(key)
        except ValueError:
            return False
        if fk.plan_id != self.tree.plan.id:
            return False
        if fk.kind == "value":
            return fk.item in self._led_indicators and fk.part in _CLERK_KINDS and fk.revision == ""
        if fk.kind == "cost":  # the planned 費用: the division's (a project reports its 決算額)
            return False
        return fk.item in self._led_nodes

    # ---------------------------------------------------------------- sees: on its pages
    def _links(self, links: Iterable[DepartmentLink]) -> bool:
        return any(d.department in (self.department, ALL_DEPARTMENTS) for d in links)

    def linked(self, node: Node) -> bool:
        """The node names the department itself (lead or related, or 各課): its own item, not one
        it is on the pages of for a descendant's or an indicator's sake."""
        return self.department is None or self._links(node.departments)

    def sees_node(self, node: Node) -> bool:
        """The node is the department's (lead or related), or one of its indicators is."""
        if self.department is None:
            return True
        return self._links(node.departments) or any(
            self._links(i.departments) for i in self.tree.indicators_of(node.key))

    def _in_subtree(self, key: str) -> bool:
        if key not in self._subtree:
            node = self.tree.node(key)
            self._subtree[key] = self._links(node.departments) or any(
                self._in_subtree(c.key) for c in self.tree.children(key))
        return self._subtree[key]

    def sees_indicator(self, ind: Indicator) -> bool:
        """An indicator linked to the department (lead or related, or 各課). One without departments
        of its own is no department's (003 leaves 所管課 blank for composite indicators: they are
        in no department's handout), except an outcome indicator (004's 成果指標), which goes with
        its policy: seen when the department has an item at or under the policy's node."""
        if self.department is None:
            return True
        if ind.departments:
            return self._links(ind.departments)
        return (ind.kind is IndicatorKind.OUTCOME and self.tree.has_node(ind.node_key)
                and self._in_subtree(ind.node_key))
