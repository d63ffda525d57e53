"""Ctrl+Z (Ctrl+Y) in a text box with nothing of its own to undo (redo) reaches the window's 元に戻す
(やり直し).

A line edit or a text box takes the undo keys for its own text: it accepts their ShortcutOverride
even when it has nothing to undo, so with the cursor in an empty field the window's undo never ran,
though 元に戻す was enabled (tester). The window watches the text box that has the keyboard (one
filter, moved with the focus: no other widget pays for it) and leaves the keys to the window's
actions when the box has nothing of its own to undo or redo.

Given the window's stack, it also drives やり直し: enabled when Ctrl+Y would redo (the stack's, or
the box's own after its Ctrl+Z: the toolbar's stayed grey while Ctrl+Y redid), and clicked, it
redoes what Ctrl+Y would.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)
TextBox = QLineEdit | QPlainTextEdit | QTextEdit


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

    def __init__(self, window: QWidget, undo: QAction, redo: QAction, stack: QUndoStack | None = None) -> None:
        super().__init__(window)
        self.window_, self.undo, self.redo = window, undo, redo
        self.stack: QUndoStack | None = stack
        self.box: TextBox | None = None  # the focused text box whose own redo is watched
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if stack is not None:
            redo.triggered.connect(self._redo)
            stack.canRedoChanged.connect(self._show_redo)
            self._show_redo()

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        if isinstance(old, TEXT_BOXES):
            old.removeEventFilter(self)
        if isinstance(now, TEXT_BOXES) and now.window() is self.window_:
            now.installEventFilter(self)
            if self.stack is not None:
                self._follow(now)
        elif self.stack is not None and isinstance(now, QWidget):  # (a popup menu takes no focus)
            self._follow(None)

    def _follow(self, box: TextBox | None) -> None:
        """Watch `box`'s own redo (and no longer the box before it's)."""
        if self.box is not None and self.box is not box:
            try:
                signal = self.box.textChanged if isinstance(self.box, QLineEdit) else self.box.redoAvailable
                signal.disconnect(self._show_redo)
            except (RuntimeError, TypeError):  # (the box deleted since)
                pass
        if box is not None and box is not self.box:
            signal = box.textChanged if isinstance(box, QLineEdit) else box.redoAvailable
            signal.connect(self._show_redo)
        self.box = box
        self._show_redo()

    def _own_redo(self) -> bool:
        return self.box is not None and has_own(self.box, False)

    def _show_redo(self, *_: object) -> None:
        if self.stack is not None:
            try:
                self.redo.setEnabled(self.stack.canRedo() or self._own_redo())
            except RuntimeError:  # the window being deleted: its stack gone before the focus moved
                self.stack = self.box = None

    def _redo(self) -> None:
        if self.box is not None and self._own_redo():
            self.box.redo()
        elif self.stack is not None:
            self.stack.redo()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = QKeySequence(event.keyCombination())
            for action, undo in ((self.undo, True), (self.redo, False)):
                if keys in action.shortcuts() and not has_own(watched, undo):
                    event.ignore()  # not the box's: the window's action takes the keys
                    return True
        return False
