"""A file dropped on the window opens there (File > Open's files: .kdesk, .sqlite, .db), also when it
is dropped on a text box, which would otherwise paste the file's path into itself as text.

The window watches its own widgets that take drops (the item's description box at start; each form
as the node page builds it) with one `DropOpener`."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from kodaira_desk.ui.viewports import viewport_of

OPENABLE = (".kdesk", ".sqlite", ".db")  # what a drop on the window opens


class DropTarget(Protocol):
    """The main window, as a drop reaches it (named, not imported: no import cycle)."""

    def dropEvent(self, event: QDropEvent) -> None: ...


def dropped_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The files in a drag the window would open."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPENABLE]


class DropOpener(QObject):
    """Takes a dropped file from the widgets it watches and hands the drop to the window."""

    def __init__(self, window: DropTarget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target = window

    def watch_all(self, root: QWidget) -> None:
        for child in root.findChildren(QWidget):
            self.watch(child)

    def watch(self, widget: QWidget) -> None:
        # (Not findChildren with a class at start-up: it made Qt for Python build the classes of
        # every kind of scroll area and dialog before the window was shown.)
        if widget.acceptDrops():
            widget.installEventFilter(self)
            if isinstance(widget, QAbstractScrollArea):  # its drops arrive at the viewport
                viewport_of(widget).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
                event, (QDragEnterEvent, QDragMoveEvent)) and dropped_files(event):
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent) and dropped_files(event):
            self.target.dropEvent(event)
            return True
        return super().eventFilter(watched, event)
