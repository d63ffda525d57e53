"""Pressing keys in the grids the way a clerk does, and reading the saved values back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyleOptionViewItem, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, Revision, ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.window.main_window import MainWindow

R1, R2 = FiscalYear(2019), FiscalYear(2020)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_kpi(w: MainWindow, plan_id: str, node: str) -> QAbstractItemView:
    """Select the node with 令和2年度 as the entry year (a clerk file keeps its own year)."""
    if w.year_combo.isEnabled():
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node(plan_id, node)
    w.page.tabs.setCurrentWidget(w.page.kpi)
    pane_filled(w)
    view = w.page.kpi.view
    view.setFocus()
    return view


def pane_filled(w: MainWindow) -> None:
    """Let the event loop turn until the KPI pane has graded and drawn the item selected (it does
    so a turn after the grid is painted, issue 27)."""
    pane = w.page.kpi.chart_pane if w.page.has_form("kpi") else None
    for _turn in range(1000):
        if pane is None or not pane.filling():
            return
        QApplication.processEvents()
    raise AssertionError("the KPI pane was never filled")


def cell(w: MainWindow, indicator_key: str, kind: ValueKind, year: FiscalYear) -> QModelIndex:
    model = w.page.kpi.model
    row = next(i for i, ind in enumerate(model.indicators) if ind.key == indicator_key)
    col = next(c for c, spec in enumerate(model.columns) if spec.kind is kind and spec.year == year)
    return model.index(row, col)


def focused(view: QAbstractItemView) -> QWidget:
    """Where the keys go: the open cell editor, else the view."""
    if view.state() == QAbstractItemView.State.EditingState:
        w = QApplication.focusWidget()
        if w is not None and w is not view and view.isAncestorOf(w):
            return w
        editors = [c for c in view.viewport().findChildren(QWidget) if c.isVisible()]
        if editors:
            return editors[-1]
    return view


def press(qtbot, view: QAbstractItemView, key: Qt.Key,  # type: ignore[no-untyped-def]
          mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(view), key, mods)


def type_keys(qtbot, view: QAbstractItemView, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over the current cell: the first key opens the editor, the rest go into it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(focused(view), ch)
        else:  # Japanese comes from the input method as a committed string
            ev = QInputMethodEvent()
            ev.setCommitString(ch)
            QApplication.sendEvent(focused(view), ev)


def enter(qtbot, w: MainWindow, index: QModelIndex, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` over a KPI cell, then Enter."""
    view = w.page.kpi.view
    view.setCurrentIndex(index)
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def saved(db_path: Path, plan_id: str = "strategy-2015") -> PlanTree:
    db = open_database(db_path, create=False)
    try:
        return load_plan(db, plan_id)
    finally:
        db.dispose()


def saved_value(db_path: Path, indicator_key: str, kind: ValueKind, year: FiscalYear) -> str | None:
    tree = saved(db_path)
    ind = tree.indicator(indicator_key)
    v = ind.value(kind, year, None if kind is ValueKind.TARGET else Revision.CURRENT)
    return None if v is None else str(v.value) + "".join(v.marks)


def clerk_window(db_path: Path, tmp_path: Path, department: str) -> MainWindow:
    """Hand out a 令和2年度 file to `department` from the master and open it as its clerk does."""
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings

    master = open_database(db_path, create=False)
    try:
        made = handout(master, R2, tmp_path / "配布", [department])
    finally:
        master.dispose()
    app = QApplication.instance()
    tr = Translations(app)  # type: ignore[arg-type]
    tr.apply("ja")
    settings = Settings()
    if not settings.user_name:  # (given once in real use: a save asking for it would wait on a dialog)
        settings.user_name = f"{department} 試験"
    w = MainWindow(open_database(made[0].path, create=False), settings, tr)
    w.resize(1366, 768)
    w.show()
    return w


def close_window(w: MainWindow) -> None:
    from kodaira_desk.ui.window.main_window import Answer

    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    w.close()
    w.db.dispose()


def painted(view: QAbstractItemView, index: QModelIndex) -> tuple[str, str, bool, str]:
    """What the grid's delegate paints in a cell: its text, background, boldness and text colour, as
    Qt asks the model for them (issue 27: kept between repaints)."""
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, index)  # type: ignore[attr-defined]
    return (option.text, option.backgroundBrush.color().name() if option.backgroundBrush.style() != Qt.BrushStyle.NoBrush
            else "", option.font.bold(), option.palette.color(QPalette.ColorRole.Text).name())
