"""The KPI grid itself shows each indicator's status: its row header carries the status mark and
the rate in the status colour (the mark is a shape, so it reads without colour), following typing."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kodaira_desk.domain.achievement import Status
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui import theme
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)


def _text(status: Status) -> QColor:
    """The status colour as text is drawn in it: darkened to 4.5:1 on white where needed (issue 28)."""
    return theme.status_text(status.colour)


def _badge(w: MainWindow, name: str) -> tuple[str, QColor]:
    model = w.page.kpi.model
    row = next(r for r, ind in enumerate(model.indicators) if ind.name == name)
    return w.page.kpi.view.verticalHeader().badges[row]  # type: ignore[attr-defined]


def _drawn_in(w: MainWindow, name: str, colour: QColor) -> bool:
    """Is the badge painted: pixels of the status colour at the right of the row's header."""
    header = w.page.kpi.view.verticalHeader()
    model = w.page.kpi.model
    row = next(r for r, ind in enumerate(model.indicators) if ind.name == name)
    w.page.kpi.view.scrollTo(model.index(row, 0))  # the row in view (the legend's lines and the chart take room)
    image = header.grab().toImage()
    top = header.sectionViewportPosition(row)
    for y in range(max(top, 0), min(top + header.sectionSize(row), image.height())):
        for x in range(image.width() - 90, image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue()) < 60:
                return True
    return False


def test_row_headers_carry_mark_and_rate_and_follow_typing(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和2年度")
    clerk.click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    assert _badge(w, "新規就農者数") == ("▲33.3%", _text(Status.BEHIND))
    assert _badge(w, "「小平産の農産物を購入するようにしている」人の割合") == ("－", _text(Status.UNKNOWN))
    assert _badge(w, "援農ボランティア講座修了者数") == ("◎119.1%", _text(Status.ACHIEVED))
    assert _drawn_in(w, "援農ボランティア講座修了者数", _text(Status.ACHIEVED))
    assert not _drawn_in(w, "援農ボランティア講座修了者数", _text(Status.BEHIND))

    cell = clerk.kpi_cell(w, "援農ボランティア講座修了者数", ValueKind.ACTUAL, R2)
    clerk.type_in_cell(qtbot, w, cell, "240人")  # 32 of 47: behind
    assert _badge(w, "援農ボランティア講座修了者数") == ("▲68.1%", _text(Status.BEHIND))
    assert _drawn_in(w, "援農ボランティア講座修了者数", _text(Status.BEHIND))
    assert _badge(w, "新規就農者数")[0] == "▲33.3%"  # the others as they were

    clerk.click_node(qtbot, w, "strategy-2015", "g2.a3")  # another node: its own rows and badges
    w.page.tabs.setCurrentWidget(w.page.kpi)
    names = [ind.name for ind in w.page.kpi.model.indicators]
    assert len(w.page.kpi.view.verticalHeader().badges) == len(names) > 0  # type: ignore[attr-defined]
