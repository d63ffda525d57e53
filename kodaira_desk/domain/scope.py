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
