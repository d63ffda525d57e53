"""The handouts' tables draw their text cells in one text object (reports/tables.py): every glyph
must land where reportlab's own Table puts it, in every alignment, and the page must look the same;
the collector pause around a build gives back the collector as it found it."""

from __future__ import annotations

import gc
import io
import re

import pdfplumber
import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from kodaira_desk.paths import resources_dir
from kodaira_desk.reports.cells import cell_styles
from kodaira_desk.reports.common import MINCHO, Styles, para, register_fonts
from kodaira_desk.reports.pages import collector_paused
from kodaira_desk.reports.tables import GRID, HandoutTable


def _rows(s: Styles) -> list[list[object]]:
    return [
        [para("成果指標", s.head), para("単位", s.head), para("令和６年度", s.head), ""],
        [para("地域における子育ての環境や支援への満足度（※）", s.cell), para("％", s.cell_center),
         [para("3,380", s.number), para("（令和元年度）", s.note_under)], para("右寄せ 1,234人", s.number)],
        ["", para("中央", s.cell_center), para("概略：こだいら生活相談支援センターへの配置", s.cell), ""],
        [para("・ 箇条書きの項目が二行にわたるときは字下げして続く", s.bullet), "", para("—", s.cell_center),
         para("縦中央", s.cell)],
    ]


def _style() -> list[tuple[object, ...]]:
    return [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("SPAN", (2, 2), (3, 2)),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("VALIGN", (3, 3), (3, 3), "BOTTOM"),
            ("ALIGN", (1, 1), (1, 1), "CENTER"), ("ALIGN", (3, 1), (3, 1), "RIGHT")]


def _pdf(table_class: type[Table], *, compress: bool = True) -> bytes:
    register_fonts(resources_dir() / "fonts")
    s = Styles(8.5)
    rows = _rows(s)
    table = table_class(rows, colWidths=[150, 60, 120, 90], cellStyles=cell_styles(rows),
                        minRowHeights=[0, 0, 0, 40])
    table.setStyle(TableStyle(_style()))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1, initialFontName=MINCHO,
                      pageCompression=int(compress)).build([table])
    return out.getvalue()


def _chars(pdf: bytes) -> list[tuple[str, float, float, str, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"].split("+")[-1],
                 round(c["size"], 2)) for c in doc.pages[0].chars]


def test_every_glyph_is_where_reportlabs_table_puts_it() -> None:
    ours, theirs = _chars(_pdf(HandoutTable)), _chars(_pdf(Table))
    assert "".join(c[0] for c in ours).count("満足度") == 1
    assert sorted(ours) == sorted(theirs)


def test_the_page_looks_the_same() -> None:
    def bitmap(pdf: bytes) -> bytes:
        doc = pypdfium2.PdfDocument(pdf)
        image = doc[0].render(scale=2).to_pil().convert("L")
        return image.tobytes()

    ours, theirs = bitmap(_pdf(HandoutTable)), bitmap(_pdf(Table))
    assert ours == theirs


def test_the_text_is_one_text_object_per_table() -> None:
    """A cell no longer costs a saved state, a translation and a text object of its own."""
    ours, theirs = _pdf(HandoutTable, compress=False), _pdf(Table, compress=False)
    assert len(re.findall(rb"(?m)^BT\b", ours)) == 1
    assert len(re.findall(rb"(?m)^BT\b", theirs)) > 10


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_pause_gives_back_what_it_found(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # a nested (or concurrent) build shares the pause
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError("a build that fails")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
