"""The rules docs/reports.md promises, checked on every line of every report, with the city's data
(×1) and with every plan enlarged ten times (×10, benchmarks/scale.py), not on examples:

- 禁則: no line starts with a closing bracket, 、。・ー, a small kana or 々, and none ends with an
  opening bracket, wherever a paragraph breaks (a word too long for its line included);
- Latin words, numbers with their unit, katakana words, short bracketed phrases and department
  names are not split, unless the word is wider than the whole line;
- no text is set under 6 pt (every character of the file, as PDFium reads it: charts, heads and
  page numbers included).

Each line is recorded as it is drawn (`Lines.placed`), with the paragraph it belongs to and the
width it was set in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from benchmarks.bench_reports import YEAR, program_year_filled
from benchmarks.scale import enlarge
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import kpi_table, typeset
from kodaira_desk.reports.common import MIN_TYPE, ReportOptions, register_fonts
from kodaira_desk.reports.typeset import CANNOT_END, CANNOT_START, Lines, break_allowed
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import REPORT_KINDS, default_options
from kodaira_desk.store.database import Database

REPORTS = {  # name: (kind, plan, changes to the city document's options)
    "progress": ("progress", "strategy-2015", {}),
    "kpi": ("kpi", "strategy-2015", {}),
    "kpi-status-charts": ("kpi", "strategy-2015", {"status_column": True, "chart_pages": True}),
    "sheets": ("sheets", "restructuring", {}),
    "program": ("program", "program-2021", {}),
    "program-koreisha": ("program", "program-2021", {"department": "高齢者支援課"}),
    "progress-kyodo": ("progress", "strategy-2015", {"department": "市民協働・男女参画推進課"}),
    # issue 31: a program year as the round leaves it (benchmarks/bench_reports.program_year_filled)
    "program-year": ("program-year", "program-2021", {"as_of": YEAR}),
}


@dataclass(frozen=True)
class Paragraph:
    text: str
    keep: tuple[str, ...]
    font: str
    size: float
    width: float  # the body's width
    first_width: float  # the first line's
    lines: tuple[str, ...]


@pytest.fixture(scope="module")
def built(report_db: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Paragraph]]]:
    register_fonts(resources_dir() / "fonts")
    out_dir = tmp_path_factory.mktemp("every-line")
    found: dict[str, tuple[Path, list[Paragraph]]] = {}
    recorded: list[Paragraph] = []
    placed = Lines.placed

    def recording(self: Lines, x: float = 0.0, y: float = 0.0) -> list[tuple[float, float, str]]:
        out = placed(self, x, y)
        s = self.style
        body = self.width - s.leftIndent - s.rightIndent
        first = body - (s.firstLineIndent if self._first else 0.0)
        recorded.append(Paragraph(self.text, self.keep, s.fontName, s.fontSize, body, first,
                                  tuple(line for _, _, line in out)))
        return out

    Lines.placed = recording  # type: ignore[method-assign]
    try:
        for name, (kind, plan_id, changes) in REPORTS.items():
            options = dataclasses.replace(default_options(report_db, kind, plan_id), **changes)
            tree = load_plan(report_db, plan_id)
            if kind == "program-year":
                tree = program_year_filled(tree)
            for factor in (1, 10):
                recorded.clear()
                out = out_dir / f"{name}-x{factor}.pdf"
                _build(kind, enlarge(tree, factor) if factor > 1 else tree, options, out)
                found[f"{name} ×{factor}"] = (out, list(recorded))
    finally:
        Lines.placed = placed  # type: ignore[method-assign]
    return found


def _build(kind: str, tree: PlanTree, options: ReportOptions, out: Path) -> None:
    if kind == "kpi":
        kpi_table.build(tree, options, out)
    else:
        REPORT_KINDS[kind].build(tree, options, out, None)


def _boundaries(p: Paragraph) -> Iterator[tuple[str, int, str, str]]:
    """(paragraph text, index where the next line starts, the line before, the line after) of every
    break the layout made inside a paragraph (not at the text's own line breaks). A line is the text
    from where the one before ended, the spaces at the break dropped."""
    lines = iter(p.lines)
    for paragraph in p.text.split("\n"):
        end = len(paragraph.rstrip())
        pos, previous = 0, ""
        while True:
            line = next(lines)
            if previous:
                while pos < end and paragraph[pos].isspace():
                    pos += 1
            assert paragraph.startswith(line, pos), (paragraph, pos, line)
            if previous:
                yield paragraph, pos, previous, line
            pos += len(line)
            previous = line or " "
            if pos >= end:
                break
    assert next(lines, None) is None


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while word and at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _forced(p: Paragraph, text: str, at: int) -> bool:
    """A break the soft rules do not allow, made because the word around it is wider than a line."""
    allowed = break_allowed(text, p.keep)
    start = max((i for i in range(at) if allowed[i]), default=0)
    end = next((i for i in range(at + 1, len(text)) if allowed[i]), len(text))
    return stringWidth(text[start:end].strip(), p.font, p.size) > min(p.width, p.first_width) - 0.01


@pytest.mark.parametrize("name", [f"{n} ×{f}" for n in REPORTS for f in (1, 10)])
def test_every_break_keeps_the_rules(built: dict[str, tuple[Path, list[Paragraph]]], name: str) -> None:
    _, paragraphs = built[name]
    assert len(paragraphs) > 50
    breaks = 0
    problems: list[str] = []
    for p in paragraphs:
        for text, at, before, after in _boundaries(p):
            breaks += 1
            if after[0] in CANNOT_START or before[-1] in CANNOT_END:
                problems.append(f"禁則: {before}｜{after}")
            elif any(0 < at - i < len(word) for word in p.keep for i in _occurrences(text, word)):
                problems.append(f"a department's name split: {before[-8:]}｜{after[:8]}")
            elif not break_allowed(text, p.keep)[at] and not _forced(p, text, at):
                problems.append(f"a word split: {before[-8:]}｜{after[:8]}")
    assert breaks > 5
    assert problems == []


@pytest.mark.parametrize("name", [f"{n} ×{f}" for n in REPORTS for f in (1, 10)])
def test_no_text_under_6_points(built: dict[str, tuple[Path, list[Paragraph]]], name: str) -> None:
    path, paragraphs = built[name]
    assert min(p.size for p in paragraphs) >= MIN_TYPE
    pdf = pdfium.PdfDocument(path)
    try:
        small: list[str] = []
        for n in range(len(pdf)):
            text = pdf[n].get_textpage()
            for i in range(text.count_chars()):
                ch = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
                size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
                if ch.strip() and size < MIN_TYPE - 0.01:
                    small.append(f"page {n + 1} {ch!r} {size:.1f} pt")
    finally:
        pdf.close()
    assert small == []


def test_a_cut_word_still_keeps_the_two_rules() -> None:
    """コーディネ｜ーター (000 p10): a katakana word longer than its line is cut where no line
    starts with ー; 「市民協働・男女参画推進｜課」 is never cut in its own column."""
    register_fonts(resources_dir() / "fonts")
    text = "介護予防見守りボランティアコーディネーターの配置"
    for cells in range(6, 14):
        lines = typeset.break_lines(text, "IPAexMincho", 7.5, 7.5 * cells)
        assert "".join(lines) == text
        assert not any(line[0] in CANNOT_START for line in lines[1:]), lines
