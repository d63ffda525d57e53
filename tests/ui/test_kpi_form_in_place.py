"""A collection that changes the item shown brings its KPI form up to date in place (issue 27: the
form was built again in the take-in's turn): no reset, the changed rows asked again. What the form
then shows is what selecting the item afresh shows, cell by cell (texts, colours, yellow checks,
marks, tooltips, the words a screen reader says), with its headers, badges and grades; the person's
unsaved edits, an open editor's text included, stay edits over the collected figures; and the
grading settings are read with the collection on the runner, not on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)
PLAN, ITEM = "strategy-2015", "g1.a1"  # 産業振興課's: four indicators, one of them 累計
_R = Qt.ItemDataRole
ROLES = [int(r.value) for r in (_R.DisplayRole, _R.EditRole, _R.FontRole, _R.BackgroundRole, _R.ForegroundRole,
                                _R.ToolTipRole, _R.AccessibleTextRole, _R.AccessibleDescriptionRole,
                                _R.TextAlignmentRole)]


def _returned(window: MainWindow, folder: Path, figures: dict[str, str]) -> Path:
    """産業振興課's file for 令和2年度, with these figures typed and saved in it by its clerk."""
    from kodaira_desk.services.editing import content_of, target_of
    from kodaira_desk.services.rounds.handout import handout
    from kodaira_desk.services.workspace import Workspace

    made = handout(window.db, R2, folder, departments=["産業振興課"])
    clerk = Workspace.open(made[0].path, create=False)
    session = clerk.load_plans()
    for key, text in figures.items():
        target = target_of(key)
        session.put(target, content_of(target, text))
    clerk.save_session()
    clerk.close()
    return made[0].path


def _collect(qtbot, window: MainWindow, path: Path, meanwhile: Any = None) -> None:  # type: ignore[no-untyped-def]
    """回収状況と取り込み opened, `meanwhile()` done in the window (it stays open beside it), then the
    file dropped on it and taken in."""
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    if meanwhile is not None:
        meanwhile()
    collect.add_files([path])
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30000)
    assert "× " not in collect.log.toPlainText(), collect.log.toPlainText()
    collect.close()


def _plain(value: object) -> object:
    if isinstance(value, QBrush):
        return value.color().name(QColor.NameFormat.HexArgb), int(value.style().value)
    if isinstance(value, QFont):
        return value.toString()
    if isinstance(value, Qt.ItemFlag):
        return int(value.value)
    return value if value is None or isinstance(value, (str, int, float, bool)) else repr(value)


def _shown(qtbot, window: MainWindow) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Everything the KPI form shows of the item, once its pane has graded it."""
    from kodaira_desk.ui.forms.grid_model import CELL_STATE_ROLE
    from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE

    form = window.page.kpi
    pane = form.chart_pane
    assert pane is not None
    qtbot.waitUntil(lambda: not pane.pending, timeout=5000)
    model = form.model
    rows, columns = model.rowCount(), model.columnCount()
    cells = {(r, c, role): _plain(model.index(r, c).data(role))
             for r in range(rows) for c in range(columns) for role in [*ROLES, CELL_STATE_ROLE, ANNOTATION_ROLE]}
    flags = {(r, c): _plain(model.flags(model.index(r, c))) for r in range(rows) for c in range(columns)}
    headers = {(s, o.name, role): _plain(model.headerData(s, o, role))
               for o, n in ((Qt.Orientation.Vertical, rows), (Qt.Orientation.Horizontal, columns))
               for s in range(n) for role in ROLES}
    names = form.view.verticalHeader()
    return {
        "cells": cells, "flags": flags, "headers": headers, "columns": list(model.columns),
        "warnings": [model.warnings_at(model.index(r, c)) for r in range(rows) for c in range(columns)],
        "badges": {r: (t, c.name()) for r, (t, c) in getattr(names, "badges", {}).items()},
        "grades": [(i.key, a.status, a.rate_text) for i, a in pane.list_model.rows],
        "checks": dict(pane.list_model.checks), "status": pane.status_label.text(),
        "details": form.details.text(), "message": form.message.text(),
        "confirmable": form.confirm_action.isEnabled(), "legend": form.legend.text(),
    }


def _select_afresh(qtbot, window: MainWindow, cell: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Another item, then the item again: the form loaded from the plan as it is now, its current
    cell put where the person's was (the details line is the current row's)."""
    assert window.select_node(PLAN, "g1")
    assert window.select_node(PLAN, ITEM)
    window.page.tabs.setCurrentWidget(window.page.kpi)
    model = window.page.kpi.model
    window.page.kpi.view.setCurrentIndex(model.index(*cell))
    qtbot.wait(20)


def _cell(window: MainWindow, key: str, kind: ValueKind = ValueKind.ACTUAL) -> QModelIndex:
    model = window.page.kpi.model
    row = next(r for r, ind in enumerate(model.indicators) if ind.key == key)
    column = next(c for c, spec in enumerate(model.columns) if spec.kind is kind and spec.year == R2)
    return model.index(row, column)


def _on_item(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    assert window.select_node(PLAN, ITEM)
    window.page.tabs.setCurrentWidget(window.page.kpi)
    qtbot.waitUntil(lambda: window.page.kpi.chart_pane is not None and not window.page.kpi.chart_pane.pending,
                    timeout=5000)


def test_the_form_brought_up_to_date_in_place_shows_what_selecting_it_afresh_shows(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    _on_item(qtbot, window)
    # 区画数 changed; 修了者数 (累計) below the year before's 249人: yellow; 新規就農者数 the same text as a
    # 見込 a row above would not change (a figure in a row of its own)
    path = _returned(window, tmp_path / "配布", {
        f"value:{PLAN}:{ITEM}.k3:actual:2020:": "330区画",
        f"value:{PLAN}:{ITEM}.k4:actual:2020:": "240人",
        f"value:{PLAN}:{ITEM}.k1:forecast:2020:": "2人",
    })
    before = _shown(qtbot, window)
    assert _cell(window, f"{ITEM}.k4").data() != "240人"
    view = window.page.kpi.view
    view.setCurrentIndex(_cell(window, f"{ITEM}.k4"))
    resets: list[object] = []
    window.page.kpi.model.modelReset.connect(lambda: resets.append(1))

    _collect(qtbot, window, path)

    assert resets == []  # brought up to date in place: not loaded again
    assert _cell(window, f"{ITEM}.k3").data() == "330区画"
    assert _cell(window, f"{ITEM}.k4").data() == "240人"
    assert window.page.kpi.model.warnings_at(_cell(window, f"{ITEM}.k4"))  # 累計 below the year before
    current = view.currentIndex()
    assert (current.row(), current.column()) == (_cell(window, f"{ITEM}.k4").row(), _cell(window, f"{ITEM}.k4").column())
    in_place = _shown(qtbot, window)
    assert in_place != before  # (the collection changed what the form shows)
    assert in_place["confirmable"]  # the current cell turned yellow: 確認済みにする offered

    _select_afresh(qtbot, window, (current.row(), current.column()))
    afresh = _shown(qtbot, window)
    for part in afresh:
        if part == "cells":
            differ = {k: (in_place["cells"][k], v) for k, v in afresh["cells"].items() if in_place["cells"][k] != v}
            assert not differ, differ
        else:
            assert in_place[part] == afresh[part], part


def test_unsaved_edits_and_an_open_editor_stay_edits_over_the_collected_figures(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """As before the form was brought up to date in place: the collection takes an open editor's
    text into its field first (the Editor's gate); both edits stay unsaved edits, shown bold over
    the figures collected, which are now what the fields hold; Save writes the person's."""
    from grid_helpers import type_keys
    from test_clerk import type_in_cell

    from kodaira_desk.services.editing import target_of
    from kodaira_desk.services.plans import load_plan

    _on_item(qtbot, window)
    path = _returned(window, tmp_path / "配布", {f"value:{PLAN}:{ITEM}.k3:actual:2020:": "330区画",
                                                f"value:{PLAN}:{ITEM}.k4:actual:2020:": "260人"})
    view = window.page.kpi.view

    def typed() -> None:  # in the window, with the collection's window open beside it
        type_in_cell(qtbot, window, _cell(window, f"{ITEM}.k3"), "333区画")
        view.setCurrentIndex(_cell(window, f"{ITEM}.k4"))
        type_keys(qtbot, view, "270")  # typed over the cell, not yet entered: its editor open
        assert view.state() == QAbstractItemView.State.EditingState

    _collect(qtbot, window, path, typed)

    k3, k4 = target_of(f"value:{PLAN}:{ITEM}.k3:actual:2020:"), target_of(f"value:{PLAN}:{ITEM}.k4:actual:2020:")
    assert _cell(window, f"{ITEM}.k3").data() == "333区画"
    assert _cell(window, f"{ITEM}.k4").data() == "270人"
    for cell in (_cell(window, f"{ITEM}.k3"), _cell(window, f"{ITEM}.k4")):
        font = cell.data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()  # an unsaved edit, as the legend says
    pending = window.editor.session.pending()
    assert k3 in pending and k4 in pending
    printed = window.page.kpi.model.printed
    assert printed(window.editor.stored(k3)) == "330区画"  # what the collection wrote is the field's now
    assert printed(window.editor.stored(k4)) == "260人"
    window.act_save.trigger()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20000)
    assert not window.editor.unsaved()
    saved = load_plan(window.db, PLAN)
    assert {str(v.value) for v in saved.indicator(f"{ITEM}.k3").values if v.kind is ValueKind.ACTUAL
            and v.year == R2} == {"333区画"}
    assert {str(v.value) for v in saved.indicator(f"{ITEM}.k4").values if v.kind is ValueKind.ACTUAL
            and v.year == R2} == {"270人"}


def test_the_grading_settings_are_read_with_the_collection_not_on_the_gui_thread(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    from kodaira_desk.services import achievement

    _on_item(qtbot, window)
    path = _returned(window, tmp_path / "配布", {f"value:{PLAN}:{ITEM}.k3:actual:2020:": "330区画"})
    # the thresholds changed meanwhile by another window: the grades after the collection use them
    achievement.set_thresholds(window.db, "90", "70")
    read_on: list[str] = []
    real_one, real_many = achievement.load_settings, achievement.load_settings_of

    def one(*args: Any) -> Any:
        read_on.append(threading.current_thread().name)
        return real_one(*args)

    def many(*args: Any) -> Any:
        read_on.append(threading.current_thread().name)
        return real_many(*args)

    monkeypatch.setattr(achievement, "load_settings", one)
    monkeypatch.setattr(achievement, "load_settings_of", many)
    _collect(qtbot, window, path)
    pane = window.page.kpi.chart_pane
    assert pane is not None
    qtbot.waitUntil(lambda: not pane.pending, timeout=5000)
    QApplication.processEvents()
    assert read_on and threading.main_thread().name not in read_on, read_on
    assert pane.settings.thresholds == real_one(window.db, PLAN).thresholds  # the 90 / 70 now stored
    assert str(pane.settings.thresholds.achieved) == "90"
