"""What the workbook's sheets share: which nodes and indicators a department's workbook keeps, and
how the document the sheet reproduces writes its numbers, names, years, departments and source.

Every field comes from the document the sheet reproduces (docs/reports.md): a node's number and
title as that document prints them (000 numbers its measures 1, 2… under their area), fiscal years
in the era in use on its date and, in 003's heads, a one-digit year in full width (令和２年度末).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kodaira_desk.domain.as_printed import writes_one_digit_fullwidth
from kodaira_desk.domain.era_text import era_date, fiscal_year_text
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    Document,
    DocumentKind,
    Indicator,
    Node,
    PlanTree,
    Role,
    display_number,
)
from kodaira_desk.domain.scope import DepartmentScope

if TYPE_CHECKING:  # openpyxl is loaded by the sheets that write, not by what reads the scope
    from kodaira_desk.io.xlsx_sheet import Sheet


# ----------------------------------------------------------------------------- plan structure
class Scope(DepartmentScope):
    """Which nodes and indicators go into the workbook: all, or one department's (domain.scope,
    the same rule as the window, the handout, the merge and the PDF)."""

    def node(self, node: Node) -> bool:
        return self.sees_node(node)

    def indicator(self, ind: Indicator) -> bool:
        return self.sees_indicator(ind)

    def narrative(self, node: Node) -> bool:
        """A group's narrative goes with the group: kept when the department has an item in it."""
        if self.department is None or self.node(node):
            return True
        return any(self.narrative(c) for c in self.tree.children(node.key))


def departments_text(links: tuple[DepartmentLink, ...], separator: str) -> str:
    """The departments as the document prints them: 004 joins leads with ／, 002 with 、, the lists
    put one per line; related ones follow in brackets."""
    lead = separator.join(d.department for d in links if d.role is Role.LEAD)
    related = "".join(f"（{d.department}）" for d in links if d.role is Role.RELATED)
    return lead + related


def year_head(year: FiscalYear, doc: Document | None, suffix: str = "年度") -> str:
    """A fiscal year as the document writes it: in the era in use on its date (平成32年度 in 2016),
    003's heads with a one-digit year in full width (令和２年度末)."""
    return fiscal_year_text(year, doc.date if doc is not None else None, suffix=suffix,
                            one_digit_fullwidth=writes_one_digit_fullwidth(doc))


def row_nodes(sheet: Sheet, tree: PlanTree, rows: set[str], doc: Document | None) -> Iterator[Node]:
    """The row nodes in printed order, the heading of each group above them written on the way."""
    for node, is_row in walk(tree, rows):
        if is_row:
            yield node
        else:
            sheet.heading(heading_text(tree, node, doc), node.depth)


def end_sheet(sheet: Sheet, tree: PlanTree, shown: object, what: str) -> None:
    """The sheet's last lines: 「（該当する{what}はありません）」 when nothing was `shown`, then its footer."""
    if not shown:
        sheet.note(f"（該当する{what}はありません）")
    sheet.finish(tree.plan.title)


def walk(tree: PlanTree, rows: set[str]) -> Iterator[tuple[Node, bool]]:
    """Nodes in printed order: (node, True) for a row, (node, False) for a heading above rows."""
    above: set[str] = set()
    for key in rows:
        parent = tree.node(key).parent_key
        while parent is not None and parent not in above:
            above.add(parent)
            parent = tree.node(parent).parent_key

    def visit(parent: str | None) -> Iterator[tuple[Node, bool]]:
        for n in tree.children(parent):
            if n.key in rows:
                yield n, True
            elif n.key in above:
                yield n, False
            if n.key in above:
                yield from visit(n.key)

    yield from visit(None)


def appearance(node: Node, doc: Document | None) -> tuple[str, str]:
    """(number, title) as the document prints them, else as the latest document does."""
    if doc is not None:
        for a in reversed(node.appearances):
            if a.document_id == doc.id:
                return a.number, a.title
    return node.number, node.title


def heading_text(tree: PlanTree, node: Node, doc: Document | None) -> str:
    number, title = appearance(node, doc)
    if number and title:
        level = tree.plan.level_name(node.depth)
        return f"{number}「{title}」" if level and number.startswith(level) else f"{number} {title}"
    return title or number


def node_number(tree: PlanTree, node: Node) -> str:
    """①－５ for measure 5 under area ③: for a plan no document prints (the outline sheet)."""
    parent = tree.node(node.parent_key).number if node.parent_key else None
    return display_number(node.number, parent)


def node_text(node: Node, label: str, doc: Document | None) -> str:
    if doc is not None:
        for t in reversed(node.texts):
            if t.label == label and t.document_id == doc.id:
                return str(t.text)
    found = node.text(label)
    return str(found) if found is not None else ""


def document_info(doc: Document | None) -> list[str]:
    if doc is None:
        return []
    parts = [f"出典: {doc.title}"]
    if doc.subtitle:
        parts.append(doc.subtitle)
    committee = doc.committee if doc.committee != doc.title else None
    boxed = doc.kind is DocumentKind.KPI_STATUS  # 003 writes 令和３年３月２９日（月）; 002 平成28年8月25日
    dated = era_date(doc.date, fullwidth=boxed, weekday=boxed) if doc.date else None
    meeting = " ".join(s for s in (committee, doc.handout, dated) if s)
    if meeting:
        parts.append(meeting)
    if doc.draft:
        parts.append("未定稿")
    return parts


def filter_info(scope: Scope) -> str:
    return f"担当課: {scope.department}（所管・関連の項目のみ）" if scope.department else ""


