"""Trial layouts: what `write_sections` lays out to see where pages end, drawing nothing."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Table

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
    """Writes no file: trial layouts are thrown away."""

    def save(self) -> None:
        pass
