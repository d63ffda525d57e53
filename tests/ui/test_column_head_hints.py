"""The grids' columns are fitted to their heads from hints kept by the head's text, font and style
(issue 27: Qt's `sectionSizeHint` asked the Python model several roles and measured the text again
for every column of every item selected). The widths stay what Qt's hint gives — never narrower —
also after 表示 > 文字の大きさ changes the font (a hint kept for the smaller font is not used)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.window_a11y import set_font_scale


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _never_narrower_than_qts_hint(w: MainWindow) -> None:
    form = w.page.kpi
    header = form.view.horizontalHeader()
    assert form.model.columnCount() > 2
    for column in range(form.model.columnCount()):
        assert header.sectionSize(column) >= min(header.sectionSizeHint(column), 360), column


def test_the_heads_fit_after_another_item_and_a_larger_font(window: MainWindow) -> None:
    w = window
    tree = w.editor.tree("strategy-2015")
    a, b = [n.key for n in tree.nodes if tree.indicators_of(n.key)][:2]
    for key in (a, b):
        assert w.select_node("strategy-2015", key)
        _settle()
        _never_narrower_than_qts_hint(w)
    header = w.page.kpi.view.horizontalHeader()
    small = [header.sectionSizeHint(c) for c in range(header.count())]
    try:
        set_font_scale(w, 2.0)
        _settle()
        assert [header.sectionSizeHint(c) for c in range(header.count())] != small  # (the case tested)
        for key in (a, b):
            assert w.select_node("strategy-2015", key)
            _settle()
            _never_narrower_than_qts_hint(w)
    finally:
        set_font_scale(w, 1.0)
