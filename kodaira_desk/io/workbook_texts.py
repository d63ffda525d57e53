"""The narratives the committee handouts print beside their tables, on a worksheet of their own:
003's 達成状況の概要 per area, 004's 現状と課題 and 取組の方針・内容 per policy.

One row per text: the group it belongs to (as the document numbers and names it), which text it
is, and the text itself with its bullets and line breaks, as printed.
"""

from __future__ import annotations

from typing import Final

from openpyxl import Workbook

from kodaira_desk.domain.model import Document, DocumentKind, Node, PlanTree
from kodaira_desk.io.workbook_common import (
    Scope,
    document_info,
    end_sheet,
    filter_info,
    heading_text,
    row_nodes,
)
from kodaira_desk.io.xlsx_sheet import Col, Sheet

SHEET_NAME: Final = "概要・方針"
# (label, the document kind that prints it), in the order a reader meets them
NARRATIVES: Final = (
    ("達成状況の概要", DocumentKind.KPI_STATUS),
    ("現状と課題", DocumentKind.PROGRAM),
    ("取組の方針・内容", DocumentKind.PROGRAM),
)


def _texts(node: Node) -> list[tuple[str, str, str]]:
    """(label, document id, text) of the node's narratives."""
    labels = {label for label, _ in NARRATIVES}
    return [(t.label, t.document_id, str(t.text)) for t in node.texts if t.label in labels]


def has_narratives(tree: PlanTree) -> bool:
    return any(_texts(n) for n in tree.nodes)


def _document(tree: PlanTree) -> Document | None:
    for _, kind in NARRATIVES:
        doc = tree.document(kind)
        if doc is not None:
            return doc
    return None


def write_narratives(wb: Workbook, tree: PlanTree, scope: Scope) -> None:
    doc = _document(tree)
    order = [label for label, _ in NARRATIVES]
    rows = {n.key for n in tree.nodes if _texts(n) and scope.narrative(n)}
    sheet = Sheet(wb.create_sheet(SHEET_NAME), [Col("施策", 30), Col("区分", 14), Col("内容", 58)],
                  freeze_col=2)
    sheet.title(f"{tree.plan.title}　{SHEET_NAME}", [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node in row_nodes(sheet, tree, rows, doc):
        texts = sorted(_texts(node), key=lambda t: order.index(t[0]))
        r = sheet.row
        sheet.put(r, 1, heading_text(tree, node, doc), rows=len(texts))
        for i, (label, _, text) in enumerate(texts):
            sheet.put(r + i, 2, label)
            sheet.put(r + i, 3, text)
        sheet.row += len(texts)
    end_sheet(sheet, tree, rows, "記述")
