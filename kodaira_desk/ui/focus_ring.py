"""A focus mark everyone can see: a 3 px ring around the control that has the keyboard.

Qt's styles mark the focused control with a thin tint of the highlight colour (Fusion) or a dotted
line, far under the 3:1 contrast WCAG 2.2 asks of a focus indicator. One ring per top-level window,
a transparent child that never takes the mouse or the focus, follows the focused control (its
moves, resizes and those of its parents) and is drawn in the theme's focus colour (dark blue on the
light palette, yellow on the high-contrast one), clipped to the part of the control in view.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QRegion, QResizeEvent
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from kodaira_desk.ui import theme

WIDTH = 3  # the ring's width in pixels, drawn just outside the control


class FocusRing(QWidget):
    """The ring in one window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: weakref.ref[QWidget] | None = None
        self._watched: list[weakref.ref[QWidget]] = []
        self.hide()

    @property
    def target(self) -> QWidget | None:
        """The control followed, None once its C++ object is gone (the X server lost, a dialog
        deleted: Qt deletes the controls one by one while their parents still move and hide)."""
        target = self._target() if self._target is not None else None
        return target if target is not None and shiboken6.isValid(target) else None

    def follow(self, widget: QWidget | None) -> None:
        for ref in self._watched:
            w = ref()
            if w is not None and shiboken6.isValid(w):  # a dialog deleted with the focus inside: gone already
                w.removeEventFilter(self)
        self._watched = []
        self._target = weakref.ref(widget) if widget is not None else None
        if widget is not None:
            up: QWidget | None = widget
            while up is not None and up is not self.parentWidget():
                up.installEventFilter(self)
                self._watched.append(weakref.ref(up))
                up = up.parentWidget()
        self.place()

    def place(self) -> None:
        target = self.target
        window = self.parentWidget()
        if target is None or window is None or not target.isVisible():
            self.hide()
            return
        shown = QRect(target.mapTo(window, QPoint(0, 0)), target.size())
        parent = target.parentWidget()
        while parent is not None and parent is not window:  # the part in view: inside a scroll area's viewport
            if parent.isWindow():
                self.hide()
                return
            shown = shown.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
            parent = parent.parentWidget()
        if shown.isEmpty():
            self.hide()
            return
        rect = shown.adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH).intersected(window.rect())
        self.setGeometry(rect)
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
                            QEvent.Type.LayoutRequest):
            self.place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Only the ring is the widget: a transparent rectangle over the control made Qt repaint
        # the whole control under it for every change (a tree scrolled by one row repainted every
        # row, as Qt cannot move the pixels of a widget something overlaps; issue 27).
        outer = QRegion(self.rect())
        self.setMask(outer.subtracted(QRegion(self.rect().adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH))))
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = theme.colours()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(colours.focus, WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        half = WIDTH // 2
        p.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))
        p.end()


class FocusRings(QObject):
    """Puts a ring in whichever window has the focus (installed once, on the application)."""

    NAME = "focusRings"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(self.NAME)
        self._rings: weakref.WeakKeyDictionary[QWidget, FocusRing] = weakref.WeakKeyDictionary()
        app.focusChanged.connect(self._on_focus_changed)

    def ring_of(self, window: QWidget) -> FocusRing:
        ring = self._rings.get(window)
        if ring is None:
            ring = self._rings[window] = FocusRing(window)
        return ring

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and old.window() is not None:
            ring = self._rings.get(old.window())
            if ring is not None and (new is None or new.window() is not old.window()):
                ring.follow(None)
        if new is None or isinstance(new, (QMenu, QMenuBar, FocusRing)):
            return
        window = new.window()
        if window is None or window.windowFlags() & Qt.WindowType.Popup == Qt.WindowType.Popup:
            return
        self.ring_of(window).follow(new)


def install(app: QApplication) -> FocusRings:
    """The application's focus rings (one object; a second call returns the first)."""
    # by its name: asked by class, Qt for Python built the Python class of every QObject subclass
    # it knows while it looked (8–10 ms of start-up, issue 27)
    existing = app.findChild(QObject, FocusRings.NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(existing, FocusRings):
        return existing
    return FocusRings(app)


def ring_at(widget: QWidget) -> QPoint:
    """Where the ring's top-left corner should be for `widget` (tests)."""
    return widget.mapTo(widget.window(), QPoint(0, 0)) - QPoint(WIDTH, WIDTH)
