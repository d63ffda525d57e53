"""The handouts' tables: laid out once for a trial and its file, drawn with one text object each.

- A table's sizes depend only on the width offered (a Table, not a LongTable) and its parts only on
  the room offered, so both are kept: `write_sections` lays a report out for trial (in more than
  one type size) and then draws the chosen trial's pages with the same flowables. The sizes are
  reportlab's, worked out with fewer calls (table_sizes).
- reportlab draws each flowable cell in its own saved and translated state with its own text
  object; a handout's cells are text (typeset.Lines), so their lines are gathered while the table
  draws and set at the end in one text object (typeset.draw_runs), the same glyphs at the same
  places. Anything else in a cell (a nested table, a drawing) is drawn by reportlab as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from kodaira_desk.reports.cells import MINCHO, HandoutCell, cell_styles
from kodaira_desk.reports.table_sizes import calc_height
from kodaira_desk.reports.typeset import Lines, Run, draw_runs

GRID: Final = colors.HexColor("#444444")
HEAD_FILL: Final = colors.HexColor("#e4e4e4")


class QuickTable(Table):  # type: ignore[misc]  # reportlab is untyped
    """A Table that keeps its sizes and splits, and draws its text cells in one text object."""

    _sized_for: float | None = None
    _parts: dict[tuple[float, float], list[Flowable]] | None = None
    _runs: list[Run] | None = None  # the text of the cells, while the table draws

    def _calc(self, availWidth: float, availHeight: float) -> None:
        if self._sized_for != availWidth:
            super()._calc(availWidth, availHeight)
            self._sized_for = availWidth

    def _calc_height(self, availHeight: float, availWidth: float, H: object = None,
                     W: list[float] | None = None) -> None:
        calc_height(self, availHeight, availWidth, W)  # reportlab's, its cells of text measured directly

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        key = (availWidth, availHeight)
        if self._parts is None:
            self._parts = {}
        elif key in self._parts:
            return list(self._parts[key])
        parts = self._parts[key] = self._split(availWidth, availHeight)
        return list(parts)

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts

    def draw(self) -> None:
        self._runs = []
        try:
            super().draw()
            runs = self._runs
        finally:
            self._runs = None
        if runs:
            self.canv.saveState()  # the fill colour the text sets stays inside the table
            draw_runs(self.canv, runs)
            self.canv.restoreState()

    def _drawHLines(self, start: tuple[int, int], end: tuple[int, int], weight: float, color: object,
                    count: int, space: float) -> None:
        """reportlab's, each line's operators written at once (the same text `canvas.line` writes)."""
        if count != 1 or self._roundingRectDef:
            super()._drawHLines(start, end, weight, color, count, space)
            return
        sc, sr = start
        ec, er = end
        ecp = self._colpositions[sc:ec + 2]
        rp = self._rowpositions[sr:er + 1]
        if len(ecp) <= 1 or len(rp) < 1:
            return
        self._prepLine(weight, color)
        _rules(self.canv, ecp[0], ecp[-1], rp, getattr(self, "_hBlocks", {}), vertical=False)

    def _drawVLines(self, start: tuple[int, int], end: tuple[int, int], weight: float, color: object,
                    count: int, space: float) -> None:
        """reportlab's, each line's operators written at once (the same text `canvas.line` writes)."""
        if count != 1 or self._roundingRectDef:
            super()._drawVLines(start, end, weight, color, count, space)
            return
        sc, sr = start
        ec, er = end
        erp = self._rowpositions[sr:er + 2]
        cp = self._colpositions[sc:ec + 1]
        if len(erp) <= 1 or len(cp) < 1:
            return
        self._prepLine(weight, color)
        _rules(self.canv, erp[-1], erp[0], cp, getattr(self, "_vBlocks", {}), vertical=True)

    def _drawCell(self, cellval: object, cellstyle: CellStyle, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        runs = self._runs
        if runs is None:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if isinstance(cellval, str) and not cellval:
            return  # an empty cell (or one under a span): reportlab would still write an empty string
        if type(cellval) is Lines:
            one: Lines | None = cellval
        elif isinstance(cellval, (list, tuple)) and len(cellval) == 1 and type(cellval[0]) is Lines:
            one = cellval[0]
        else:
            one = None
        if one is not None and size[0] - cellstyle.leftPadding - cellstyle.rightPadding >= 0:
            _place_one(runs, one, cellstyle, pos, size)  # most cells: one paragraph
            return
        cells = tuple(cellval) if isinstance(cellval, (list, tuple)) else (cellval,)
        if (not cells or not all(isinstance(c, Lines) for c in cells)
                or size[0] - cellstyle.leftPadding - cellstyle.rightPadding < 0):  # (reportlab's error)
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        _place_cells(runs, cells, cellstyle, pos, size)


def _place_cells(runs: list[Run], cells: tuple[Lines, ...], cellstyle: CellStyle, pos: tuple[float, float],
                 size: tuple[float, float]) -> None:
    """Where reportlab's `_drawCell` puts a cell's paragraphs (the same arithmetic, in its order)."""
    colpos, rowpos = pos
    colwidth, rowheight = size
    avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
    widths, heights, h = _cell_geometry(cells, avail)
    valign = cellstyle.valign
    if valign == "TOP":
        y = rowpos + rowheight - cellstyle.topPadding
    elif valign == "BOTTOM":
        y = rowpos + cellstyle.bottomPadding + h
    else:
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
    y += cells[0].getSpaceBefore()
    just = cellstyle.alignment
    for cell, w, ch in zip(cells, widths, heights, strict=True):
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - w
        elif just in ("CENTRE", "CENTER"):
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - w) / 2.0
        else:
            raise ValueError(f"Invalid justification {just!a}")
        y -= cell.getSpaceBefore()
        y -= ch
        runs.append((cell.style, cell.placed(x, y)))
        y -= cell.getSpaceAfter()


def _place_one(runs: list[Run], cell: Lines, cellstyle: CellStyle, pos: tuple[float, float],
               size: tuple[float, float]) -> None:
    """`_place_cells` for a cell of one paragraph: the same arithmetic in the same order (what
    `_cell_geometry` sums for one paragraph), without the lists."""
    colpos, rowpos = pos
    colwidth, rowheight = size
    left, right = cellstyle.leftPadding, cellstyle.rightPadding
    w, ch = cell.wrap(colwidth - left - right, 0.0)
    before, after = cell.getSpaceBefore(), cell.getSpaceAfter()
    total = 0.0
    total += ch + after + before
    h = total - before - after
    valign = cellstyle.valign
    if valign == "TOP":
        y = rowpos + rowheight - cellstyle.topPadding
    elif valign == "BOTTOM":
        y = rowpos + cellstyle.bottomPadding + h
    else:
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
    y += before
    just = cellstyle.alignment
    if just == "LEFT":
        x = colpos + left
    elif just == "RIGHT":
        x = colpos + colwidth - right - w
    elif just in ("CENTRE", "CENTER"):
        x = colpos + (colwidth + left - right - w) / 2.0
    else:
        raise ValueError(f"Invalid justification {just!a}")
    y -= before
    y -= ch
    runs.append((cell.style, cell.placed(x, y)))


def _rules(canvas: Canvas, start: float, end: float, across: Sequence[float],
           blocks: dict[float, list[tuple[float, float]]], *, vertical: bool) -> None:
    """Lines from `start` to `end` at each of `across`, as reportlab's `_hLine` draws them with
    `canvas.line` (a vertical line from (x, start) to (x, end)), around the blocks of spanned cells
    in pieces. `fp_str(a, b)` is `fp_str(a) + " " + fp_str(b)`: each number's text is made once."""
    code = canvas._code
    fuzz = rl_config._FUZZ
    first, last = fp_str(start), fp_str(end)
    for at in across:
        a = fp_str(at)
        found = blocks.get(at) if blocks else None
        if not found or start >= found[-1][1] - fuzz or end <= found[0][0] + fuzz:
            code.append(f"n {a} {first} m {a} {last} l S" if vertical else f"n {first} {a} m {last} {a} l S")
            continue
        pieces: list[tuple[float, float]] = []  # reportlab's _hLine, its loop as it is
        scp, i, n = start, 0, len(found)
        while scp < end - fuzz and i < n:
            x0, x1 = found[i]
            if x1 <= scp + fuzz or x0 >= end - fuzz:
                i += 1
                continue
            i0 = max(scp, x0)
            if i0 > scp:
                pieces.append((scp, i0))
            scp = min(end, x1)
        if scp < end - fuzz:
            pieces.append((scp, end))
        for p0, p1 in pieces:
            code.append(f"n {a} {fp_str(p0)} m {a} {fp_str(p1)} l S" if vertical
                        else f"n {fp_str(p0)} {a} m {fp_str(p1)} {a} l S")


def _cell_geometry(cells: tuple[Lines, ...], avail: float) -> tuple[list[float], list[float], float]:
    """What reportlab's `_listCellGeom` works out for a cell of text: each paragraph's width and
    height as its `wrap` gives them at the cell's width, and the height they take together (the
    first one's space before and the last one's space after left out)."""
    widths: list[float] = []
    heights: list[float] = []
    total = 0.0
    for cell in cells:
        w, h = cell.wrap(avail, 0.0)
        widths.append(w)
        heights.append(h)
        total += h + cell.getSpaceAfter() + cell.getSpaceBefore()
    return widths, heights, total - cells[0].getSpaceBefore() - cells[-1].getSpaceAfter()


class HandoutTable(QuickTable):
    """A table that splits between rows where it can, and inside a row only where that leaves no
    sliver: with at least a third of the page left (or, as the last resort, on a fresh page)."""

    room: float = 0.0  # the full height of the page's frame; set by write_pdf
    split_in_rows: bool = True  # False for tables whose rows are short and must stay whole
    continuation: bool = False  # the rest of a split table, led by the repeated header rows
    # id() of the first cell of each row that never ends a page (a heading keeps to the row under
    # it); by content, so the parts of a split table know them too. Unlike NOSPLIT it lets a row
    # taller than a page be cut inside.
    keep_with_next: frozenset[int] = frozenset()

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:
        if not self.keep_with_next:
            found: int = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
            return found
        impossible: dict[int, int] = {}
        if self._spanCmds and not ignoreSpans:
            self._getRowImpossible(impossible, self._rowSpanCells, self._spanRanges)
        if self._nosplitCmds:
            self._getRowImpossible(impossible, self._rowNoSplitCells, self._nosplitRanges)
        height, split_at = 0.0, 0
        for n, row_height in enumerate(self._rowHeights, start=1):  # n: a split after row n - 1
            if height + row_height > availHeight:
                break
            if n not in impossible and _first_cell_id(self._cellvalues[n - 1]) not in self.keep_with_next:
                split_at = n
            height += row_height
        return split_at

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fresh_page = availHeight >= self.room * 0.95
        if self.continuation and not fresh_page:
            # The rest of a table split on this page: platypus offers it what is left of the same
            # page, where it would print the header again mid-page over a sliver of its first row.
            # It belongs at the top of the next page.
            return []
        self._calc(availWidth, availHeight)
        parts: list[Flowable] = self._splitRows(availHeight, doInRowSplit=0)
        if not parts and (fresh_page or (self.split_in_rows and availHeight >= self.room / 3)):
            parts = self._splitRows(availHeight, doInRowSplit=1)
        for i, part in enumerate(parts):
            part.room = self.room
            part.split_in_rows = self.split_in_rows
            part.keep_with_next = self.keep_with_next
            part.continuation = i > 0
        return parts


def _first_cell_id(row: Sequence[object]) -> int | None:
    """id() of a row's first cell's flowable (reportlab may have put it in a list of one)."""
    if not row:
        return None
    cell = row[0]
    if isinstance(cell, (list, tuple)):
        cell = cell[0] if cell else None
    return id(cell)


def data_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    repeat: int | tuple[int, ...] | None = None,
    style: Iterable[tuple[Any, ...]] = (),
    min_heights: Sequence[float] | None = None,
    cell: type[HandoutCell] = HandoutCell,
) -> HandoutTable:
    """A ruled table whose header rows (or the rows given by `repeat`) repeat on every page. The table
    never breaks before the first row after them, so headings stay with what follows. A row taller than
    what is left of the page is split inside the row (splitInRow), so no text is ever cut off."""
    table = HandoutTable(
        [list(r) for r in rows], colWidths=list(widths),
        repeatRows=header_rows if repeat is None else repeat,
        splitByRow=1, splitInRow=1, hAlign="LEFT", minRowHeights=list(min_heights) if min_heights else None,
        cellStyles=cell_styles(rows, cell),  # Mincho 8 (empty cells too: no unembedded font), top, padded
    )
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, GRID)]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    table.setStyle(TableStyle([*commands, *style]))
    return table


class Bar(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A heading the width of the frame in a one-cell table's place (a 施策's underlined title, a
    section's grey bar): its size and its drawing are those of `plain_table([[text]], [width], …)`
    with the paddings given, a fill and one rule — the same operators, in the same order, from the
    same arithmetic —, without a Table's making, styles, sizing and drawing (two thirds of the
    program layouts' tables were these). `rule`: ("below" | "before", its width)."""

    hAlign = "LEFT"
    vAlign = "MIDDLE"
    _TOP: Final = 3  # CellStyle's own paddings (plain_table sets none but these)
    _RIGHT: Final = 6

    def __init__(self, text: Lines, width: float, rule: tuple[str, float], *, left: float = 6,
                 bottom: float = 3, fill: colors.Color | None = None) -> None:
        super().__init__()
        self.text = text
        self.width = width
        self.rule = rule
        self.left = left
        self.bottom = bottom
        self.fill = fill
        self.height: float = 0
        self._sized_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._sized_for is None:  # as table_sizes sizes the cell: the width is the column's
            text = self.text
            _, lines = text.wrap(self.width - self.left - self._RIGHT, 0.0)
            before, after = text.getSpaceBefore(), text.getSpaceAfter()
            t = 0.0
            t += lines + after + before
            t = t - before - after
            t += self.bottom + self._TOP
            self.height = t if t > 0 else 0
            self._sized_for = self.width
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a table of one row does not split

    def getSpaceBefore(self) -> int:
        return 0

    def getSpaceAfter(self) -> int:
        return 0

    def draw(self) -> None:
        canvas = self.canv
        width, height = self.width, self.height
        canvas.saveState()  # Table.draw
        if self.fill is not None:  # BACKGROUND over the cell
            canvas.setFillColor(self.fill)
            canvas.rect(0, height, width, -height, stroke=0, fill=1)
        canvas.saveState()  # Table._drawLines, with a rule's default cap and join
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        side, weight = self.rule
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(weight)
        if side == "below":
            _rules(canvas, 0, width, [0], {}, vertical=False)
        else:
            _rules(canvas, 0, height, [0], {}, vertical=True)
        canvas.restoreState()
        canvas.restoreState()
        runs: list[Run] = []
        _place_one(runs, self.text, _BarCell(self.left, self.bottom), (0, 0), (width, height))
        canvas.saveState()  # QuickTable.draw's text
        draw_runs(canvas, runs)
        canvas.restoreState()


class _BarCell:
    """What `_place_one` reads of a bar's cell style (CellStyle's defaults, two paddings set)."""

    topPadding = 3
    rightPadding = 6
    valign = "BOTTOM"
    alignment = "LEFT"

    def __init__(self, left: float, bottom: float) -> None:
        self.leftPadding = left
        self.bottomPadding = bottom


def plain_table(rows: Sequence[Sequence[object]], widths: Sequence[float],
                style: Iterable[tuple[Any, ...]] = ()) -> Table:
    """An unruled table for placing things side by side (a heading and a note, a shaded bar)."""
    table = QuickTable([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), MINCHO, 8), *style]))
    return table


def spread(total: float, fixed: Sequence[float | None]) -> list[float]:
    """Column widths: the given ones, and what is left shared equally by the `None` ones."""
    free = [w for w in fixed if w is None]
    rest = total - sum(w for w in fixed if w is not None)
    share = rest / len(free) if free else 0.0
    return [share if w is None else w for w in fixed]
