"""A handout table's row heights (reports/table_sizes.py) are reportlab's to the last bit, whatever
the cells hold (one or several paragraphs, plain strings, nothing, a nested table), however they span
and whatever room the page leaves — and laying the table out on a canvas leaves that canvas's font
as reportlab's own sizing leaves it."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from kodaira_desk.paths import resources_dir
from kodaira_desk.reports.cells import cell_styles
from kodaira_desk.reports.common import Styles, para, register_fonts
from kodaira_desk.reports.tables import QuickTable

register_fonts(resources_dir() / "fonts")
STYLES = Styles(8.5)
WORDS = ["成果指標", "地域における子育ての環境や支援への満足度（※）", "3,380人", "令和６年度", "—", "",
         "こだいら生活相談支援センターへの配置\n二行目", "ABC 1,234 千円"]


@st.composite
def _cell(draw: st.DrawFn) -> object:
    kind = draw(st.sampled_from(["para", "paras", "str", "empty", "none", "table", "list-empty"]))
    text = draw(st.sampled_from(WORDS))
    style = draw(st.sampled_from([STYLES.cell, STYLES.number, STYLES.section, STYLES.bullet, STYLES.head]))
    if kind == "para":
        return para(text, style)
    if kind == "paras":
        return [para(text, style), para(draw(st.sampled_from(WORDS)), STYLES.note_under)]
    if kind == "str":
        return text
    if kind == "table":
        return Table([[para(text, STYLES.cell)]], colWidths=[20])
    return {"empty": "", "none": None, "list-empty": []}[kind]


@st.composite
def _table(draw: st.DrawFn) -> tuple[list[list[object]], list[float], list[tuple[object, ...]], list[float] | None]:
    nrows = draw(st.integers(1, 6))
    ncols = draw(st.integers(1, 4))
    rows = [[draw(_cell()) for _ in range(ncols)] for _ in range(nrows)]
    widths = [draw(st.sampled_from([8.0, 30.0, 61.5, 120.0])) for _ in range(ncols)]
    style: list[tuple[object, ...]] = []
    for _ in range(draw(st.integers(0, 3))):
        c0, c1 = sorted(draw(st.integers(0, ncols - 1)) for _ in range(2))
        r0, r1 = sorted(draw(st.integers(0, nrows - 1)) for _ in range(2))
        style.append(("SPAN", (c0, r0), (c1, r1)))
    if draw(st.booleans()):
        style.append(("LEFTPADDING", (0, 0), (-1, -1), draw(st.sampled_from([0, 3, 40]))))
    heights = [draw(st.sampled_from([0.0, 12.0, 40.0])) for _ in range(nrows)] if draw(st.booleans()) else None
    return rows, widths, style, heights


def _sized(cls: type[Table], rows: list[list[object]], widths: list[float], style: list[tuple[object, ...]],
           heights: list[float] | None, room: float) -> tuple[object, ...]:
    table = cls([list(r) for r in rows], colWidths=widths, cellStyles=cell_styles(rows), minRowHeights=heights)
    table.setStyle(TableStyle(style))
    canvas = Canvas(io.BytesIO())
    canvas.setFont("IPAexGothic", 11)
    table.wrapOn(canvas, sum(widths), room)
    return (repr(table._rowHeights), repr(table._rowpositions), repr(table._height), table._hmax,
            (canvas._fontname, canvas._fontsize, canvas._leading),
            [[type(v).__name__ for v in row] for row in table._cellvalues])


@settings(max_examples=200, deadline=None)
@given(_table(), st.sampled_from([15.0, 60.0, 800.0]))
def test_a_tables_sizes_are_reportlabs(table: tuple[list[list[object]], list[float], list[tuple[object, ...]],
                                                    list[float] | None], room: float) -> None:
    rows, widths, style, heights = table
    try:
        theirs = _sized(Table, rows, widths, style, heights, room)
    except Exception as exc:  # a table reportlab refuses is refused alike
        refused = type(exc)
        try:
            _sized(QuickTable, rows, widths, style, heights, room)
        except refused:
            return
        raise AssertionError(f"reportlab refused it ({exc!r}), ours did not") from None
    assert _sized(QuickTable, rows, widths, style, heights, room) == theirs
