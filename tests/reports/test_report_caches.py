"""What the layouts keep to print faster never prints what another document or an earlier build
had: a line's encoded text is the document's own (its font subsets), a KPI row's texts the build's."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_reading import line_with, page_texts, texts
from report_helpers import handout
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from kodaira_desk.domain.values import Measured, format_value
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import kpi_table
from kodaira_desk.reports.common import MINCHO, register_fonts
from kodaira_desk.reports.typeset import draw_runs
from kodaira_desk.services.plans import load_plan
from kodaira_desk.store.database import Database


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(Path(resources_dir()) / "fonts")


def _draw(path: Path, lines: list[str], *, together: bool = False) -> Path:
    """Each line in a text object of its own (each starts without a subset), or all in one (each
    starts in the subset the line before it ended in)."""
    canvas = Canvas(str(path))
    style = ParagraphStyle("t", fontName=MINCHO, fontSize=10, leading=13)
    placed = [(40.0, 800.0 - 13 * n, line) for n, line in enumerate(lines)]
    for run in [placed] if together else [[p] for p in placed]:
        draw_runs(canvas, [(style, run)])
    canvas.showPage()
    canvas.save()
    return path


def _kanji(count: int) -> list[str]:
    """`count` different characters the font has (more than one subset holds: 256 codes)."""
    font = pdfmetrics.getFont(MINCHO)
    return [chr(c) for c in range(0x4E00, 0x9FA0) if c in font.face.charToGlyph][:count]


def test_a_line_drawn_in_two_documents_reads_as_itself_in_each(tmp_path: Path) -> None:
    # the first document gives あ, い, う the first codes; the second gives them to か, お, え
    first = _draw(tmp_path / "a.pdf", ["あいう", "えおか", "あいう"])
    second = _draw(tmp_path / "b.pdf", ["かおえ", "うい", "あいう", "かおえ"])
    assert page_texts(first)[0].split() == ["あいう", "えおか", "あいう"]
    assert page_texts(second)[0].split() == ["かおえ", "うい", "あいう", "かおえ"]


def test_a_line_reads_the_same_after_a_line_of_another_subset(tmp_path: Path) -> None:
    many = _kanji(300)
    first = ["".join(many[n:n + 60]) for n in range(0, 240, 60)]  # codes 1 to ~245: the first subset
    across = "".join(many[240:270])  # the first subset's last codes, then the second's
    second = "".join(many[290:300])  # all in the second subset
    lines = [*first, across, second, many[0] + many[1], second, across, second]
    pdf = _draw(tmp_path / "subsets.pdf", lines, together=True)
    assert page_texts(pdf)[0].split() == lines


def test_a_value_changed_between_two_builds_is_printed_by_the_second(report_db: Database, tmp_path: Path) -> None:
    tree = load_plan(report_db, "strategy-2015")
    options = handout("strategy-2015")
    first = kpi_table.build(tree, options, tmp_path / "before.pdf")
    assert texts(line_with(first, "児童館の利用者数"))[1] == "109,367人"
    ind = next(i for i in tree.indicators if i.name == "児童館の利用者数")
    at = next(n for n, v in enumerate(ind.values) if format_value(v.value) == "109,367人")
    values = list(ind.values)
    values[at] = dataclasses.replace(values[at], value=Measured(Decimal(987654), "人"))
    changed = dataclasses.replace(tree, indicators=tuple(
        dataclasses.replace(i, values=tuple(values)) if i.key == ind.key else i for i in tree.indicators))
    second = kpi_table.build(changed, options, tmp_path / "after.pdf")
    assert texts(line_with(second, "児童館の利用者数"))[1] == "987,654人"
