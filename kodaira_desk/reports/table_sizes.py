"""A handout table's row heights, as reportlab's `Table._calc_height` (reportlab 5.1) works them
out, in the same order and with the same arithmetic, and fewer calls.

reportlab measures every flowable cell through `_cellListProcess` (flattening it into a tuple),
`_listCellGeom` and each flowable's `wrapOn`, and looks each cell up in the lists of spanned
cells; at ×10 the tables' sizes were some 14 % of a report's build. A cell of text (typeset.Lines,
alone or a few together) is measured here directly: its lines at the cell's width, their height,
the spaces before and after them, summed as `_listCellGeom` sums them. Any other cell (a drawing,
a nested table, a cell too narrow for its padding) goes through reportlab's own calls, and a cell
is put back into the table as reportlab leaves it (`_ExpandedCellTuple`), so what draws and splits
the table later finds what it always found.
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.lib.utils import rl_warn
from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tables import _calc_pc, _ExpandedCellTuple, spanFixDim

from kodaira_desk.reports.typeset import Lines

_AVAIL_HEIGHT = 72000  # what `_listCellGeom` offers a cell's flowables by default


def calc_height(table: Table, availHeight: float, availWidth: float, W: list[float] | None = None) -> None:
    """`Table._calc_height`: the table's row heights, row positions, height and `_hmax`."""
    H = table._argH
    if not W:
        W = _calc_pc(table._argW, availWidth)
    hmax = lim = len(H)
    if None in H:
        H0 = H
        H = H[:]
        table._rowHeights = H
        spans = _Spans(table)
        minRowHeights = table._minRowHeights
        spanCons: dict[tuple[int, int], float] = {}
        for i, fixed in enumerate(H0):
            if fixed is not None:
                continue
            h = _row_height(table, i, W, spans, spanCons)
            H[i] = max(minRowHeights[i], h) if minRowHeights else h
            if table._longTableOptimize:
                hmax = i + 1
                if spanCons and sum(H[:hmax]) > availHeight and hmax > max(x[1] for x in spanCons):
                    break  # reportlab stops once the rows fill the room and every span is complete
        if None not in H:
            hmax = lim
        if spanCons:
            spanFixDim(H0, H, spanCons)
    _row_positions(table, H, hmax)


class _Spans:
    """The table's spanned cells, as sets (reportlab keeps lists and searches them per cell), and
    the canvas's font as the sizing found it (reportlab sets each measured cell's font on the
    canvas and puts this one back)."""

    def __init__(self, table: Table) -> None:
        self.canv = getattr(table, "canv", None)
        self.saved: tuple[Any, Any, Any] = (self.canv._fontname, self.canv._fontsize, self.canv._leading) \
            if self.canv else (None, None, None)
        if table._spanCmds:
            self.rows = frozenset(table._rowSpanCells)
            self.cols = frozenset(table._colSpanCells)
            self.ranges: dict[tuple[int, int], Any] = table._spanRanges
            self.colpositions: list[float] = table._colpositions
        else:
            self.rows = self.cols = frozenset()
            self.ranges = {}
            self.colpositions = []


def _row_height(table: Table, i: int, W: list[float], spans: _Spans, spanCons: dict[tuple[int, int], float]) -> float:
    """The tallest cell of row `i` (a row-spanning cell's height goes to `spanCons` instead)."""
    V = table._cellvalues[i]
    S = table._cellStyles[i]
    canv = spans.canv
    h = 0  # int as reportlab has it: a row of skipped cells is 0
    for j, (v, s, w) in enumerate(list(zip(V, S, W, strict=False))):  # (lengths match)
        ji = j, i
        span = spans.ranges.get(ji, None)
        if ji in spans.rows and not span:
            continue  # occluded by a row span, or unreliable
        if isinstance(v, (tuple, list, Flowable)):
            cells = _text_cells(v)
            if cells is None:
                t = _generic_cell(table, V, j, i, v, s, w, span, spans)
                if t is None:
                    continue
            else:
                V[j] = cells
                if canv:  # reportlab sets the cell's font on the canvas while it measures the cell
                    canv._fontname, canv._fontsize, canv._leading = s.fontname, s.fontsize, \
                        s.leading or 1.2 * s.fontsize
                if ji in spans.cols:
                    if not span:
                        continue  # (and leaves the cell's font there)
                    w = max(spans.colpositions[span[2] + 1] - spans.colpositions[span[0]], w or 0)
                found = _text_height(cells, w, s)
                if found is None:
                    V[j] = v
                    t = _generic_cell(table, V, j, i, v, s, w, span, spans)
                    if t is None:
                        continue
                else:
                    if canv:
                        canv._fontname, canv._fontsize, canv._leading = spans.saved
                    t = found
        else:
            lines = ((v is not None and str(v)) or "").split("\n")
            t = (s.leading or 1.2 * s.fontsize) * len(lines)
        t += s.bottomPadding + s.topPadding
        if span:
            r0, r1 = span[1], span[3]
            if r0 != r1:
                x = r0, r1
                spanCons[x] = max(spanCons.get(x, t), t)
                t = 0
        if t > h:
            h = t
    return h


def _text_cells(v: object) -> _ExpandedCellTuple | None:
    """The cell as reportlab's `_cellListProcess` leaves it, when it holds only lines of text."""
    if type(v) is Lines:
        return _ExpandedCellTuple([v])
    if isinstance(v, (tuple, list)) and v and all(type(c) is Lines for c in v) and not hasattr(v, "tagType"):
        return v if isinstance(v, _ExpandedCellTuple) else _ExpandedCellTuple(list(v))
    return None


def _text_height(cells: tuple[Lines, ...], w: float | None, s: Any) -> float | None:
    """`_listCellGeom`'s height of text cells at the column's width (None: let reportlab do it)."""
    if not w:
        return None
    aW = w - s.leftPadding - s.rightPadding
    if aW < 0:
        return None  # reportlab's error (or warning)
    aH = _AVAIL_HEIGHT - s.topPadding - s.bottomPadding
    t = 0.0
    width = 0.0
    sb0 = None
    sa = 0.0
    for c in cells:
        vw, vh = c.wrap(aW, aH)
        sb = c.getSpaceBefore()
        sa = c.getSpaceAfter()
        width = max(width, vw)
        t += vh + sa + sb
        if sb0 is None:
            sb0 = sb
    if width + s.leftPadding + s.rightPadding > w:
        return None  # too wide: reportlab's check decides
    assert sb0 is not None
    return t - sb0 - sa


def _generic_cell(table: Table, V: list[Any], j: int, i: int, v: Any, s: Any, w: float | None, span: Any,
                  spans: _Spans) -> float | None:
    """A cell reportlab measures itself, as its `_calc_height` does (None: skipped, under a span)."""
    v = V[j] = table._cellListProcess(v, w, None)
    if w is None and not table._canGetWidth(v):
        raise ValueError(f"Flowable {v[0].identity()} in cell({i},{j}) can't have auto width\n{table.identity(30)}")
    canv = spans.canv
    if canv:
        canv._fontname, canv._fontsize, canv._leading = s.fontname, s.fontsize, s.leading or 1.2 * s.fontsize
    if (j, i) in spans.cols:
        if not span:
            return None
        w = max(spans.colpositions[span[2] + 1] - spans.colpositions[span[0]], w or 0)
    dW, t = table._listCellGeom(v, w or table._listValueWidth(v), s)
    if canv:
        canv._fontname, canv._fontsize, canv._leading = spans.saved
    dW = dW + s.leftPadding + s.rightPadding
    if dW > (w or 0) and rl_config.allowTableBoundsErrors & 5 != 1:  # by default (1) nothing is said
        too_wide = f"Flowable {v[0].identity(30)} too wide for cell({i},{j}) in\n{table.identity(30)}"
        if not rl_config.allowTableBoundsErrors & 1:
            raise LayoutError(too_wide)
        rl_warn(too_wide)
    return t  # type: ignore[no-any-return]


def _row_positions(table: Table, H: list[float], hmax: int) -> None:
    """The rows' positions from the bottom, summed as reportlab sums them (compensated)."""
    positions: list[float] = []
    table._rowpositions = positions
    height: float = 0  # ints as reportlab starts them (the bottom row's position prints as it did)
    c: float = 0
    for i in range(hmax - 1, -1, -1):
        positions.append(height)
        y = H[i] - c
        t = height + y
        c = (t - height) - y
        height = t
    positions.append(height)
    table._height = height
    positions.reverse()
    table._hmax = hmax
