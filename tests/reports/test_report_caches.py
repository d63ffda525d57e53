"""What the layouts keep to print faster never prints what another document or an earlier build
had: a line's encoded text is the document's own (its font subsets), a KPI row's texts the build's."""

from __future__ import annotations

import dataclasses
import functools
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_reading import line_with, page_texts, texts
from report_helpers import handout
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from benchmarks.scale import enlarge
from kodaira_desk.domain.values import Measured, format_value
from kodaira_desk.paths import resources_dir
from kodaira_desk.reports import kpi_table, pages, program_pages, program_year
from kodaira_desk.reports.common import MINCHO, register_fonts
from kodaira_desk.reports.typeset import draw_runs
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.reports import REPORT_KINDS
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


def _written_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sections written as before the trial's pages were drawn again: the chosen type size laid out
    once more, drawing as it goes."""
    def write_again(out: Path, sections: list[pages.Section], setup: pages.PageSetup, work: pages.Work) -> None:
        layout = pages._Layout(setup)
        cached = [functools.cache(s) for s in sections]
        scale = pages._chosen(layout, cached).scale
        layout.write(out, layout.story(cached, [scale] * len(cached)), work)

    monkeypatch.setattr(pages, "_write_sections", write_again)


@pytest.mark.parametrize(("kind", "plan_id", "copies"), [
    ("kpi", "strategy-2015", 1),  # set at 95 %: drawn from the second trial, not the first
    ("kpi", "strategy-2015", 2),
    ("program", "program-2021", 2),  # at 100 %: the first trial
    ("program-year", "program-2021", 1),
])
def test_a_report_drawn_from_its_trial_is_the_report_laid_out_again(
        report_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, plan_id: str,
        copies: int) -> None:
    tree = load_plan(report_db, plan_id)
    tree = enlarge(tree, copies) if copies > 1 else tree
    options = handout(plan_id, field_notes=True, status_column=kind == "kpi")
    if kind == "program-year":
        options = dataclasses.replace(options, as_of=program_year.report_year(tree, options))
    monkeypatch.setattr(rl_config, "invariant", 1)
    build = REPORT_KINDS[kind].build
    drawn = build(tree, options, tmp_path / "drawn.pdf", None).read_bytes()
    _written_again(monkeypatch)
    again = build(tree, options, tmp_path / "again.pdf", None).read_bytes()
    assert drawn == again


def test_a_program_value_changed_between_two_builds_is_printed_by_the_second(
        report_db: Database, tmp_path: Path) -> None:
    tree = load_plan(report_db, "program-2021")
    options = handout("program-2021")
    ind = next(i for i in tree.indicators if any(isinstance(v.value, Measured) for v in i.values))
    at, value = next((n, v) for n, v in enumerate(ind.values) if isinstance(v.value, Measured))
    first = program_pages.build(tree, options, tmp_path / "before.pdf")
    before = format_value(value.value, value.marks)
    assert before in texts(line_with(first, ind.name_with_marks[:8]))
    values = list(ind.values)
    values[at] = dataclasses.replace(value, value=Measured(Decimal(987654), value.value.unit))
    changed = dataclasses.replace(tree, indicators=tuple(
        dataclasses.replace(i, values=tuple(values)) if i.key == ind.key else i for i in tree.indicators))
    second = program_pages.build(changed, options, tmp_path / "after.pdf")
    row = texts(line_with(second, ind.name_with_marks[:8]))
    assert any(t.startswith("987,654") for t in row), row
    assert before not in row or before == "987,654"


class _CountedNotes(tuple):  # type: ignore[type-arg]
    """A plan's footnotes that count how often they are walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountedNotes.walks += 1
        return super().__iter__()


@pytest.mark.parametrize("kind", ["program", "program-year"])
def test_the_programs_notes_are_walked_once_per_pass_not_once_per_project(
        report_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """f586250 looked a project's notes up in every note of the plan (390 walks at ×10): the layouts
    read them by 施策 or project from one pass."""
    tree = load_plan(report_db, "program-2021")
    counted = dataclasses.replace(tree, footnotes=_CountedNotes(tree.footnotes))
    options = handout("program-2021")
    if kind == "program-year":
        options = dataclasses.replace(options, as_of=program_year.report_year(tree, options))
    passes = 0
    real = program_pages.ProgramReport.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal passes
        passes += 1
        real(self, *args, **kwargs)

    monkeypatch.setattr(program_pages.ProgramReport, "__init__", counting)
    _CountedNotes.walks = 0
    pdf = REPORT_KINDS[kind].build(counted, options, tmp_path / "program.pdf", None)
    assert "令和5年度までは介護保険事業特別会計で実施" in "".join(page_texts(pdf)).replace("\n", "")
    projects = sum(1 for n in tree.nodes if n.budget is not None)
    assert passes < projects
    assert _CountedNotes.walks <= 3 * passes, (_CountedNotes.walks, passes)
