"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 on Python 3.11).

PySide6 6.12.0 drops one reference to None on every call of a method returning void, so after a few
thousand clicks Python 3.11 aborts with "deallocating None". Python 3.12 made None immortal, which
hides the bug there; Debian 12 ships Python 3.11.
"""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_keep_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QWidget

    label, widget = QLabel(), QWidget()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        widget.setEnabled(True)
        widget.parent()
    assert sys.getrefcount(None) - before > -50
