"""The KPI grid's names (its row header) are as wide as the form makes them (`_fit_names`, or dragged
by their edge): Qt's size hint measured every indicator's name again after each item's reset only
for the view to replace it with that width (issue 27). The header's hint is that width; the grid
is laid out as with Qt's own hint."""

from __future__ import annotations

from grid_helpers import open_kpi, pane_filled
from PySide6.QtWidgets import QApplication

from kodaira_desk.ui.forms.grid_view import NameHeader
from kodaira_desk.ui.window.main_window import MainWindow

ITEMS = [("strategy-2015", "g1.a1"), ("strategy-2015", "g1"), ("program-2021", "p2"), ("strategy-2015", "g3.a3")]


def _laid_out(w: MainWindow) -> list[tuple[int, int, int, int]]:
    view = w.page.kpi.view
    return [view.verticalHeader().geometry().getRect(), view.horizontalHeader().geometry().getRect(),
            view.viewport().geometry().getRect()]


def _walk(w: MainWindow) -> list[list[tuple[int, int, int, int]]]:
    shown = []
    for plan_id, key in ITEMS:
        assert w.select_node(plan_id, key)
        pane_filled(w)
        QApplication.processEvents()
        shown.append(_laid_out(w))
    return shown


def test_the_names_hint_is_their_width_and_the_grid_is_laid_out_as_with_qts_hint(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, *ITEMS[-1])
    _walk(w)  # (the first walk settles the form's splitter: the heights of the ones after it)
    ours = _walk(w)
    monkeypatch.setattr(NameHeader, "HINT_FROM_WIDTH", False)
    assert _walk(w) == ours  # (Qt's own hint: the same widths, heights and places)
    monkeypatch.setattr(NameHeader, "HINT_FROM_WIDTH", True)

    # after a reset (another item), the names' hint is their width, not their texts measured
    view = w.page.kpi.view
    names = view.verticalHeader()
    assert isinstance(names, NameHeader)
    assert w.select_node(*ITEMS[0])
    QApplication.sendPostedEvents()
    assert view.verticalHeader().width() == names.minimumWidth() == names.sizeHint().width()

    # dragged wider by its edge, the names keep the width dragged to, the cells moved right with them
    left = view.viewport().geometry().left()
    names.setFixedWidth(names.width() + 40)
    view.updateGeometries()
    assert names.width() == names.sizeHint().width() == names.maximumWidth()
    assert view.viewport().geometry().left() == left + 40
