"""A modal window left open in a test with nobody to answer it (a question a change added, asked
where the test did not expect it) closed after a while and the test failed, instead of the whole
run waiting for ever (the recovery journal's first offer hung a worker; CI would have timed out
with no word of which test).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


class ModalWatchdog:
    LIMIT_S = 90.0  # far beyond any answer a test gives with a timer, even on a loaded machine
    LOOK_MS = 500

    def __init__(self) -> None:
        self.closed: list[str] = []
        self._seen: object = None
        self._since = 0.0
        self.timer = QTimer()
        self.timer.setInterval(self.LOOK_MS)
        self.timer.timeout.connect(self.look)  # (it runs inside the modal's own event loop too)
        self.timer.start()

    def look(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            self._seen = None
            return
        if modal is not self._seen:
            self._seen, self._since = modal, time.monotonic()
            return
        if time.monotonic() - self._since < self.LIMIT_S:
            return
        text = modal.text() if hasattr(modal, "text") else ""  # a QMessageBox's question
        self.closed.append(f"{type(modal).__name__} 「{modal.windowTitle()}」 {text}".strip())
        self._seen = None
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def stop(self) -> list[str]:
        self.timer.stop()
        return self.closed


KEY = pytest.StashKey[ModalWatchdog]()  # a test's own watchdog, in its item's stash
