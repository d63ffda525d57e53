"""The item's page needs no sideways scrolling at 1366×768, in English and Japanese, at the larger
text sizes (the tester's C6: in English at 150 % a project's progress form with its 決算額 was 91 px
wider than the page, its 「これまでの実施内容」 cut off at the window's edge), and the boxes of
the 決算額 keep their height when its labels go above them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from kodaira_desk.ui.window.main_window import MainWindow


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):  # (a box that grows a line taller is laid out again a turn later)
        QApplication.processEvents()


def _too_wide(w: MainWindow, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """Every item's tab that scrolls sideways, with how far."""
    area = w.findChild(QScrollArea, "pageArea")
    assert isinstance(area, QScrollArea)
    wide: list[str] = []
    for plan_id in list(w.editor.trees):
        for node in w.editor.tree(plan_id).nodes:
            assert w.select_node(plan_id, node.key)
            _settle(qtbot)
            for i in range(w.page.tabs.count()):
                w.page.tabs.setCurrentIndex(i)
                _settle(qtbot)
                if area.horizontalScrollBar().maximum() > 0:
                    wide.append(f"{plan_id}:{node.key} {w.page.tabs.tabText(i)} "
                                f"+{area.horizontalScrollBar().maximum()} px")
    return wide


@pytest.mark.parametrize(("language", "scale"), [("en", 1.5), ("ja", 1.5), ("en", 1.25)])
def test_no_item_scrolls_sideways(qtbot, window: MainWindow, language: str, scale: float) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert (w.width(), w.height()) == (1366, 768)
    w.lang_actions[language].trigger()
    w.font_actions[scale].trigger()  # 表示 > 文字の大きさ
    _settle(qtbot)
    assert _too_wide(w, qtbot) == []


def test_the_settled_amount_is_whole_in_english_at_150_percent(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Its label above the box (no room beside it), the box at its own height with its hint whole,
    and the history beside the form seen to its right edge; what is typed there is the 決算額."""
    w = window
    w.lang_actions["en"].trigger()
    w.font_actions[1.5].trigger()
    assert w.select_node("program-2021", "p1.j1")
    _settle(qtbot)
    box = w.page.measure.settlement
    assert box is not None and box.isVisible()
    settled = box.settled
    assert settled.height() >= settled.minimumSizeHint().height()
    assert settled.width() >= settled.fontMetrics().horizontalAdvance(settled.placeholderText())
    area = w.findChild(QScrollArea, "pageArea")
    assert isinstance(area, QScrollArea)
    history = w.page.measure.history
    right = history.mapTo(area.viewport(), history.rect().topRight()).x()
    assert right < area.viewport().width()
    qtbot.mouseClick(settled, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(settled, "8,120")
    assert str(w.editor.content(box.field("settled"))) == "8,120"
