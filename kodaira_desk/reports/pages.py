"""The handout's pages: what the first page carries above the body (the document's title, its
handout block, 未定稿), "n / N" at the foot of every page, and the layout of sections on them.

The city's documents print their title, 資料番号, meeting, date and 未定稿 once, at the top of the
first page (003, 002, 000); the pages after it begin with the body (a table's repeated header, a
goal's heading). The first page's frame is shorter by the head; the others use the whole page.

Build functions take a `progress(done, total)` callback (done out of total = 100, rising) and never
import Qt; the window runs them on a worker thread. To cancel, raise from the callback: nothing is
left behind (the service writes to a temporary file and only renames it when the build succeeds).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import io
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from kodaira_desk import __version__
from kodaira_desk.domain import era_text
from kodaira_desk.domain.era_text import fullwidth_digits
from kodaira_desk.reports.canvas import StackCanvas
from kodaira_desk.reports.common import (
    GOTHIC,
    MARGIN,
    MINCHO,
    Progress,
    ReportOptions,
    era_date,
    para,
    plain_era_date,
    require_fonts,
    style,
)
from kodaira_desk.reports.tables import HandoutTable
from kodaira_desk.reports.trial import MeasuringCanvas, Placed, placing, release, replayed, silent

DRAFT: Final = "未定稿"
REVISED: Final = "修正版"  # printed after a correction of a fixed year (issue 24)


class BlockStyle(Enum):
    """How a document prints its handout block, top right on its first page."""

    # 003: 未定稿 and 資料３ in boxes, the meeting and 令和３年３月２９日（月） under them
    BOXED = "boxed"
    # 002: the meeting, then 「資料3 平成28年8月25日」 on one line, as typed (half-width, no weekday)
    PLAIN = "plain"


@dataclass(frozen=True)
class PageSetup:
    title: str  # the document's title: the PDF's metadata, and the first page's title line
    subject: str
    pagesize: tuple[float, float]
    options: ReportOptions
    printed_title: bool = True  # False: the document prints no title line (002, 004)
    block: BlockStyle = BlockStyle.BOXED
    note: str | None = None  # a line the document prints in its head (003: ※令和２年度末実績は…)
    # drawn at the top of every page's body, as a spreadsheet's print titles: 000's column header
    running_head: Flowable | None = None


class _Head:
    """What the first page has above the body: the title top left, the handout block top right."""

    def __init__(self, setup: PageSetup) -> None:
        self.setup = setup
        o = setup.options
        self.width, self.height = setup.pagesize
        self.usable = self.width - 2 * MARGIN
        self.boxes = [b for b in (DRAFT if o.draft else None, REVISED if o.revised else None,
                                  self._handout_box()) if b]
        self.right_lines = self._right_lines()
        boxes = sum(pdfmetrics.stringWidth(b, GOTHIC, 12) + 18 for b in self.boxes)
        block_width = max([pdfmetrics.stringWidth(s, GOTHIC, 8) for s in self.right_lines] + [boxes])
        block_height = (18 if self.boxes else 0) + 10 * len(self.right_lines)
        beside = self.usable - block_width - 24
        title = setup.title if setup.printed_title else ""
        if o.department:
            title = f"{title}（{o.department}）" if title else f"担当課：{o.department}"
        self.title_text = title
        size = 13.0
        while size > 11 and pdfmetrics.stringWidth(title, GOTHIC, size) > beside:
            size -= 0.5
        # beside the handout block when it fits on one line there, else under it across the page
        self.stacked = pdfmetrics.stringWidth(title, GOTHIC, size) > beside
        self.title = para(title, style("pagetitle", font=GOTHIC, size=size)) if title else None
        self.title_height = 0.0
        if self.title is not None:
            _, self.title_height = self.title.wrap(self.usable if self.stacked else beside, self.height)
        self.title_top = block_height + 4 if self.stacked else 0.0
        used = self.title_top + self.title_height if self.stacked else max(self.title_height, block_height)
        self.height_used = used + 8 if used else 0.0

    def _handout_box(self) -> str | None:
        o = self.setup.options
        if not o.handout or self.setup.block is BlockStyle.PLAIN:
            return None
        return fullwidth_digits(o.handout)

    def _right_lines(self) -> list[str]:
        o = self.setup.options
        note = [self.setup.note] if self.setup.note else []
        revised = [f"{era_text.era_date(o.revised, fullwidth=True)}修正"] if o.revised else []  # 令和８年１２月６日修正
        if self.setup.block is BlockStyle.PLAIN:
            dated = " ".join(s for s in (o.handout, plain_era_date(o.date) if o.date else None) if s)
            return [s for s in (*note, o.meeting, dated, *revised) if s]
        return [s for s in (*note, o.meeting, era_date(o.date) if o.date else None, *revised) if s]

    def frame_top(self) -> float:
        return float(self.height - MARGIN - self.height_used)

    def draw(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = self.height - MARGIN
        if self.title is not None:
            self.title.drawOn(canvas, MARGIN, top - self.title_top - self.title_height)
        right = self.width - MARGIN
        y = top
        if self.boxes:
            y -= 15
            x = right
            for box in reversed(self.boxes):  # the handout number rightmost, 修正版 and 未定稿 left of it
                w = pdfmetrics.stringWidth(box, GOTHIC, 12)
                canvas.setFont(GOTHIC, 12)
                canvas.drawRightString(x - 5, y + 3, box)
                canvas.setLineWidth(1.4 if box in (DRAFT, REVISED) else 0.8)
                canvas.rect(x - w - 10, y - 1, w + 10, 16)
                x -= w + 18
            y -= 3
        canvas.setFont(GOTHIC, 8)
        for line in self.right_lines:
            y -= 10
            canvas.drawRightString(right, y + 1, line)
        canvas.restoreState()


def _numbered_canvas(font: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say "n / N"."""

    class NumberedCanvas(StackCanvas):
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


class _Document(BaseDocTemplate):  # type: ignore[misc]
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


_ATOMS: Final = (int, float, str, bool, type(None))


class _Frame(Frame):  # type: ignore[misc]  # reportlab is untyped
    """A page's frame. A KeepTogether measures its content on a deep copy of the current frame (a
    table's or a summary's, hundreds of times a report); the copy is the same, made without
    `copy.deepcopy` walking every number and string the frame holds."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Frame:
        new = object.__new__(type(self))
        memo[id(self)] = new
        new.__dict__.update({k: v if type(v) in _ATOMS else copy.deepcopy(v, memo) for k, v in self.__dict__.items()})
        return new

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        """On a trial's canvas, what would be drawn is noted instead (trial.placing)."""
        if isinstance(canv, MeasuringCanvas):
            return placing(super().add, flowable, canv, trySplit)
        return int(super().add(flowable, canv, trySplit))


class _SectionStart(Flowable):  # type: ignore[misc]
    """Takes no room: marks where a section (a goal, a policy) begins."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


Section = Callable[[float], list[Flowable]]  # a section's flowables at a type scale (1.0: as designed)
MIN_FILL: Final = 0.4  # a section's last page at least this full
SHRINK: Final = (0.95, 0.9, 0.85, 0.8)  # the type scales tried to keep sections off sliver pages


class _Layout:
    def __init__(self, setup: PageSetup) -> None:
        require_fonts()
        self.setup = setup
        self.head = _Head(setup)
        self.running = setup.running_head
        running = self.running.wrap(self.head.usable, setup.pagesize[1])[1] if self.running else 0.0
        self.first_height = self.head.frame_top() - MARGIN - running
        self.later_height = float(setup.pagesize[1] - 2 * MARGIN) - running
        # the running head's operators, per canvas and place (see _draw_running)
        self._running: weakref.WeakKeyDictionary[Canvas, dict[float, list[str]]] = weakref.WeakKeyDictionary()

    def _on_first(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.head.draw(canvas, doc)
        self._draw_running(canvas, MARGIN + self.first_height)

    def _on_later(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._draw_running(canvas, MARGIN + self.later_height)

    def _draw_running(self, canvas: Canvas, bottom: float) -> None:
        """The running head (the progress list's column header) at the top of a page. It is the
        same on every page of a document at the same place, its state saved and restored around it:
        drawn once, its operators are written again on the next pages (issue 27: drawing the same
        table on each of a long list's pages was some 5 % of it; the same bytes)."""
        if self.running is None:
            return
        kept = self._running.setdefault(canvas, {})
        code = kept.get(bottom)
        if code is not None:
            canvas._code.extend(code)
            return
        start = len(canvas._code)
        self.running.drawOn(canvas, MARGIN, bottom)
        kept[bottom] = canvas._code[start:]

    def _doc(self, target: str | io.BytesIO, work: Work | None) -> _Document:
        usable = self.head.usable

        def frame(height: float, name: str) -> Frame:
            return _Frame(MARGIN, MARGIN, usable, height, leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0, id=name)

        doc = _Document(
            target, work, pagesize=self.setup.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN, title=self.head.title_text or self.setup.title,
            author="小平市", subject=self.setup.subject, creator=f"Kodaira Desk {__version__}", lang="ja-JP",
            initialFontName=MINCHO, initialFontSize=9,  # no standard (unembedded) font in the file at all
        )
        drawing = work is not None  # a trial layout draws nothing
        size = self.setup.pagesize
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[frame(self.first_height, "first")],
                         onPage=self._on_first if drawing else _no_page, pagesize=size,
                         autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame(self.later_height, "later")],
                         onPage=self._on_later if drawing else _no_page, pagesize=size),
        ])
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
                flowable.room = self.later_height
        return story

    def fill(self, doc: _Document, page: int) -> float:
        """How full a page ends, as a share of its frame's height."""
        height = self.first_height if page == 1 else self.later_height
        return float((MARGIN + height - doc.page_ends.get(page, MARGIN)) / height)

    def write(self, out: Path, story: list[Flowable], work: Work) -> None:
        work.start_layout(len(story))
        self._doc(str(out), work).build(self._measured(story), canvasmaker=_numbered_canvas(GOTHIC))

    def draw_trial(self, out: Path, trial: _Trial, work: Work) -> None:
        """Write the file from a trial's pages: each flowable drawn where the trial placed it, the
        pages' heads and numbers as `write` draws them (the same bytes; the layout not done again)."""
        story = replayed(trial.placed, trial.pages, work.flowable_done)
        work.start_layout(len(trial.placed) + len(story))
        try:
            self._doc(str(out), work).build(story, canvasmaker=_numbered_canvas(GOTHIC))
        finally:
            release(story)  # the document and its canvas refer to each other: let the flowables go now

    def measure(self, sections: Sequence[Section], scales: Sequence[float]) -> tuple[_Document, MeasuringCanvas]:
        """Lay out without drawing: where each section starts, how full each page ends, and what
        each page would draw where."""
        doc = self._doc(io.BytesIO(), None)
        story = [silent(f) for f in self.story(sections, scales)]
        canvases: list[MeasuringCanvas] = []

        def canvas(*args: Any, **kwargs: Any) -> MeasuringCanvas:
            canvases.append(MeasuringCanvas(*args, **kwargs))
            return canvases[-1]

        doc.build(story, canvasmaker=canvas)
        return doc, canvases[0]  # (its caller takes the canvas's `placed`: the two keep each other)

    def short_ends(self, sections: Sequence[Section], scale: float) -> _Trial:
        """The layout at one type scale: how many sections end on a page under MIN_FILL that could
        lose it, the pages, and what they draw."""
        doc, canvas = self.measure(sections, [scale] * len(sections))
        starts = doc.section_pages
        ends = [s - 1 for s in starts[1:]] + [doc.page]
        short = sum(1 for first, last in zip(starts, ends, strict=True)
                    if last > first and self.fill(doc, last) < MIN_FILL)
        placed, canvas.placed = canvas.placed, []  # not kept by the document's cycle with its canvas
        return _Trial(scale, short, doc.page, placed)


@dataclass(frozen=True)
class _Trial:
    scale: float
    short: int  # sections ending on a short page
    pages: int
    placed: list[Placed]

    def better_than(self, other: _Trial) -> bool:
        return (self.short, self.pages) < (other.short, other.pages)


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
    """Lay out sections, each from a new page, in one type size, and write the PDF to `out`.

    How pages break: tables break between rows and repeat their header; a row is cut inside only
    with a third of the page left (HandoutTable); a heading keeps to what follows it. When a section
    ends on a page less than 40% full (its first page apart), the whole document is tried in
    smaller type, 95%, 90%, 85%, at least 80% of the designed size, and set in the largest size that
    leaves the fewest such pages (then the fewest pages); the type never changes from one section
    to the next. Trial layouts draw nothing, but note what each frame would draw where; the file
    is then drawn from the chosen trial's pages (trial.Replay: each flowable at the place the trial
    gave it, the pages' heads and numbers as ever), not laid out a second time.
    """
    with collector_paused():
        _write_sections(out, sections, setup, work)
    work.finished()


def _write_sections(out: Path, sections: Sequence[Section], setup: PageSetup, work: Work) -> None:
    """(The layouts' objects are let go when this returns, before the collector runs again.)"""
    layout = _Layout(setup)
    cached = [functools.cache(s) for s in sections]
    layout.draw_trial(out, _chosen(layout, cached), work)


def _chosen(layout: _Layout, sections: Sequence[Section]) -> _Trial:
    """The trial of the largest type scale that leaves the fewest short ends (then fewest pages)."""
    best = layout.short_ends(sections, 1.0)
    if best.short == 0:
        return best
    for scale in SHRINK:
        trial = layout.short_ends(sections, scale)
        if trial.better_than(best):
            best = trial
        if trial.short == 0:
            break
    return best
