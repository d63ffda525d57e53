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


def test_a_control_deleted_while_followed_is_no_target(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The X server gone: Qt deletes the controls one by one, and the ring, still watching a parent
    that moves or hides, looked at its deleted button (「Internal C++ object (QPushButton) already
    deleted」 printed for every event)."""
    import shiboken6
    from PySide6.QtWidgets import QPushButton

    window = QWidget()
    qtbot.addWidget(window)
    ring = FocusRing(window)
    inner = QWidget(window)
    button = QPushButton("OK", inner)
    QVBoxLayout(inner).addWidget(button)
    window.show()
    qtbot.waitExposed(window)
    ring.follow(button)
    assert ring.isVisible()
    button.deleteLater()  # its C++ object gone, the Python side still held (as a dialog's attribute is)
    qtbot.waitUntil(lambda: not inner.findChildren(QPushButton))
    assert not shiboken6.isValid(button)
    inner.resize(inner.width() + 10, inner.height())  # the parent the ring watches moves on: place()
    ring.place()
    assert ring.target is None and not ring.isVisible()
