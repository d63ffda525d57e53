"""The focus mark lets go of a control whose dialog was deleted while it had the focus (the plan
editor closed with the cursor in a field printed 「Internal C++ object already deleted」)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kodaira_desk.ui.focus_ring import FocusRing


def test_the_ring_lets_go_of_a_deleted_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    ring = FocusRing(window)
    inner = QWidget(window)
    field = QLineEdit(inner)
    QVBoxLayout(inner).addWidget(field)
    ring.follow(field)
    keep = field  # the Python side lives on, as a weak reference's target may
    inner.deleteLater()
    qtbot.waitUntil(lambda: not window.findChildren(QLineEdit))
    ring.follow(None)  # raised RuntimeError: the watched widgets' C++ objects are gone
    assert ring.target is None and keep is not None
