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

from reportlab.lib import colors
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

    def _drawCell(self, cellval: object, cellstyle: CellStyle, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        runs = self._runs
        if runs is None:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if isinstance(cellval, str) and not cellval:
            return  # an empty cell (or one under a span): reportlab would still write an empty string
        cells = tuple(cellval) if isinstance(cellval, (list, tuple)) else (cellval,)
        if not cells or not all(isinstance(c, Lines) for c in cells):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        # where reportlab's _drawCell puts a cell's flowables (the same arithmetic, in its order)
        colpos, rowpos = pos
        colwidth, rowheight = size
        avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
        if avail < 0:  # reportlab's own error
            super()._drawCell(cellval, cellstyle, pos, size)
            return
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
