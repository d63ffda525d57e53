"""Writing worksheets the way the city's tables look: cells, number formats, headers, print set-up.

The helpers under kodaira_desk.io.workbook. Every string goes in as text, never as a formula; a
figure goes in as a number whose number format shows it as printed. Row heights are estimated
from Excel's own metrics (column unit, font size), since LibreOffice does not fit rows to wrapped
text when it converts a file and neither application fits a merged cell.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.values import Absent, Measured, Value, format_value

FONT_NAME = "ＭＳ ゴシック"  # on every Japanese Windows; monospaced, so widths can be estimated
BODY = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
SMALL = Font(name=FONT_NAME, size=9)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
LEVEL_FILLS = {1: PatternFill("solid", fgColor="D9D9D9"), 2: PatternFill("solid", fgColor="F2F2F2")}
SPAN_FILL = PatternFill("solid", fgColor="E2EFDA")  # schedule: the years an item runs
_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TEXT = Alignment(horizontal="left", vertical="top", wrap_text=True)
INDENTED = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)
NUMBER = Alignment(horizontal="right", vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
PLAIN = Alignment(horizontal="left", vertical="top", wrap_text=False)

LINE_PT = 13.5  # one line of 10 pt ＭＳ ゴシック in Excel, with its leading
PAD_PT = 2.0
DIGIT_PX = 7  # Excel's column unit: the digit width of the default font (Calibri 11) at 96 dpi
MAX_ROW_PT = 409.0  # Excel's limit
MAX_CELL_CHARS = 32767  # Excel's limit
# Text Excel (or a user pressing F2, Enter) could take for a formula; also what CSV injection uses.
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
AUTHOR = "Kodaira Desk"


# ---------------------------------------------------------------------------------------- cells
def clean_text(text: str) -> str:
    """What a cell can hold: no control characters, line breaks as LF, at most 32,767 characters."""
    s = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return s if len(s) <= MAX_CELL_CHARS else s[: MAX_CELL_CHARS - 1] + "…"


def text_width(text: str) -> int:
    """Width in Excel's column units: full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _literal(text: str) -> str:
    """Text inside a number format, quoted; a double quote in it is escaped."""
    if not text:
        return ""
    return '\\"'.join(f'"{part}"' if part else "" for part in text.split('"'))


def number_format(value: Measured, marks: Iterable[str] = ()) -> str:
    """The Excel number format that displays `value` exactly as printed: 1.40 → '#,##0.00',
    109,367人 → '#,##0"人"', +1,170人 → '+#,##0"人";-#,##0"人"', 80.9% → '#,##0.0"%"'."""
    exponent = value.number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    body = "#,##0" + ("." + "0" * places if places else "")
    head = _literal(value.prefix)
    tail = _literal(value.unit + value.suffix + "".join(marks))
    if value.sign == "+":
        return f"{head}+{body}{tail};{head}-{body}{tail}"
    if value.sign in ("▲", "△"):
        return f"{head}{body}{tail};{head}{_literal(value.sign)}{body}{tail}"
    return f"{head}{body}{tail}"


def cell_number(value: Measured) -> int | float:
    """The number to store: an int when printed without decimals (Excel keeps doubles anyway)."""
    exponent = value.number.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value.number)
    return float(value.number)


@dataclass(frozen=True)
class Col:
    head: str
    width: float
    sub: str | None = None  # second header row: a year under its group head
    auto: bool = False  # widen to the content, up to max_width
    max_width: float = 18.0


@dataclass(frozen=True)
class _Wrapped:
    """Wrapped text in a cell (or merged cells), kept to size its rows once widths are final."""

    row: int
    col: int
    rows: int
    cols: int
    text: str
    font: Font


@dataclass
class Sheet:
    """One worksheet being written: title, header rows, data rows; heights and print set-up at
    the end."""

    ws: Worksheet
    cols: list[Col]
    freeze_col: int = 1  # columns left of this stay in view
    row: int = 1
    header_rows: tuple[int, int] = (0, 0)
    _wrapped: list[_Wrapped] = field(default_factory=list)
    _widths: dict[int, int] = field(default_factory=dict)

    @property
    def ncols(self) -> int:
        return len(self.cols)

    def put(self, row: int, col: int, value: object, *, font: Font = BODY, align: Alignment = TEXT,
            fmt: str | None = None, fill: PatternFill | None = None, comment: str | None = None,
            rows: int = 1, cols: int = 1, border: bool = True) -> None:
        cell = self.ws.cell(row=row, column=col)
        shown = ""
        if isinstance(value, str):
            text = clean_text(value)
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text begins with
            if text.startswith(_RISKY_START) or value.startswith(_RISKY_START):
                cell.quotePrefix = True  # and editing the cell in Excel keeps it text
            shown = text
        elif value is not None:
            cell.value = value
            shown = str(value)
        cell.font = font
        cell.alignment = align
        if fmt:
            cell.number_format = fmt
        if fill is not None:
            cell.fill = fill
        if comment:
            note = Comment(clean_text(comment), AUTHOR)
            note.width, note.height = 240, 90
            cell.comment = note
        if border:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    self.ws.cell(row=r, column=c).border = BOX
        if rows > 1 or cols > 1:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1,
                                end_column=col + cols - 1)
        if shown and cols == 1:
            widest = max(text_width(line) for line in shown.split("\n"))
            self._widths[col] = max(self._widths.get(col, 0), widest)
        if shown and align.wrap_text:
            self._wrapped.append(_Wrapped(row, col, rows, cols, shown, font))

    def put_value(self, row: int, col: int, value: Value, *, marks: Iterable[str] = (),
                  comment: str | None = None) -> None:
        """A printed value: a number that shows as printed, or an absence mark as text."""
        marks = tuple(marks)
        number, fmt, align = value_cell(value, marks)
        self.put(row, col, number, fmt=fmt, align=align, comment=comment)
        printed = format_value(value, marks if isinstance(value, Measured) else ())
        self._widths[col] = max(self._widths.get(col, 0), text_width(printed))

    def title(self, text: str, info: Iterable[str]) -> None:
        self.put(1, 1, text, font=TITLE, align=PLAIN, border=False)
        self.ws.row_dimensions[1].height = 21
        line = "　".join(s for s in info if s)
        if line:  # across the table and wrapped: a long source line is not cut off at the print area
            self.put(2, 1, line, font=SMALL, align=TEXT, cols=self.ncols, border=False)
        self.row = 3

    def header(self) -> None:
        """One header row, or two when some columns are years under a group head (実績 …)."""
        two = any(c.sub is not None for c in self.cols)
        first = self.row
        i = 0
        while i < self.ncols:
            col = self.cols[i]
            if two and col.sub is None:
                self.put(first, i + 1, col.head, font=BOLD, align=HEAD, fill=HEAD_FILL, rows=2)
                i += 1
                continue
            span = 1
            while (two and i + span < self.ncols and self.cols[i + span].sub is not None
                   and self.cols[i + span].head == col.head):
                span += 1
            self.put(first, i + 1, col.head, font=BOLD, align=HEAD, fill=HEAD_FILL, cols=span)
            if two:
                for j in range(i, i + span):
                    self.put(first + 1, j + 1, self.cols[j].sub or "", font=BOLD, align=HEAD,
                             fill=HEAD_FILL)
            i += span
        last = first + (1 if two else 0)
        for c, col in enumerate(self.cols, start=1):
            self._widths[c] = max(self._widths.get(c, 0), text_width(col.sub or col.head))
        self.header_rows = (first, last)
        self.row = last + 1

    def heading(self, text: str, depth: int) -> None:
        """A goal or area heading across the table, bold, as the printed lists group rows."""
        fill = LEVEL_FILLS.get(depth, LEVEL_FILLS[2])
        self.put(self.row, 1, text, font=BOLD, align=TEXT, fill=fill, cols=self.ncols)
        self.row += 1

    def note(self, text: str, *, bold: bool = False) -> None:
        """A line under the table (留意事項, footnotes), across all columns, without borders."""
        self.put(self.row, 1, text, font=BOLD if bold else SMALL, align=TEXT, cols=self.ncols,
                 border=False)
        self.row += 1

    def finish(self, plan_title: str) -> None:
        ws = self.ws
        widths: list[float] = []
        for c, col in enumerate(self.cols, start=1):
            width = col.width
            if col.auto:
                width = min(col.max_width, max(col.width, self._widths.get(c, 0) + 2))
            ws.column_dimensions[get_column_letter(c)].width = width
            widths.append(width)
        # Excel fits a row to its wrapped text when it opens the file, LibreOffice's converter
        # does not, and neither fits a merged cell: every row taller than a line gets a height.
        lines: dict[int, int] = {}
        merged: list[tuple[_Wrapped, int]] = []
        for w in self._wrapped:
            n = lines_needed(w.text, sum(widths[w.col - 1: w.col - 1 + w.cols]), w.font)
            if w.rows == 1:
                lines[w.row] = max(lines.get(w.row, 1), n)
            else:
                merged.append((w, n))
        for w, n in merged:  # a cell merged over rows: its last row takes what is missing
            missing = n - sum(lines.get(r, 1) for r in range(w.row, w.row + w.rows))
            if missing > 0:
                last = w.row + w.rows - 1
                lines[last] = lines.get(last, 1) + missing
        for r, n in lines.items():
            if n > 1:
                ws.row_dimensions[r].height = min(MAX_ROW_PT, n * LINE_PT + PAD_PT)
        first, last = self.header_rows
        if first:
            ws.freeze_panes = f"{get_column_letter(self.freeze_col)}{last + 1}"
            ws.print_title_rows = f"{first}:{last}"
        ws.print_area = f"A1:{get_column_letter(self.ncols)}{max(self.row - 1, 1)}"
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        margins = ws.page_margins
        margins.left = margins.right = 0.4
        margins.top, margins.bottom, margins.header, margins.footer = 0.6, 0.6, 0.3, 0.3
        ws.oddHeader.left.text = plan_title.replace("&", "&&")
        ws.oddHeader.left.size = 9
        ws.oddHeader.right.text = "&A"
        ws.oddHeader.right.size = 9
        ws.oddFooter.center.text = "&P / &N"
        ws.oddFooter.center.size = 9


def lines_needed(text: str, width: float, font: Font) -> int:
    """Lines `text` takes in a cell `width` units wide in Excel: full-width characters of ＭＳ
    ゴシック are as wide as the font size, half-width ones half of that."""
    px_per_pt = 96 / 72
    size = float(font.sz or 10)
    available = max(1.0, math.trunc(width * DIGIT_PX + 5) - 7)  # less margins and gridline
    total = 0
    for line in text.split("\n"):
        px = text_width(line) * size / 2 * px_per_pt
        # 3% for Japanese line breaking, which never starts a line with 。、）
        total += max(1, math.ceil(px * 1.03 / available))
    return total


def value_cell(value: Value, marks: Iterable[str] = ()) -> tuple[object, str | None, Alignment]:
    """(cell value, number format, alignment) for a printed value: numbers as numbers."""
    if isinstance(value, Measured):
        return cell_number(value), number_format(value, marks), NUMBER
    assert isinstance(value, Absent)
    return str(value), None, CENTER


