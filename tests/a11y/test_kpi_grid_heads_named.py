"""The KPI grid's row and column headers and its corner button (select all) have accessible names, in
the window's language: a screen reader's review of the window reads no nameless control there."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QHeaderView


def _corner(view):  # type: ignore[no-untyped-def]
    return next(b for b in view.findChildren(QAbstractButton)
                if b.metaObject().className() == "QTableCornerButton")


def test_kpi_grid_heads_and_corner_are_named(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    view = w.page.kpi.view
    qtbot.waitUntil(view.isVisible)
    heads = [h for h in view.findChildren(QHeaderView) if h.isVisible()]
    assert len(heads) == 2
    names = {h.accessibleName() for h in heads}
    assert all(names) and len(names) == 2 and all("指標" in n for n in names)
    assert "すべて選択" in _corner(view).accessibleName()
    w.translations.apply("en")
    try:
        qtbot.waitUntil(lambda: "select all" in _corner(view).accessibleName())
        assert all("header" in h.accessibleName() for h in heads)
    finally:
        w.translations.apply("ja")
