"""What every handout shares: options, fonts, the page (title, handout block, 未定稿, n / N), metadata,
paragraph styles and tables that repeat their header and never cut a long cell.

Build functions take a `progress(done, total)` callback (done out of total = 100, rising) and never import
Qt; the window runs them on a worker thread. To cancel, raise from the callback: nothing is left behind
(the service writes to a temporary file and only renames it when the build succeeds).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import io
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from kodaira_desk import __version__
from kodaira_desk.domain import era_text
from kodaira_desk.domain.era_text import fullwidth_digits
from kodaira_desk.domain.errors import FiscalYearError, ReportError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DepartmentLink,
    Indicator,
    Node,
    PlanTree,
    Role,
)
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.text import BlockKind, RichText
from kodaira_desk.reports.cells import MINCHO as _CELL_FONT
from kodaira_desk.reports.tables import GRID as GRID
from kodaira_desk.reports.tables import HEAD_FILL as HEAD_FILL
from kodaira_desk.reports.tables import HandoutTable as HandoutTable
from kodaira_desk.reports.tables import data_table as data_table
from kodaira_desk.reports.tables import plain_table as plain_table
from kodaira_desk.reports.tables import spread as spread
from kodaira_desk.reports.trial import MeasuringCanvas, silent
from kodaira_desk.reports.typeset import Lines

Progress = Callable[[int, int], None]

GOTHIC: Final = "IPAexGothic"
MINCHO: Final = "IPAexMincho"
assert _CELL_FONT == MINCHO
_FONT_FILES: Final = {GOTHIC: "ipaexg.ttf", MINCHO: "ipaexm.ttf"}

A4_PORTRAIT: Final = A4
A4_LANDSCAPE: Final = landscape(A4)
MARGIN: Final = 12 * mm
GOAL_FILL: Final = colors.HexColor("#d0d0d0")
AREA_FILL: Final = colors.HexColor("#efefef")


@dataclass(frozen=True)
class ReportOptions:
    """What the person printing chooses. `None` leaves a part out (no handout block, no filter)."""

    plan_id: str
    handout: str | None = None  # 資料3
    meeting: str | None = None  # 第２回小平市まち・ひと・しごと創生総合戦略推進委員会
    date: datetime.date | None = None  # the meeting's date
    draft: bool = False  # 未定稿
    department: str | None = None  # only what this department leads or is related to
    years: tuple[FiscalYear, ...] | None = None  # fiscal years shown (progress list, KPI table)
    # Fiscal years in the era in use on `date` (平成32年度 on a handout of 2016); False: today's era.
    era_of_date: bool = True
    # The year the KPI table reports up to; None: the latest year with values.
    as_of: FiscalYear | None = None
    # Headings the city's document does not print (「達成状況の概要」): off to print as the document.
    added_headings: bool = False
    # The KPI table's additions (issue 17): a status column (達成状況 of the table's latest year) and
    # a page of trend charts after each goal's table. Off: the table as the city prints it.
    status_column: bool = False
    chart_pages: bool = False
    # Notes on the figures (issue 25) as numbered footnotes under each table: off, as the city prints.
    field_notes: bool = False


# --- Dates and digits -------------------------------------------------------------------------------


def era_date(day: datetime.date) -> str:
    """令和３年３月２９日（月）: a meeting date as handouts print it (full-width digits, 元年)."""
    try:
        return era_text.era_date(day, fullwidth=True, weekday=True)
    except FiscalYearError as exc:
        raise ReportError(exc.message) from None


def year_text(year: FiscalYear, options: ReportOptions, suffix: str = "年度") -> str:
    """A fiscal year as this handout prints it: in the era in use on its date unless asked otherwise."""
    return era_text.fiscal_year_text(year, options.date if options.era_of_date else None, suffix=suffix)


# --- Fonts ------------------------------------------------------------------------------------------


def register_fonts(font_dir: Path) -> None:
    """Register the IPAex fonts once. TrueType fonts are embedded as subsets in every PDF."""
    for name, file in _FONT_FILES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = font_dir / file
        if not path.is_file():
            raise ReportError(f"フォントが見つかりません: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def require_fonts() -> None:
    missing = [n for n in _FONT_FILES if n not in pdfmetrics.getRegisteredFontNames()]
    if missing:
        raise ReportError("帳票用のフォント（IPAex）が登録されていません。")


# --- Paragraphs -------------------------------------------------------------------------------------


def _style(name: str, font: str = MINCHO, size: float = 8, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
    # Lines never run past their width (typeset pushes a closing mark back), so no indent is kept for it.
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=kw.pop("leading", size * 1.3), alignment=align,
        wordWrap="CJK", **kw,
    )


class Styles:
    """The paragraph styles of one report, scaled from a base size (points)."""

    def __init__(self, base: float = 8.0) -> None:
        b = self.base = base
        self.cell = _style("cell", size=b)
        self.cell_center = _style("cellc", size=b, align=TA_CENTER)
        self.number = _style("num", size=b, align=TA_RIGHT)
        self.note_under = _style("under", size=b * 0.8, align=TA_RIGHT)
        self.head = _style("head", font=GOTHIC, size=b, align=TA_CENTER)
        self.label = _style("label", font=GOTHIC, size=b)
        self.bullet = _style("bullet", size=b, leftIndent=b, firstLineIndent=-b)
        self.subhead = _style("subhead", font=GOTHIC, size=b)
        self.goal = _style("goal", font=GOTHIC, size=b * 1.25)
        self.area = _style("area", font=GOTHIC, size=b * 1.1)
        self.section = _style("section", font=GOTHIC, size=b * 1.4, spaceBefore=b, spaceAfter=b * 0.5)
        self.title = _style("title", font=GOTHIC, size=b * 1.7)
        self.text = _style("text", size=b * 1.1)
        self.text_bullet = _style("tbullet", size=b * 1.1, leftIndent=b * 1.1, firstLineIndent=-b * 1.1)
        self.footnote = _style("fn", size=b * 0.95, leftIndent=b * 3.2, firstLineIndent=-b * 3.2)
        self.small_right = _style("sright", size=b, align=TA_RIGHT)


def para(text: str, style: ParagraphStyle, keep: Iterable[str] = ()) -> Flowable:
    """A paragraph of plain text, line breaks kept, broken into lines by Japanese rules (typeset);
    the words in `keep` (department names) are not broken."""
    return Lines(text, style, keep=tuple(keep))


def rich(text: RichText | None, styles: Styles, *, large: bool = False) -> list[Flowable]:
    """One paragraph per printed line: ・ bullets hang, 《…》/【…】 headings in Gothic."""
    if not text:
        return []
    out: list[Flowable] = []
    for block in text.blocks:
        if block.kind is BlockKind.BULLET:
            out.append(para(block.printed(), styles.text_bullet if large else styles.bullet))
        elif block.kind is BlockKind.HEADING:
            out.append(para(block.text, styles.subhead))
        else:
            out.append(para(block.text, styles.text if large else styles.cell))
    return out


# --- Departments ------------------------------------------------------------------------------------


class DepartmentFilter:
    """Which nodes and indicators a department's handout keeps: the rule is domain.scope's (the
    same for the window, the handout, the merge, the workbook and the PDF); this adds headings.

    A node or indicator is kept when the department sees it. A node is also kept, as a heading, for
    the sake of a kept descendant or a kept indicator under it.
    """

    def __init__(self, tree: PlanTree, department: str | None) -> None:
        self.tree = tree
        self.department = department
        self.scope = DepartmentScope(tree, department)
        self._shown: dict[str, bool] = {}

    def node(self, node: Node) -> bool:
        if self.department is None:
            return True
        if node.key not in self._shown:
            self._shown[node.key] = (
                self.own(node)
                or any(self.indicator(i) for i in self.tree.indicators_of(node.key))
                or any(self.node(c) for c in self.tree.children(node.key))
            )
        return self._shown[node.key]

    def own(self, node: Node) -> bool:
        """Kept for its own departments (a measure, a project, an item), not for a descendant's."""
        return self.scope.linked(node)

    def indicator(self, indicator: Indicator) -> bool:
        return self.scope.sees_indicator(indicator)


def department_cell(links: tuple[DepartmentLink, ...], style: ParagraphStyle) -> Flowable:
    """The 所管課 cell: one department per line, no name broken unless longer than the cell."""
    return para(department_lines(links), style, keep=[d.department for d in links])


def department_lines(links: tuple[DepartmentLink, ...]) -> str:
    """Lead departments one per line, then each related one in brackets on its own line, as the city's
    tables print them (a department's own name may hold 「・」: 市民協働・男女参画推進課)."""
    lead = [d.department for d in links if d.role is Role.LEAD]
    related = [f"（{d.department}）" for d in links if d.role is Role.RELATED]
    return "\n".join(lead + related)


# --- The page ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSetup:
    title: str
    subject: str
    pagesize: tuple[float, float]
    options: ReportOptions


class _HandoutPage:
    """Draws what is on every page: title top left, 未定稿 and the handout block top right."""

    def __init__(self, setup: PageSetup) -> None:
        self.setup = setup
        o = setup.options
        self.width, self.height = setup.pagesize
        self.usable = self.width - 2 * MARGIN
        self.handout = fullwidth_digits(o.handout) if o.handout else None
        right = [s for s in (o.meeting, era_date(o.date) if o.date else None) if s]
        self.right_lines = right
        boxes = (pdfmetrics.stringWidth(self.handout, GOTHIC, 12) + 18 if self.handout else 0.0) + (
            pdfmetrics.stringWidth("未定稿", GOTHIC, 12) + 18 if o.draft else 0.0)
        block_width = max([pdfmetrics.stringWidth(s, GOTHIC, 8) for s in right] + [boxes])
        block_height = (18 if self.handout or o.draft else 0) + 10 * len(right)
        beside = self.usable - block_width - 24
        title_text = setup.title + (f"（{o.department}）" if o.department else "")
        size = 13.0
        while size > 11 and pdfmetrics.stringWidth(title_text, GOTHIC, size) > beside:
            size -= 0.5
        # Beside the handout block when it fits on one line there, else under it across the page.
        self.stacked = pdfmetrics.stringWidth(title_text, GOTHIC, size) > beside
        self.title_text = title_text
        self.title = para(title_text, _style("pagetitle", font=GOTHIC, size=size))
        _, self.title_height = self.title.wrap(self.usable if self.stacked else beside, self.height)
        self.title_top = block_height + 4 if self.stacked else 0.0
        self.header_height = (
            self.title_top + self.title_height if self.stacked else max(self.title_height, block_height)
        ) + 8

    def frame_top(self) -> float:
        return float(self.height - MARGIN - self.header_height)

    def draw(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = self.height - MARGIN
        self.title.drawOn(canvas, MARGIN, top - self.title_top - self.title_height)
        right = self.width - MARGIN
        y = top
        if self.handout or self.setup.options.draft:
            y -= 15
            x = right
            if self.handout:
                w = pdfmetrics.stringWidth(self.handout, GOTHIC, 12)
                canvas.setFont(GOTHIC, 12)
                canvas.drawRightString(x - 5, y + 3, self.handout)
                canvas.setLineWidth(0.8)
                canvas.rect(x - w - 10, y - 1, w + 10, 16)
                x -= w + 18
            if self.setup.options.draft:
                w = pdfmetrics.stringWidth("未定稿", GOTHIC, 12)
                canvas.setFont(GOTHIC, 12)
                canvas.drawRightString(x - 5, y + 3, "未定稿")
                canvas.setLineWidth(1.4)
                canvas.rect(x - w - 10, y - 1, w + 10, 16)
            y -= 3
        canvas.setFont(GOTHIC, 8)
        for line in self.right_lines:
            y -= 10
            canvas.drawRightString(right, y + 1, line)
        canvas.restoreState()


def _numbered_canvas(font: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say "n / N"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(font, 9)
                self.drawCentredString(width / 2, MARGIN / 2 + 2, f"{self._pageNumber} / {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


class Work:
    """Progress of one report on a fixed 0–100 scale: building the rows is the first half, laying out
    the pages the second (how many flowables there are is only known once the rows are built)."""

    SCALE: Final = 100

    def __init__(self, items: int, progress: Progress | None) -> None:
        self.items = max(items, 1)
        self.progress = progress
        self._built = 0
        self._placed = 0
        self._flowables = 1
        self._last = -1

    def _report(self, value: int) -> None:
        if self.progress is not None and value != self._last:
            self._last = value
            self.progress(value, self.SCALE)

    def item_done(self) -> None:
        self._built = min(self._built + 1, self.items)
        self._report(self._built * (self.SCALE // 2) // self.items)

    def start_layout(self, flowables: int) -> None:
        self._flowables = max(flowables, 1)
        self._report(self.SCALE // 2)

    def flowable_done(self) -> None:
        self._placed = min(self._placed + 1, self._flowables)
        self._report(self.SCALE // 2 + self._placed * (self.SCALE // 2) // self._flowables)

    def finished(self) -> None:
        self._report(self.SCALE)


class _Document(BaseDocTemplate):
    """Counts the work done, and notes where each section starts and how full each page ends."""

    def __init__(self, filename: str | io.BytesIO, work: Work | None, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self._work = work
        self.section_pages: list[int] = []  # the page each section starts on
        self.page_ends: dict[int, float] = {}  # page → the frame's y below its last flowable

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _SectionStart):
            self.section_pages.append(self.page)
        if self._work is not None:
            self._work.flowable_done()

    def handle_pageEnd(self) -> None:
        self.page_ends[self.page] = float(self.frame._y)
        super().handle_pageEnd()


class _SectionStart(Flowable):
    """Takes no room: marks where a section (a goal, a policy) begins."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


Section = Callable[[float], list[Flowable]]  # a section's flowables at a type scale (1.0: as designed)
MIN_FILL: Final = 0.4  # a section's last page at least this full, unless it is the document's last
SHRINK: Final = (0.95, 0.9, 0.85, 0.8)  # the type scales tried to keep a section off a sliver page


class _Layout:
    def __init__(self, setup: PageSetup) -> None:
        require_fonts()
        self.setup = setup
        self.page = _HandoutPage(setup)
        self.frame_height = self.page.frame_top() - MARGIN

    def _doc(self, target: str | io.BytesIO, work: Work | None) -> _Document:
        frame = Frame(MARGIN, MARGIN, self.page.usable, self.frame_height, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="body")
        doc = _Document(
            target, work, pagesize=self.setup.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN, title=self.page.title_text, author="小平市",
            subject=self.setup.subject, creator=f"Kodaira Desk {__version__}", lang="ja-JP",
            initialFontName=MINCHO, initialFontSize=9,  # no standard (unembedded) font in the file at all
        )
        draw = self.page.draw if work is not None else None
        doc.addPageTemplates([PageTemplate(id="handout", frames=[frame], onPage=draw or _no_page,
                                           pagesize=self.setup.pagesize)])
        return doc

    def story(self, sections: Sequence[Section], scales: Sequence[float]) -> list[Flowable]:
        story: list[Flowable] = []
        for i, (section, scale) in enumerate(zip(sections, scales, strict=True)):
            story += ([PageBreak()] if i else []) + [_SectionStart(), *section(scale)]
        for flowable in story:  # laid out before (a trial): platypus's mark of one pushed to the next page
            flowable.__dict__.pop("_postponed", None)
        return self._measured(story)

    def _measured(self, story: list[Flowable]) -> list[Flowable]:
        """Tell each table the page's full height (how it decides where it may split)."""
        for flowable in story:
            if isinstance(flowable, HandoutTable):
                flowable.room = self.frame_height
        return story

    def fill(self, doc: _Document, page: int) -> float:
        return (self.page.frame_top() - doc.page_ends.get(page, MARGIN)) / self.frame_height

    def write(self, out: Path, story: list[Flowable], work: Work) -> None:
        work.start_layout(len(story))
        self._doc(str(out), work).build(self._measured(story), canvasmaker=_numbered_canvas(GOTHIC))

    def measure(self, sections: Sequence[Section], scales: Sequence[float]) -> _Document:
        """Lay out without drawing: where each section starts, how full each page ends."""
        doc = self._doc(io.BytesIO(), None)
        story = [silent(f) for f in self.story(sections, scales)]
        doc.build(story, canvasmaker=MeasuringCanvas)
        return doc


def _no_page(_canvas: Canvas, _doc: BaseDocTemplate) -> None:
    pass


def write_pdf(out: Path, story: list[Flowable], setup: PageSetup, work: Work) -> None:
    """Lay out the story on handout pages (one section: only its last page may be short) to `out`."""
    with collector_paused():
        _Layout(setup).write(out, story, work)
    work.finished()


_GC_LOCK = threading.Lock()
_gc_users = 0
_gc_was_on = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic collection while a report is laid out (on any thread; nested or
    concurrent builds share one pause). Layout makes hundreds of thousands of small objects, most
    kept until the file is written (the trial layouts' tables are reused): at Python's default
    thresholds the collector ran ~450 times in a 140-page report and took a fifth of its time,
    finding next to nothing to free. What is garbage is collected once the build is over (the
    window's collector is already on the GUI thread only: there this changes nothing)."""
    global _gc_users, _gc_was_on
    with _GC_LOCK:
        if _gc_users == 0:
            _gc_was_on = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_on:
                gc.enable()


def write_sections(out: Path, sections: Sequence[Section], setup: PageSetup, work: Work) -> None:
    with collector_paused():
        _write_sections(out, sections, setup, work)


def _write_sections(out: Path, sections: Sequence[Section], setup: PageSetup, work: Work) -> None:
    """Lay out sections, each from a new page, and write the PDF to `out`.

    How pages break: tables break between rows and repeat their header; a row is cut inside only
    with a third of the page left (HandoutTable); a heading keeps to what follows it. When a section
    would still end on a page less than 40% full (and it is not the document's last page), its type
    is shrunk step by step, to 80% at most, until it takes a page less; if no step does, it is
    printed at full size. Each section is decided on its own, on trial layouts that draw nothing;
    the file is then written once.
    """
    layout = _Layout(setup)
    # Each section is built once per type scale: the file is written with the flowables (and the
    # table sizes and splits) its trial layout worked out.
    sections = [functools.cache(s) for s in sections]
    scales = [1.0] * len(sections)
    if len(sections) > 1:
        doc = layout.measure(sections, scales)
        starts = doc.section_pages
        ends = [s - 1 for s in starts[1:]] + [doc.page]
        for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
            fill = layout.fill(doc, last)
            if last == doc.page or last == first or fill >= MIN_FILL:
                continue
            pages = last - first + 1
            # type height goes with the square of its size: skip the steps that cannot win a page
            hope = ((pages - 1) / (pages - 1 + fill)) ** 0.5 + 0.02
            for scale in (s for s in SHRINK if s <= hope):
                trial = layout.measure([sections[i]], [scale])
                if trial.page < pages:
                    scales[i] = scale
                    break
    layout.write(out, layout.story(sections, scales), work)
    work.finished()


def frame_width(pagesize: tuple[float, float]) -> float:
    return float(pagesize[0] - 2 * MARGIN)


def node_title(tree: PlanTree, node: Node, document_id: str | None) -> tuple[str, str]:
    """(number, title) as the given document prints the node; the latest printing otherwise."""
    if document_id is not None:
        for a in reversed(node.appearances):
            if a.document_id == document_id:
                return a.number, a.title
    return node.number, node.title


def in_document(node: Node, document_id: str | None) -> bool:
    return document_id is None or any(a.document_id == document_id for a in node.appearances)
