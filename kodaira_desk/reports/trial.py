"""Trial layouts: what `write_sections` lays out to see where pages end, drawing nothing; and the
chosen trial's pages drawn as it placed them (`Replay`), without laying them out again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table

from kodaira_desk.reports.typeset import Lines


class Silent(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A table laid out but not drawn (trial layouts): wrap and split go to it, drawing does not."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.inner.wrapOn(self.canv, availWidth, availHeight)
        self.width, self.height = w, h
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [Silent(p) for p in self.inner.splitOn(self.canv, availWidth, availHeight)]

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        pass


def silent(f: Flowable) -> Flowable:
    """Tables and text laid out but not drawn, inside blocks kept together too. The flowable itself
    is left as it was: the file is written with the same flowables, reusing their layout."""
    if isinstance(f, (Table, Lines)):
        return Silent(f)
    if isinstance(f, KeepTogether):
        return KeepTogether([silent(x) for x in f._content], f._maxHeight)
    return f


class MeasuringCanvas(Canvas):  # type: ignore[misc]
    """Writes no file: a trial's pages are kept as what each frame placed where (`placed`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placed: list[Placed] = []

    def save(self) -> None:
        pass


Placed = tuple[int, Flowable, float, float, float]  # page, flowable, x, y, _sW: a frame's drawOn call


def placing(add: Callable[..., int], flowable: Flowable, canv: Canvas, trySplit: int) -> int:
    """A frame's `add` of `flowable` on a trial's canvas: laid out as ever, but instead of drawing it
    the frame's call is noted (the flowable itself, not its Silent wrapper) for `Replay`."""
    placed = canv.placed
    page = canv._pageNumber
    shown = flowable.inner if isinstance(flowable, Silent) else flowable

    def note(_canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        placed.append((page, shown, x, y, _sW))

    flowable.__dict__["drawOn"] = note  # past a Drawing's attribute checks
    try:
        return add(flowable, canv, trySplit)
    finally:
        flowable.__dict__.pop("drawOn", None)


class Replay(Flowable):  # type: ignore[misc]
    """One page of a trial: takes no room, and draws each flowable the trial placed on that page
    with the frame's own call (`drawOn` at the trial's x, y), in the trial's order."""

    def __init__(self, placed: list[Placed], done: Callable[[], None]) -> None:
        super().__init__()
        self.placed = placed
        self.done = done

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def drawOn(self, canvas: Canvas, x: float = 0, y: float = 0, _sW: float = 0) -> None:
        for _page, flowable, fx, fy, sW in self.placed:
            flowable.drawOn(canvas, fx, fy, _sW=sW)
            self.done()


def replayed(placed: list[Placed], pages: int, done: Callable[[], None]) -> list[Flowable]:
    """The story that draws a trial's `pages` again: each page's flowables, then a page break."""
    by_page: dict[int, list[Placed]] = {n: [] for n in range(1, pages + 1)}
    for item in placed:
        by_page[item[0]].append(item)
    story: list[Flowable] = []
    for n in range(1, pages + 1):
        story += ([PageBreak()] if n > 1 else []) + [Replay(by_page[n], done)]
    return story


def release(story: list[Flowable]) -> None:
    """Drop what the replayed pages refer to (the document that drew them keeps them until the
    collector breaks its cycle with its canvas)."""
    for flowable in story:
        if isinstance(flowable, Replay):
            flowable.placed = []
