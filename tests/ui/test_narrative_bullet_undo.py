"""実施等状況: Enter on a 「・」 line starts the next 「・」 by itself. That 「・」 is part of the Enter:
a 「・」 typed there from habit takes its place, and Ctrl+Z takes both back together (the first
Ctrl+Z showed the new line without any 「・」, a state the clerk never saw)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from test_clerk import type_text

from kodaira_desk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _narrative(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    assert window.select_node("strategy-2015", "g1.a1.m1")
    narrative = window.page.measure.narrative
    narrative.setFocus()
    qtbot.waitUntil(narrative.hasFocus)
    narrative.selectAll()
    return narrative


def _undone(qtbot, narrative, times: int) -> list[str]:  # type: ignore[no-untyped-def]
    seen = [narrative.toPlainText()]
    for _ in range(times):
        qtbot.keyClick(narrative, Qt.Key.Key_Z, CTRL)
        seen.append(narrative.toPlainText())
    return seen


def test_ctrl_z_never_shows_the_new_line_without_its_bullet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """「・」 typed from habit on the line Enter began (the form's 「・」 gives way to it), typed
    through the input method, as a key, or pasted: each Ctrl+Z goes back to a text the clerk saw."""
    from PySide6.QtWidgets import QApplication

    narrative = _narrative(qtbot, window)
    type_text(qtbot, narrative, "・認定農業者を支援")
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    type_text(qtbot, narrative, "・相談")
    assert _undone(qtbot, narrative, 2) == ["・認定農業者を支援\n・相談", "・認定農業者を支援\n・", "・認定農業者を支援"]
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # a key whose text is 「・」
        QApplication.sendEvent(narrative, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "・"))
    assert _undone(qtbot, narrative, 1) == ["・認定農業者を支援\n・", "・認定農業者を支援\n・"]
    QApplication.clipboard().setText("・研修")
    qtbot.keyClick(narrative, Qt.Key.Key_V, CTRL)
    assert narrative.toPlainText() == "・認定農業者を支援\n・研修"
    assert _undone(qtbot, narrative, 1) == ["・認定農業者を支援\n・研修", "・認定農業者を支援\n・"]

