"""The tree's rows left by a sliced paint for the next turn (issue 27) are drawn where they are then:
a wheel turn handled before that turn scrolls the blank they left, and the rest follows them (it was
drawn at their old place: rows stayed blank for good, found by review)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPaintEvent
from test_tree_filters_typed import _on_screen

from kodaira_desk.ui.window import tree_view
from kodaira_desk.ui.window.main_window import MainWindow


def test_rows_left_for_the_next_turn_are_drawn_where_a_scroll_took_them(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = w.tree_view
    assert isinstance(view, tree_view.PlanTreeView)
    w.activateWindow()
    view.expandAll()
    w.resize(w.width(), 420)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 3)
    qtbot.waitUntil(lambda: _on_screen(w) == view.viewport().grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32), timeout=10000)  # the resize shown: nothing else will paint the rows
    real, scrolled = view.paintEvent, []

    def paint(event: QPaintEvent) -> None:
        before = view.slices
        real(event)
        if not scrolled and view.slices > before:  # rows left: a wheel turn comes before their turn
            scrolled.append(bar.value() + 3)
            view._rest.stop()

            def wheel() -> None:
                bar.setValue(scrolled[0])
                view._rest.start()
            QTimer.singleShot(0, wheel)

    monkeypatch.setattr(view, "paintEvent", paint)
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 0.0)  # a row a paint: rows certainly left
    view.paint_in_slices()
    view.viewport().update()
    qtbot.waitUntil(lambda: bool(scrolled) and bar.value() == scrolled[0], timeout=10000)
    monkeypatch.setattr(tree_view, "PAINT_SLICE_S", 1e9)  # paints whole from now
    whole = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # Qt's whole paint
    qtbot.waitUntil(lambda: _on_screen(w) == whole, timeout=10000)  # every row shown where it is
