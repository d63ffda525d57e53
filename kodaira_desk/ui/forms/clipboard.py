"""Tab-separated text as spreadsheets put it on the clipboard, read and written.

Excel and LibreOffice write one row per line and a tab between cells, quoting a cell that holds a
tab, a line break or a double quote ("" inside). The csv module's excel-tab dialect reads exactly
that, so a cell with a line break in it stays one cell. Rows end at \n, \r\n or \r.
"""

from __future__ import annotations

import csv
import io
import re


def parse_tsv(text: str) -> list[list[str]]:
    """The block of cells in clipboard text; [] for nothing. Rows may differ in length."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends end rows too
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))
    while rows and not rows[-1]:
        # blank lines after the last row (a mail's or an editor's copy of one figure) are not empty
        # rows to clear: spreadsheets drop them too. A blank line between rows stays an empty row,
        # and a copied empty cell ("" or a row of tabs) is not a blank line.
        rows.pop()
    return [row if row else [""] for row in rows]


_QUOTED_CELL = re.compile(r'"((?:[^"]|"")*)"(?:\r\n|\n|\r)*', re.S)


def quoted_cell(text: str) -> str | None:
    """The text of one spreadsheet cell copied alone when the spreadsheet quoted it (a line break,
    a tab or a quote inside: 「"・1行目\n・2行目（""講座""）"\r\n」 → 「・1行目\n・2行目（"講座"）」);
    None for any other text, which a text box takes as it is (a quote a person typed stays)."""
    m = _QUOTED_CELL.fullmatch(text)
    if m is None:
        return None
    return m.group(1).replace('""', '"').replace("\r\n", "\n").replace("\r", "\n")


def is_block(text: str) -> bool:
    """Whether clipboard text is more than one cell (and so must not go into one cell's editor)."""
    block = parse_tsv(text)
    return len(block) > 1 or any(len(row) > 1 for row in block)


def format_tsv(rows: list[list[str]]) -> str:
    """Cells as text a spreadsheet pastes back into the same cells."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
