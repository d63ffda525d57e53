"""Ctrl+Z (Ctrl+Y) in a text box with nothing of its own to undo (redo) reaches the window's 元に戻す
(やり直し).

A line edit or a text box takes the undo keys for its own text: it accepts their ShortcutOverride
even when it has nothing to undo, so with the cursor in an empty field the window's undo never ran,
though 元に戻す was enabled (tester). The window watches the text box that has the keyboard (one
filter, moved with the focus: no other widget pays for it) and leaves the keys to the window's
actions when the box has nothing of its own to undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)


def has_own(box: QObject, undo: bool) -> bool:
    """Whether the text box has something of its own to undo (redo)."""
    if isinstance(box, QLineEdit):
        return box.isUndoAvailable() if undo else box.isRedoAvailable()
    if isinstance(box, (QPlainTextEdit, QTextEdit)):
        doc = box.document()
        return box.isUndoRedoEnabled() and (doc.isUndoAvailable() if undo else doc.isRedoAvailable())
    return True


class UndoKeys(QObject):
    """Watches the focused text box of `window` for the undo and redo keys."""

    def __init__(self, window: QWidget, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self.window_, self.undo, self.redo = window, undo, redo
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        if isinstance(old, TEXT_BOXES):
            old.removeEventFilter(self)
        if isinstance(now, TEXT_BOXES) and now.window() is self.window_:
            now.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = QKeySequence(event.keyCombination())
            for action, undo in ((self.undo, True), (self.redo, False)):
                if keys in action.shortcuts() and not has_own(watched, undo):
                    event.ignore()  # not the box's: the window's action takes the keys
                    return True
        return False
