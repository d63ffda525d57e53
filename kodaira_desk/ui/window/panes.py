"""F6 / Ctrl+Tab between the window's panes: tree, form, grid, chart, message line (issue 28).

Tab walks the controls of a form in reading order; a grid keeps Tab for its cells, as a spreadsheet
does. F6 (Shift+F6 back) and Ctrl+Tab (Ctrl+Shift+Tab back) jump between the window's regions as
Office and Windows Explorer do, each time to the control last used in that pane (the first time,
to the pane's own starting point: the grid's entry cell, the 進捗状況 box). A pane that is not
shown now is skipped.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeGuard

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget


@dataclass
class Pane:
    """One of the window's panes F6 moves between."""

    name: str
    roots: list[QWidget]  # the focus is in this pane when it is in one of these
    entry: QWidget | None = None  # where the focus goes the first time (else the first root)
    on_enter: Callable[[], None] | None = field(default=None, repr=False)  # e.g. pick the entry cell
    remember: bool = True  # False: always the entry (the message line that has the newest message)


def _usable(widget: QWidget | None) -> TypeGuard[QWidget]:
    return widget is not None and widget.isVisible() and widget.isEnabled()


def _inside(widget: QWidget, root: QWidget) -> bool:
    w: QWidget | None = widget
    while w is not None:
        if w is root:
            return True
        w = w.parentWidget()
    return False


class PaneCycler(QObject):
    """The shortcuts and the memory of where the focus was in each pane."""

    KEYS_NEXT = ("F6", "Ctrl+Tab")
    KEYS_PREVIOUS = ("Shift+F6", "Ctrl+Shift+Tab", "Ctrl+Shift+Backtab")

    def __init__(self, window: QWidget, panes: Callable[[], list[Pane]]) -> None:
        super().__init__(window)
        self.window = window
        self.panes = panes
        self._last: dict[str, weakref.ref[QWidget]] = {}
        self.shortcuts: list[QShortcut] = []
        for keys, step in ((self.KEYS_NEXT, 1), (self.KEYS_PREVIOUS, -1)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), window)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda s=step: self.move(s))
                self.shortcuts.append(shortcut)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def shown(self) -> list[Pane]:
        return [p for p in self.panes() if any(_usable(r) for r in p.roots)]

    def current(self, panes: list[Pane] | None = None) -> int:
        """The index of the pane that has the focus now, or -1."""
        focus = QApplication.focusWidget()
        if focus is None:
            return -1
        for i, pane in enumerate(panes if panes is not None else self.shown()):
            if any(_inside(focus, r) for r in pane.roots):
                return i
        return -1

    def move(self, step: int) -> QWidget | None:
        panes = self.shown()
        if not panes:
            return None
        here = self.current(panes)
        target_pane = panes[(here + step) % len(panes)] if here >= 0 else panes[0 if step > 0 else -1]
        return self.enter(target_pane)

    def enter(self, pane: Pane) -> QWidget | None:
        last = self._last.get(pane.name) if pane.remember else None
        widget = last() if last is not None else None
        if not (_usable(widget) and any(_inside(widget, r) for r in pane.roots)):
            if pane.on_enter is not None:
                pane.on_enter()
            widget = pane.entry if _usable(pane.entry) else next((r for r in pane.roots if _usable(r)), None)
        if widget is None:
            return None
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return widget

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self.window:
            return
        for pane in self.panes():
            if any(_inside(new, r) for r in pane.roots):
                self._last[pane.name] = weakref.ref(new)
                return
