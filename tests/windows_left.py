"""What a test left on the screen, closed after it (tests/conftest.py `_windows_closed`).

A test that ends with a message box still shown (nobody answered it, or it does not wait for an
answer), or a dialog it opened and never closed, left it on its worker for the tests after it: one
of those took another test's box for its own (07055af). Every top-level window shown since the
test began is closed as a person closes it (Esc for a dialog: its `reject`, so what the dialog does
when cancelled is done; `close` for any other window), and every message box made since is deleted.
Windows shown before the test began are left alone, and a window is never merely hidden: one that
will not close (it asks something, or refuses) is named, and the test fails.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def _named(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"{type(widget).__name__} 「{widget.windowTitle()}」 {text}".strip()


class WindowsLeft:
    def __init__(self) -> None:
        self.before = set(QApplication.topLevelWidgets())
        self.closed: list[str] = []  # what close_left closed, named

    def close_left(self) -> list[str]:
        """Close what was shown since and delete the message boxes made since; the windows that
        are still shown after it, named."""
        new = [w for w in QApplication.topLevelWidgets() if w not in self.before]
        shown = [w for w in new if w.isVisible()]
        for widget in shown:
            self.closed.append(_named(widget))
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
        for widget in new:
            if isinstance(widget, QMessageBox) and shiboken6.isValid(widget) and not widget.isVisible():
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return [_named(w) for w in shown if shiboken6.isValid(w) and w.isVisible()]


KEY = pytest.StashKey[WindowsLeft]()  # a test's own, in its item's stash
