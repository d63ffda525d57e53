"""A search that finds nothing says so under the tree, naming the other filters that apply; the hint
goes when the search finds something again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_clerk import type_text

from kodaira_desk.ui.window.main_window import MainWindow


def test_a_search_matching_nothing_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.search.hasFocus()
    type_text(qtbot, w.search, "存在しない施策名")
    assert w.proxy.rowCount() == 0
    assert w.no_match.isVisible()
    assert w.no_match.text() == "「存在しない施策名」に一致する項目はありません。"
    w.search.clear()
    assert not w.no_match.isVisible()
    type_text(qtbot, w.search, "農にふれあえる")
    assert w.proxy.rowCount() > 0 and not w.no_match.isVisible()


def test_the_hint_names_the_department_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.dept_combo.setCurrentIndex(w.dept_combo.findData("子育て支援課"))
    type_text(qtbot, w.search, "農にふれあえる")  # 産業振興課's measure
    assert w.proxy.rowCount() == 0
    assert w.no_match.isVisible()
    assert "担当課「子育て支援課」" in w.no_match.text()
    w.dept_combo.setCurrentIndex(w.dept_combo.findData("産業振興課"))
    assert w.proxy.rowCount() > 0 and not w.no_match.isVisible()


def test_the_hint_in_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.translations.apply("en")
    w.dept_combo.setCurrentIndex(w.dept_combo.findData("子育て支援課"))
    qtbot.mouseClick(w.missing, Qt.MouseButton.LeftButton)
    type_text(qtbot, w.search, "zzz")
    assert w.no_match.text() == (
        'Nothing matches "zzz". (also filtered by department "子育て支援課", Only missing this year)')
