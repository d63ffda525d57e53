"""The handout tables' cell defaults, set once per cell instead of by style commands.

reportlab applies every cell-style command (FONT, VALIGN, the paddings) cell by cell: six such
commands over the whole table were a fifth of a long report's layout time. A CellStyle subclass
carries the same values as class attributes, so a cell is made with them for free; the commands
that differ (a header's VALIGN, a column's ALIGN) still go through the table's style.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus.tables import CellStyle

MINCHO = "IPAexMincho"


class HandoutCell(CellStyle):  # type: ignore[misc]
    """What ("FONT", MINCHO, 8), ("VALIGN", "TOP") and the paddings 3/3/2/3 set on every cell."""

    fontname = MINCHO
    fontsize = 8
    leading = 8 * 1.2  # what reportlab's FONT command sets with no leading given
    leftPadding = 3
    rightPadding = 3
    topPadding = 2
    bottomPadding = 3
    valign = "TOP"


class RoomyCell(HandoutCell):
    """The progress list's cells: 000 prints its rows with more room above and below the text."""

    topPadding = 7
    bottomPadding = 8


def cell_styles(rows: Sequence[Sequence[object]], cell: type[HandoutCell] = HandoutCell) -> list[list[CellStyle]]:
    """One cell style per cell, named as reportlab names its own."""
    ncols = max((len(r) for r in rows), default=0)
    return [[cell(repr((i, j))) for j in range(ncols)] for i in range(len(rows))]
