"""How a department's workbook looks: one font (the exports' ＭＳ ゴシック 10), yellow entry cells
unlocked, blue heads. Shared by the sheets (write.py) and the round's year's cells (year_cells.py)."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill, Protection

from kodaira_desk.io.xlsx_sheet import BODY

ENTRY_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
HEAD_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
VALUE = Alignment(horizontal="right", vertical="top")
BOLD = Font(name=BODY.name, size=BODY.sz, bold=True)
TITLE = Font(name=BODY.name, size=13, bold=True)
UNLOCKED = Protection(locked=False)

__all__ = ["BOLD", "ENTRY_FILL", "HEAD_ALIGN", "HEAD_FILL", "TITLE", "TOP", "UNLOCKED", "VALUE", "WRAP"]
