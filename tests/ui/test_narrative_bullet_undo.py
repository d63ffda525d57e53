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


def test_the_toolbar_redo_redoes_what_ctrl_y_would(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z in the box undoes the box's own typing: the toolbar's やり直し is enabled then, and
    clicked (the cursor staying in the box), redoes it as Ctrl+Y does."""
    from PySide6.QtWidgets import QToolButton

    w = window
    narrative = _narrative(qtbot, w)
    type_text(qtbot, narrative, "・認定農業者を支援")
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    type_text(qtbot, narrative, "相談会を開催")
    typed = narrative.toPlainText()
    qtbot.keyClick(narrative, Qt.Key.Key_Z, CTRL)
    assert narrative.toPlainText() == "・認定農業者を支援\n・"
    button = next(b for b in w.findChildren(QToolButton) if b.defaultAction() is w.act_redo)
    assert w.act_redo.isEnabled() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert narrative.toPlainText() == typed and narrative.hasFocus()
    assert not w.act_redo.isEnabled()  # nothing left to redo, in the box or the window
    qtbot.keyClick(narrative, Qt.Key.Key_Z, CTRL)
    w.tree_view.setFocus()  # out of the box: やり直し is the window's again (nothing to redo there)
    qtbot.waitUntil(w.tree_view.hasFocus)
    assert not w.act_redo.isEnabled()

