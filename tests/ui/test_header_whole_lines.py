"""The node header's description at 1366×768 shows no line cut in half: for every item of the
city's data, in Japanese and English and at the larger text size, its visible area either holds
the whole laid-out text or ends where a line begins, with the scroll bar shown for the rest (a cap
of five line spacings plus the document's margins showed the top half of the sixth line), and
no scroll bar when the whole text shows (the header shows or hides it, not Qt)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kodaira_desk.ui import theme
from kodaira_desk.ui.window.main_window import MainWindow


def _cut_lines(w: MainWindow) -> list[str]:
    """Every item whose description shows a part of a line, or hides text with no scroll bar."""
    header = w.page.header
    box = header.description
    cut: list[str] = []
    for plan_id in list(w.editor.trees):
        tree = w.editor.tree(plan_id)
        for node in (None, *tree.nodes):
            header.load(tree, node, w.year)
            if not box.isVisible():
                continue
            QApplication.processEvents()  # the scroll bar follows the new height
            name = f"{plan_id}:{node.key if node else '-'}"
            seen = box.viewport().height()
            box.verticalScrollBar().setValue(0)
            doc = box.document()
            assert doc.textWidth() == box.viewport().width(), name  # laid out as shown
            if doc.size().height() > seen and not box.verticalScrollBar().isVisible():
                cut.append(f"{name}: hidden text, no scroll bar")
            if doc.size().height() <= seen and box.verticalScrollBar().isVisible():
                cut.append(f"{name}: a scroll bar with nothing to scroll")  # (shown by the header, issue 27)
            block = doc.begin()
            while block.isValid():
                layout = block.layout()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    top = layout.position().y() + line.y()
                    if top < seen < top + line.height() - 0.5:
                        cut.append(f"{name}: line at {top:.1f}–{top + line.height():.1f} cut at {seen}")
                block = block.next()
    return cut


@pytest.mark.parametrize(("language", "scale"), [("ja", 1.0), ("en", 1.0), ("ja", 1.5)])
def test_no_description_line_cut_in_half(qtbot, window: MainWindow, language: str, scale: float) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert (w.width(), w.height()) == (1366, 768)
    w.translations.apply(language)
    if scale != 1.0:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_font(app, app.font().family(), scale)
        qtbot.wait(50)
    assert _cut_lines(w) == []


def test_the_description_is_fitted_again_when_the_header_is_narrowed_not_when_it_grows(window: MainWindow) -> None:
    """The header's height follows its description (and its title's lines): such a resize does not
    measure the text again (it was measured and cut for that width a moment before: each item with
    indicators was fitted twice, issue 27); a narrower header wraps the text anew, to whole lines."""
    w = window
    assert w.select_node("strategy-2015", "g1")  # a long 達成状況の概要
    for _ in range(3):
        QApplication.processEvents()
    header = w.page.header
    box = header.description
    fits: list[int] = []
    fit = header._fit_description

    def counted() -> None:
        fits.append(1)
        fit()

    header._fit_description = counted  # type: ignore[method-assign]
    shown = box.height()
    header.resize(header.width(), header.height() + 40)  # taller only (as its layout does)
    assert fits == [] and box.height() == shown
    width = box.viewport().width()
    header.resize(header.width() - 300, header.height())
    assert fits, "a narrower header fits its text again"
    doc = box.document()
    assert doc.textWidth() < width and doc.textWidth() == box.viewport().width()
    assert box.height() > shown or box.verticalScrollBar().isVisible()  # more lines: taller, or scrolled
