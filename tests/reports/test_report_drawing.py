"""The drawing shortcuts (reports/canvas.py, tables.Bar, the tables' rules and one-paragraph cells)
write the bytes reportlab's own calls wrote: each is switched back to reportlab's way and the
files compared whole, and each piece is checked against reportlab's on random input."""

from __future__ import annotations

import dataclasses
import io
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_helpers import handout
from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, pdfdocEnc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from benchmarks.scale import enlarge
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import canvas as report_canvas
from kodaira_desk.reports import pages, plan_sheets, program_pages, program_year, tables
from kodaira_desk.reports.common import GRID, HEAD_FILL, Styles, data_table, para, plain_table, register_fonts
from kodaira_desk.reports.typeset import Lines
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import REPORT_KINDS
from kodaira_desk.store.database import Database


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(Path(resources_dir()) / "fonts")


def _old_title(title: str, styles: Styles, width: float) -> Flowable:
    """policy_title as a one-cell table (before tables.Bar)."""
    return plain_table([[para(title, styles.title)]], [width], [
        ("LINEBELOW", (0, 0), (-1, -1), 1.5, GRID), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])


def _old_bar(label: str, styles: Styles, width: float) -> Flowable:
    """section_bar as a one-cell table (before tables.Bar)."""
    return plain_table([[para(label, styles.area)]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), HEAD_FILL), ("LINEBEFORE", (0, 0), (0, 0), 4, GRID),
    ])


def _reportlabs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut switched back to what it stands for."""
    monkeypatch.setattr(report_canvas.StackCanvas, "push_state_stack", Canvas.push_state_stack)
    monkeypatch.setattr(report_canvas.StackCanvas, "pop_state_stack", Canvas.pop_state_stack)
    monkeypatch.setattr(report_canvas.StackCanvas, "save", Canvas.save)
    monkeypatch.setattr(tables.QuickTable, "_drawHLines", Table._drawHLines)
    monkeypatch.setattr(tables.QuickTable, "_drawVLines", Table._drawVLines)
    monkeypatch.setattr(tables, "_place_one",
                        lambda runs, cell, style, pos, size: tables._place_cells(runs, (cell,), style, pos, size))
    monkeypatch.setattr(program_pages, "policy_title", _old_title)
    monkeypatch.setattr(program_pages, "section_bar", _old_bar)
    monkeypatch.setattr(pages._Layout, "_draw_running", _running_drawn_each_page)
    monkeypatch.setattr(plan_sheets.ScheduleBar, "drawOn", Flowable.drawOn)


def _running_drawn_each_page(layout: pages._Layout, canvas: Canvas, bottom: float) -> None:
    """The running head drawn again on every page (before its operators were kept per document)."""
    if layout.running is not None:
        layout.running.drawOn(canvas, pages.MARGIN, bottom)


@pytest.mark.parametrize(("kind", "copies", "notes"), [
    ("program", 1, True), ("program", 3, False), ("program-year", 2, True), ("sheets", 1, False), ("kpi", 1, True),
    ("progress", 2, True),
])
def test_every_shortcut_writes_the_bytes_reportlabs_calls_wrote(
        report_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, copies: int,
        notes: bool) -> None:
    plan_id = {"sheets": "restructuring", "kpi": "strategy-2015", "progress": "strategy-2015"}.get(kind, "program-2021")
    tree = load_plan(report_db, plan_id)
    tree = enlarge(tree, copies) if copies > 1 else tree
    options = handout(plan_id, field_notes=notes, status_column=kind == "kpi")
    if kind == "program-year":
        options = dataclasses.replace(options, as_of=program_year.report_year(tree, options))
    monkeypatch.setattr(rl_config, "invariant", 1)
    build = REPORT_KINDS[kind].build
    fast = build(tree, options, tmp_path / "fast.pdf", None).read_bytes()
    _reportlabs_own(monkeypatch)
    own = build(tree, options, tmp_path / "own.pdf", None).read_bytes()
    assert len(fast) > 10_000
    assert fast == own


def _drawn(flowable: Flowable, width: float) -> tuple[tuple[float, float], list[str]]:
    canvas = Canvas(io.BytesIO())
    size = flowable.wrapOn(canvas, width, 800)
    flowable.drawOn(canvas, 30, 40)
    return size, canvas._code


_TEXT = st.text(alphabet="施策の推進と市民協働・男女参画（令和５年度）ABC 123、。ー「」", min_size=1, max_size=90)


@settings(max_examples=60, deadline=None)
@given(text=_TEXT, base=st.sampled_from([8.5 * s for s in (1.0, 0.95, 0.9, 0.85, 0.8)]),
       width=st.floats(min_value=120, max_value=600))
def test_a_bar_is_sized_and_drawn_as_its_one_cell_table(text: str, base: float, width: float) -> None:
    styles = Styles(base)
    assert _drawn(program_pages.policy_title(text, styles, width), width) == _drawn(_old_title(text, styles, width), width)
    assert _drawn(program_pages.section_bar(text, styles, width), width) == _drawn(_old_bar(text, styles, width), width)
    bar = program_pages.section_bar(text, styles, width)
    assert bar.split(width, 1) == [] and bar.getSpaceBefore() == 0 and bar.getSpaceAfter() == 0


def _spanned_table(rng: random.Random) -> tables.QuickTable:
    cols, rows = rng.randint(1, 6), rng.randint(1, 9)
    style: list[tuple[object, ...]] = []
    for _ in range(rng.randint(0, 4)):
        c0, r0 = rng.randrange(cols), rng.randrange(rows)
        style.append(("SPAN", (c0, r0), (rng.randint(c0, cols - 1), rng.randint(r0, rows - 1))))
    if rng.random() < 0.5:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 1.5, GRID))
    if rng.random() < 0.5:
        style.append(("LINEBEFORE", (0, 0), (0, -1), 4, GRID))
    cells = [[para(f"{r}-{c}" * rng.randint(1, 12), Styles().cell) for c in range(cols)] for r in range(rows)]
    return data_table(cells, [rng.uniform(20, 90) for _ in range(cols)], header_rows=rng.randint(0, 1), style=style)


@pytest.mark.parametrize("seed", range(40))
def test_a_tables_rules_are_reportlabs(seed: int) -> None:
    """Spanned cells break the lines into pieces: the same pieces, the same operators."""
    table = _spanned_table(random.Random(seed))
    codes = []
    for hlines, vlines in ((tables.QuickTable._drawHLines, tables.QuickTable._drawVLines),
                           (Table._drawHLines, Table._drawVLines)):
        canvas = Canvas(io.BytesIO())
        table.wrapOn(canvas, 600, 800)
        table.canv = canvas
        table._curweight = table._curcolor = None
        table._roundingRectDef = None
        table._drawHLines = hlines.__get__(table)  # type: ignore[attr-defined]
        table._drawVLines = vlines.__get__(table)  # type: ignore[attr-defined]
        table._drawLines()
        codes.append(canvas._code)
    assert codes[0] == codes[1]
    assert sum(1 for c in codes[0] if c.endswith(" l S")) >= 2


def test_the_saved_state_is_reportlabs() -> None:
    ours, theirs = report_canvas.StackCanvas(io.BytesIO()), Canvas(io.BytesIO())
    for canvas in (ours, theirs):
        canvas.setFont("IPAexGothic", 12)
        canvas.saveState()
        canvas.setFillColor(HEAD_FILL)
        canvas.translate(3, 4)
        canvas.saveState()
        canvas.setFont("IPAexMincho", 7, 9)
        canvas.setLineWidth(3)
        canvas.restoreState()
        assert canvas._fontname == "IPAexGothic" and canvas._lineWidth != 3
        canvas.restoreState()
    state = Canvas.STATE_ATTRIBUTES
    assert [repr(getattr(ours, a)) for a in state if a != "_extgstate"] == \
        [repr(getattr(theirs, a)) for a in state if a != "_extgstate"]
    assert ours._code == theirs._code and ours.state_stack == theirs.state_stack == []


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=3000))
def test_a_pages_ascii85_bytes_are_what_pdfdoc_encoding_makes(data: bytes) -> None:
    assert report_canvas.printable_ascii_is_itself()
    assert report_canvas._Base85Bytes.encode(data) == pdfdocEnc(PDFBase85Encode.encode(data))


def test_a_line_of_lines_is_placed_as_before() -> None:
    """A cell of one paragraph (_place_one) and the general road (_place_cells) agree."""
    style = Styles(7.3)
    for align in (style.cell, style.number, style.cell_center, style.footnote):
        cell = Lines("令和５年度の実績（見込）\n1,234,567 千円", align)
        for valign in ("TOP", "MIDDLE", "BOTTOM"):
            cellstyle = tables.HandoutCell("c")
            cellstyle.valign = valign
            one: list[tables.Run] = []
            many: list[tables.Run] = []
            tables._place_one(one, cell, cellstyle, (12.5, 100.25), (80.3, 40.7))
            tables._place_cells(many, (cell,), cellstyle, (12.5, 100.25), (80.3, 40.7))
            assert one == many
