"""The grids' column widths after a reset, from the font's metrics (issue 27).

`QTableView.resizeColumnsToContents` asks the delegate for every cell's size hint: through the
Python delegate that is its `initStyleOption` and some seven `data()` calls a cell, and a text
layout each, on the GUI thread after every selection (half of a slow one at ×10). A column only
needs its widest text: each cell's shown text (in the cell's own font when the model gives one:
an edited cell is bold) is measured with QFontMetrics, and the header's width is Qt's own
(`sectionSizeHint`), so the widths are what Qt's resize gives — never narrower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from kodaira_desk.ui.forms.grid_model import EntryGridModel

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
# A text's advance (QFontMetricsF, no layout) is within a pixel or two of its laid-out width
# (QFontMetrics.size: a space, rounding): a text this much narrower than a column cannot widen it.
_SLACK = 6
# a font's metrics (exact, quick), the advance of its widest ASCII glyph, and its key
Metrics = tuple[QFontMetrics, QFontMetricsF, float, str]


def content_widths(view: QTableView, columns: range | None = None, rows: range | None = None,
                   enough: Sequence[int] | None = None) -> list[int]:
    """The width each column of `view` (or each of `columns`) needs for its header and its cells'
    texts (what `resizeColumnsToContents` would set, measured without the delegate). With `rows`:
    what those rows' cells need (the header is not measured). With `enough` (a width per column):
    a cell whose text is clearly narrower than that is not measured exactly (the answer is then
    at most that width: for widening only)."""
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return []
    header = view.horizontalHeader()
    base = view.font()
    margin = _margin(view)
    plain_f = QFontMetricsF(base)
    # each font's metrics, exact and quick, and its widest ASCII glyph's advance
    plain: Metrics = (view.fontMetrics(), plain_f, _widest_ascii(plain_f, base.key()), base.key())
    fonts: dict[str, Metrics] = {}
    by_object: dict[int, Metrics] = {}
    measured = rows if rows is not None else range(model.rowCount())
    widths: list[int] = []
    grid = model if isinstance(model, EntryGridModel) else None
    columns = columns if columns is not None else range(model.columnCount())

    def metrics_of(font: QFont | None) -> Metrics:
        """A cell's font as the delegate takes it (what it sets, over the view's font), measured."""
        if font is None:
            return plain
        found = by_object.get(id(font)) if grid is not None else None  # (the grid's fonts are kept)
        if found is None:
            resolved = font.resolve(base)
            key = resolved.key()
            found = fonts.get(key)
            if found is None:
                quick = QFontMetricsF(resolved)
                found = fonts[key] = (QFontMetrics(resolved), quick, _widest_ascii(quick, key), key)
            by_object[id(font)] = found
        return found

    for n, column in enumerate(columns):
        widest = 0
        floor = enough[n] - margin if enough is not None else 0
        # the grid's own texts and fonts, a column at once, without the delegate's other roles
        looks = grid.texts_and_fonts(measured, column) if grid is not None else None
        if looks is not None and rows is not None and _narrow(looks, floor - _SLACK, metrics_of):
            widths.append(0)  # (a pasted block's column of short figures: no text measured, one pass)
            continue
        for at, row in enumerate(measured):
            if looks is not None:
                text, font = looks[at]
            else:
                index = model.index(row, column)
                text, font = index.data(_DISPLAY), None
                if text:
                    font = index.data(_FONT)
            if not text:
                continue
            text = str(text)
            # as the delegate takes it: what the cell's font sets, over the view's font
            fm, quick, wide, _key = metrics_of(font if isinstance(font, QFont) else None)
            if "\n" not in text:
                room = max(widest, floor) - _SLACK
                if text.isascii() and text.isprintable() and len(text) * wide < room:
                    continue  # at most its length times the widest ASCII glyph: narrower, not measured
                if quick.horizontalAdvance(text) < room:
                    continue  # clearly narrower (the exact measure, a text layout, costs 3–4 advances)
            # size(): the widest line of a text with line breaks
            widest = max(widest, fm.size(0, text).width())
        cells = widest + margin if widest else 0
        widths.append(max(cells, 0 if header.isHidden() or rows is not None else _header_hint(header, grid, column)))
    return widths


HINTS_KEPT = True  # the grids' header hints kept by text (off: Qt asked every time, as before)
_HINTS: dict[tuple[str, str, str, int], int] = {}  # (a head's text, font, style, sort mark) → Qt's hint


def _header_hint(header: QHeaderView, grid: EntryGridModel | None, column: int) -> int:
    """Qt's width for a column's head (`sectionSizeHint`), kept by its text for the grids (their
    heads are texts alone — no font, icon or size of their own — so the hint follows the text, the
    header's font and style): Qt asked the Python model four roles and the style measured the
    text again for every column of every item selected (issue 27)."""
    if grid is None or not HINTS_KEPT:
        return header.sectionSizeHint(column)
    text = grid.headerData(column, Qt.Orientation.Horizontal, _DISPLAY)
    style = header.style()
    key = (str(text), header.font().key(), f"{type(style).__name__} {style.name()}", int(header.isSortIndicatorShown()))
    found = _HINTS.get(key)
    if found is None:
        if len(_HINTS) > 1024:
            _HINTS.clear()
        found = _HINTS[key] = header.sectionSizeHint(column)
    return found


def _narrow(looks: Sequence[tuple[str, QFont | None]], room: float, metrics_of: Callable[[QFont | None], Metrics]) -> bool:
    """Whether every text of a column's cells is clearly narrower than `room`, asked of the whole
    column at once (a pasted block: 125 texts a column), without a text measured: each text of
    one line, and the longest no wider than its length times the widest of the column's
    characters — the widest ASCII glyph, and each other character measured once a font (a
    figure's unit: 人, ％). What the cell-by-cell loop skips, and more, in a few passes in C."""
    if room <= 0:
        return False
    by_font: dict[int, tuple[QFont | None, list[str]]] = {}
    for text, font in looks:
        found = by_font.get(id(font))
        if found is None:
            found = by_font[id(font)] = (font, [])
        found[1].append(text)
    for font, texts in by_font.values():
        joined = "".join(texts)
        if not joined.isprintable():  # (a line break: its lines are measured)
            return False
        _fm, quick, wide, key = metrics_of(font)
        if not joined.isascii():
            others = [c for c in set(joined) if not c.isascii()]
            if len(others) > 64:
                return False  # (a column of words, not figures: measured text by text)
            wide = max(wide, *(_advance(quick, key, c) for c in others))
        if max(map(len, texts)) * wide >= room:
            return False
    return True


_ADVANCES: dict[tuple[str, str], float] = {}  # (a font's key, a character) → its advance


def _advance(quick: QFontMetricsF, font_key: str, char: str) -> float:
    """A character's advance in the font of this key, measured once."""
    found = _ADVANCES.get((font_key, char))
    if found is None:
        if len(_ADVANCES) > 4096:
            _ADVANCES.clear()
        found = _ADVANCES[(font_key, char)] = quick.horizontalAdvance(char)
    return found


def _margin(view: QTableView) -> int:
    """The delegate's text margin (QCommonStyle's item view: the focus frame's margin + 1, each
    side) and the grid line (QTableView adds one pixel when it shows the grid)."""
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return margin + (1 if view.showGrid() else 0)


def fit_texts(view: QTableView, texts: Callable[[int], Iterable[tuple[str, bool]]], least: int, most: int,
              columns: Iterable[int] | None = None) -> None:
    """Every column (or each of `columns`) as wide as the texts `texts(column)` gives — each
    distinct (text, bold) once, as the model knows them without asking each cell (a board of 1,200
    rows repeats its counts) — and its header, kept within [least, most]: what `fit_columns` sets,
    from fewer measures."""
    header = view.horizontalHeader()
    bold = QFont(view.font())
    bold.setBold(True)
    metrics = {False: view.fontMetrics(), True: QFontMetrics(bold)}
    quick = {False: QFontMetricsF(view.font()), True: QFontMetricsF(bold)}
    margin = _margin(view)
    for column in range(header.count()) if columns is None else columns:
        advances = [(quick[b].horizontalAdvance(text), text, b) for text, b in texts(column) if text]
        most_advance = max((a for a, _text, _b in advances), default=0.0)
        widest = max((metrics[b].size(0, text).width() for a, text, b in advances  # the clearly narrower skipped
                      if a + _SLACK >= most_advance or "\n" in text), default=0)
        width = max(widest + margin if widest else 0, 0 if header.isHidden() else header.sectionSizeHint(column))
        header.resizeSection(column, min(max(width, least), most))


_WIDEST_ASCII: dict[str, float] = {}  # a font's key → the advance of its widest printable ASCII glyph


def _widest_ascii(metrics: QFontMetricsF, key: str) -> float:
    """The widest printable ASCII glyph's advance in the font of this key (measured once a font)."""
    wide = _WIDEST_ASCII.get(key)
    if wide is None:
        wide = _WIDEST_ASCII[key] = max(metrics.horizontalAdvance(chr(c)) for c in range(32, 127))
    return wide


def fit_columns(view: QTableView, least: int, most: int) -> None:
    """Every column as wide as its contents, kept within [least, most] (a longer text wraps or is
    shown whole in its tooltip, as before)."""
    header = view.horizontalHeader()
    for column, width in enumerate(content_widths(view)):
        header.resizeSection(column, min(max(width, least), most))


def grow_columns(view: QTableView, rows: range, columns: range, least: int, most: int) -> None:
    """The columns widened where a changed cell's text no longer fits: only the changed cells are
    measured (a typed cell, a pasted block), and a column is never narrowed (the grid does not jump
    while a clerk types)."""
    header = view.horizontalHeader()
    columns = range(columns.start, min(columns.stop, header.count()))
    enough = [header.sectionSize(column) for column in columns]
    for column, width in zip(columns, content_widths(view, columns, rows, enough), strict=True):
        wanted = min(max(width, least), most)
        if wanted > header.sectionSize(column):
            header.resizeSection(column, wanted)
