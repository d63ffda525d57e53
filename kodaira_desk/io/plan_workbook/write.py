"""Writing a plan outline to a plan workbook."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.model import DepartmentLink, Role
from kodaira_desk.domain.plan_outline import PlanOutline
from kodaira_desk.io.atomic import atomic_path
from kodaira_desk.io.plan_workbook import template as t
from kodaira_desk.io.xlsx_save import save_workbook
from kodaira_desk.io.xlsx_sheet import FONT_NAME, clean_text, text_width

_BODY = Font(name=FONT_NAME, size=10)
_HEAD = Font(name=FONT_NAME, size=10, bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def links_text(links: Sequence[DepartmentLink], role: Role) -> str:
    return t.LIST_SEPARATOR.join(d.department for d in links if d.role is role)


class _Sheet:
    def __init__(self, ws: Worksheet, header: tuple[str, ...]) -> None:
        self.ws = ws
        self.widths = [text_width(h) + 2 for h in header]
        self.row = 0
        self.add(header, head=True)
        ws.freeze_panes = "A2"

    def add(self, cells: Sequence[str], *, head: bool = False, indent: dict[int, int] | None = None) -> None:
        self.row += 1
        for col, value in enumerate(cells, start=1):
            cell = self.ws.cell(row=self.row, column=col)
            if value:
                text = clean_text(value)
                cell.value = text
                cell.data_type = "s"  # text, never a formula, whatever it begins with
                if text.startswith(_RISKY_START):
                    cell.quotePrefix = True
                self.widths[col - 1] = max(self.widths[col - 1], min(60, text_width(text) + 2))
            cell.font = _HEAD if head else _BODY
            if head:
                cell.fill = _FILL
            elif indent and col in indent:
                cell.alignment = Alignment(indent=indent[col])

    def finish(self) -> None:
        for col, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width


def build_workbook(outline: PlanOutline) -> Workbook:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    p = outline.plan
    plan = _Sheet(wb.create_sheet(t.PLAN), t.PLAN_HEADER)
    for key, value in ((t.P_FORMAT, t.FORMAT), (t.P_ID, p.id), (t.P_TITLE, p.title),
                       (t.P_FROM, p.period_from.era_label()), (t.P_TO, p.period_to.era_label()),
                       (t.P_LEVELS, "／".join(p.levels)),
                       (t.P_KINDS, t.LIST_SEPARATOR.join(t.KIND_WORDS[k] for k in p.document_kinds)),
                       *_round_rows(outline)):
        plan.add((key, value))
    plan.finish()
    tree = _Sheet(wb.create_sheet(t.TREE), t.TREE_HEADER)
    depth: dict[str, int] = {}
    for n in outline.nodes:
        depth[n.key] = depth[n.parent_key] + 1 if n.parent_key else 1
        tree.add((n.key, n.parent_key or "", n.number, n.title, links_text(n.departments, Role.LEAD),
                  links_text(n.departments, Role.RELATED)), indent={4: depth[n.key] - 1})
    tree.finish()
    inds = _Sheet(wb.create_sheet(t.INDICATORS), t.INDICATOR_HEADER)
    values = _Sheet(wb.create_sheet(t.VALUES), t.VALUE_HEADER)
    for i in outline.indicators:
        inds.add((i.key, i.node_key, i.number or "", i.name, i.kind.value, i.unit,
                  t.YES if i.cumulative else "", i.part_of or "", links_text(i.departments, Role.LEAD),
                  links_text(i.departments, Role.RELATED), i.source or "", " ".join(i.marks)))
        for v in i.values:
            values.add((i.key, t.VALUE_KIND_WORDS[v.kind], v.year.era_label(), t.REVISION_WORDS[v.revision],
                        str(v.value), " ".join(v.marks), v.as_of or "", v.note or ""))
    inds.finish()
    values.finish()
    depts = _Sheet(wb.create_sheet(t.DEPARTMENTS), t.DEPARTMENT_HEADER)
    for d in outline.departments:
        depts.add((d.name, d.reading, d.code, d.email or ""))
    depts.finish()
    return wb


def _round_rows(outline: PlanOutline) -> list[tuple[str, str]]:
    """年次報告の階層 (a level's name, or なし) and 年次報告の内容 (進捗状況、実施内容、決算額、実績)."""
    r = outline.plan.round
    if r is None:
        return []
    level = outline.plan.levels[r.level - 1] if r.level and r.level <= len(outline.plan.levels) else t.NO_LEVEL
    return [(t.P_ROUND_LEVEL, level), (t.P_ROUND_ASKS, t.LIST_SEPARATOR.join(r.words()) or t.NO_LEVEL)]


def write_plan_workbook(outline: PlanOutline, out: Path) -> None:
    """Write the workbook; the file appears whole or not at all."""
    wb = build_workbook(outline)
    with atomic_path(out) as tmp:
        save_workbook(wb, tmp)
