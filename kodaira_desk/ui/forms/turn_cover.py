"""An opaque cover over a form whose contents come a turn later (issue 27).

Selecting an item with indicators loads and paints its KPI grid a turn after the page's texts (the
header, the tab bar, the other forms): the first frame would otherwise show the grid of the item
before, or cost two frames of GUI-thread time. The cover stands over the whole KPI form meanwhile
(and over its chart pane until its grades), painted in the colour the tab widget's style gives its
page, so the frame shows the page empty — neither an old grid nor another colour — and, being
opaque, it spares Qt painting the widgets it covers.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QStyleOptionTabWidgetFrame, QTabWidget, QWidget


class TurnCover(QWidget):
    """Covers its parent whole while shown (`cover()`), until `uncover()`."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("turnCover")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # (what Qt skips under it)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a click goes to the form
        self._kept: tuple[tuple[int, int], QColor] | None = None  # (the style and palette, their colour)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def uncover(self) -> None:
        self.hide()

    def follow(self) -> None:
        """The parent resized: still covering it whole."""
        parent = self.parentWidget()
        if parent is not None and self.isVisibleTo(parent):
            self.setGeometry(parent.rect())

    def _tabs(self) -> QTabWidget | None:
        w = self.parentWidget()
        while w is not None and not isinstance(w, QTabWidget):
            w = w.parentWidget()
        return w

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._colour())
        painter.end()

    def _colour(self) -> QColor:
        """The tab page's colour under its frame, as the tab widget's style paints it (drawn once
        on a small image for the style and palette in use: the frame drawn over the whole cover
        cost 1 ms a selection, issue 27)."""
        tabs = self._tabs()
        if tabs is None:
            return self.palette().window().color()
        key = (id(tabs.style()), tabs.palette().cacheKey())
        if self._kept is None or self._kept[0] != key:
            option = QStyleOptionTabWidgetFrame()
            tabs.initStyleOption(option)
            option.rect = QRect(0, 0, 32, 32)
            image = QImage(32, 32, QImage.Format.Format_RGB32)
            image.fill(tabs.palette().window().color())
            painter = QPainter(image)
            tabs.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameTabWidget, option, painter, tabs)
            painter.end()
            self._kept = (key, image.pixelColor(16, 16))
        return self._kept[1]
