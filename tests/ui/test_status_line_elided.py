"""A long status-bar message (a recovery journal's path) is cut with 「…」 before the permanent
担当課 label, never run under it cut mid-word (the tester's C8); the whole of it in the tooltip."""

from __future__ import annotations

from kodaira_desk.ui.window.main_window import MainWindow


def test_a_long_message_is_elided_with_its_whole_text_in_the_tooltip(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.resize(900, 600)
    long = "復旧用の記録を書けませんでした（" + "/home/clerk/.config/KodairaCity/recovery/" * 6 + "）。"
    w.statusBar().showMessage(long)
    qtbot.wait(10)
    line = w.statusBar().line  # type: ignore[attr-defined]
    assert line.text().endswith("…") and line.text() != long
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    assert line.geometry().right() < max((c.geometry().left() for c in w.statusBar().children()
                                          if c is not line and getattr(c, "isVisible", lambda: False)()
                                          and c.geometry().left() > line.geometry().left()), default=10**6)
    assert line.toolTip() == long and w.statusBar().currentMessage() == long
    w.resize(1366, 768)
    w.statusBar().showMessage("保存しました。")
    qtbot.wait(10)
    assert line.text() == "保存しました。"
