"""A department clerk's year, driven through the window with qtbot, checked in the database."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import Measured
from kodaira_desk.services.database import open_database
from kodaira_desk.services.export import dumps, trees_to_json
from kodaira_desk.services.plans import load_all, load_plan
from kodaira_desk.ui.window.main_window import Answer, MainWindow

R2 = FiscalYear(2020)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a Japanese clerk does: ASCII as key presses, the rest committed by the input method."""
    chunk = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            if chunk:
                ev = QInputMethodEvent()
                ev.setCommitString(chunk)
                QApplication.sendEvent(widget, ev)
                chunk = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            chunk += ch
        elif chunk:
            ev = QInputMethodEvent()
            ev.setCommitString(chunk)
            QApplication.sendEvent(widget, ev)


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    idx = combo.findText(text)
    assert idx >= 0, text
    combo.setCurrentIndex(idx)


def click_node(qtbot, w: MainWindow, plan_id: str, key: str) -> None:  # type: ignore[no-untyped-def]
    src = w.model.index_of(plan_id, key)
    idx = w.proxy.mapFromSource(src)
    assert idx.isValid(), key
    w.tree_view.scrollTo(idx)
    rect = w.tree_view.visualRect(idx)
    qtbot.mouseClick(w.tree_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.current == (plan_id, key)
    pane = w.page.kpi.chart_pane if w.page.has_form("kpi") else None
    if pane is not None:  # its grades and chart come a turn after the grid is painted (issue 27)
        qtbot.waitUntil(lambda: not pane.filling(), timeout=5000)


def kpi_cell(w: MainWindow, indicator_name: str, kind: ValueKind, year: FiscalYear) -> QModelIndex:
    model = w.page.kpi.model
    row = next(i for i, ind in enumerate(model.indicators) if ind.name == indicator_name)
    col = next(c for c, spec in enumerate(model.columns) if spec.kind is kind and spec.year == year)
    return model.index(row, col)


def type_in_cell(qtbot, w: MainWindow, index: QModelIndex, text: str) -> None:  # type: ignore[no-untyped-def]
    view = w.page.kpi.view
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # F2 opens the cell editor, as in a spreadsheet
    editor = QApplication.focusWidget()
    if editor is None or editor is view or editor.window() is not w:  # offscreen, a second top-level
        # window may not get the focus (nor the activation: a hidden dialog of a window closed before may keep it)
        editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor is not view
    editor.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on Enter through a queued call: let the event loop run it
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def save(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S as a person presses it, then wait for the worker to finish writing."""
    while (popup := QApplication.activePopupWidget()) is not None:  # a completer typing opened
        popup.close()
    w.activateWindow()  # a dialog closed just before may have kept the activation
    qtbot.waitUntil(w.isActiveWindow, timeout=20000)  # generous: a loaded machine is not a failure
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=10000)


def stored(db_path: Path):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return load_plan(db, "strategy-2015")
    finally:
        db.dispose()


def export(db_path: Path) -> str:
    db = open_database(db_path, create=False)
    try:
        return dumps(trees_to_json(load_all(db)))
    finally:
        db.dispose()


def test_clerk_enters_status_and_kpi_and_saves(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.dept_combo, "産業振興課")
    type_text(qtbot, w.search, "①－２ 農にふれあえる")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.current == ("strategy-2015", "g1.a1.m2")
    choose(w.year_combo, "令和2年度")
    assert w.page.measure.narrative_label.text() == "令和2年度の実施等状況(&N)"  # Alt+N goes to the box
    status = w.page.measure.status
    type_text(qtbot, status.lineEdit(), "実施中")
    type_text(qtbot, w.page.measure.narrative, "・体験農園の区画を拡充しました。")
    assert w.isWindowModified()

    w.search.clear()
    click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2)
    type_in_cell(qtbot, w, cell, "３６５区画")
    assert w.page.kpi.model.data(cell) == "365区画"
    assert w.page.kpi.message.text() == ""

    save(qtbot, w)
    assert not w.isWindowModified()

    tree = stored(db_path)
    entry = tree.progress_in("g1.a1.m2", R2)
    assert entry is not None
    assert entry.status == "実施中"
    assert str(entry.narrative) == "・体験農園の区画を拡充しました。"
    farm = next(i for i in tree.indicators if i.name == "市内体験農園の区画数")
    actual = farm.value(ValueKind.ACTUAL, R2)
    assert (actual is not None and actual.value == Measured(365 * 1, "区画")) or actual.value.number == 365
    assert str(actual.value) == "365区画" and actual.value.unit == "区画"  # type: ignore[union-attr]
    forecast = farm.value(ValueKind.FORECAST, R2)
    assert forecast is not None and str(forecast.value) == "360区画"
    # the earlier years' texts are still there
    assert str(tree.progress_in("g1.a1.m2", FiscalYear(2017)).narrative).startswith("・体験農園や")  # type: ignore[union-attr]


def test_undo_before_saving_restores_the_old_value(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = export(db_path)
    click_node(qtbot, w, "strategy-2015", "g1")
    click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, FiscalYear(2019))
    assert w.page.kpi.model.data(cell) == "325区画"
    type_in_cell(qtbot, w, cell, "330")
    assert w.page.kpi.model.data(cell) == "330区画"  # the indicator's unit is added
    assert w.isWindowModified()
    w.act_undo.trigger()
    assert w.page.kpi.model.data(cell) == "325区画"
    assert not w.isWindowModified()
    w.act_redo.trigger()
    assert w.page.kpi.model.data(cell) == "330区画"
    w.act_undo.trigger()
    save(qtbot, w)
    assert export(db_path) == before


def test_undo_restores_typed_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a2.m3")
    narrative = w.page.measure.narrative
    type_text(qtbot, narrative, "・来場者数は")
    type_text(qtbot, narrative, "12,000人でした。")
    assert narrative.toPlainText() == "・来場者数は12,000人でした。"
    w.act_undo.trigger()  # typing in one field merges into one undo step
    assert narrative.toPlainText() == ""
    assert not w.isWindowModified()


def test_invalid_kpi_input_shows_message_and_writes_nothing(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    before = export(db_path)
    click_node(qtbot, w, "strategy-2015", "g1")
    click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, FiscalYear(2019))
    type_in_cell(qtbot, w, cell, "abc")
    message = w.page.kpi.message.text()
    assert "「abc」は数値として読めません" in message
    assert w.page.kpi.model.data(cell) == "abc"
    assert message == f"{w.page.kpi.model.what(cell)}: {w.page.kpi.model.data(cell, Qt.ItemDataRole.ToolTipRole)}"
    assert w.page.kpi.model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    assert w.isWindowModified()  # a red cell is typed input that is not saved yet (issue 10 §3)
    type_in_cell(qtbot, w, cell, "12人")  # wrong unit for 区画
    assert "単位が違います" in w.page.kpi.message.text()
    save(qtbot, w)
    assert export(db_path) == before


def test_cumulative_indicator_warns_when_it_goes_down(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    click_node(qtbot, w, "strategy-2015", "g1")
    click_node(qtbot, w, "strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "援農ボランティア講座修了者数", ValueKind.ACTUAL, FiscalYear(2019))
    type_in_cell(qtbot, w, cell, "200人")
    tip = w.page.kpi.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "累計" in tip and "231" in tip
    assert w.isWindowModified()  # a warning does not stop the value


def test_closing_with_unsaved_changes_asks(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・認定農業者を支援しました。")
    questions: list[str] = []

    def ask(title: str, text: str) -> Answer:
        questions.append(text)
        return answer

    w.ask = ask  # type: ignore[method-assign]
    answer = Answer.CANCEL
    w.close()
    assert questions and "保存していない変更" in questions[0]
    assert w.isVisible()
    answer = Answer.SAVE
    w.close()
    assert not w.isVisible()
    entry = stored(db_path).progress_in("g1.a1.m1", R2)
    assert entry is not None and str(entry.narrative) == "・認定農業者を支援しました。"


def test_english_switch_changes_the_menus(window: MainWindow) -> None:
    w = window
    assert w.menu_file.title() == "ファイル(&F)"
    w.lang_actions["en"].trigger()
    assert w.menu_file.title() == "&File"
    assert w.act_save.text() == "&Save"
    assert w.year_label.text().strip() == "Fiscal &year"
    assert w.settings.language == "en"
    w.lang_actions["ja"].trigger()
    assert w.menu_file.title() == "ファイル(&F)"


def test_department_filter_and_missing_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.dept_combo, "都市計画課")
    visible = []

    def walk(parent: QModelIndex) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            _plan_id, key = w.model.item_at(w.proxy.mapToSource(idx))
            if key:
                visible.append(key)
            walk(idx)

    walk(QModelIndex())
    assert "g1.a3.m5" in visible and "g1.a1.m1" not in visible
    assert w.dept_label.text().startswith("担当課: 都市計画課")
    choose(w.dept_combo, "（すべての課）")
    assert w.dept_label.text().startswith("担当課: （すべての課）")  # it said 都市計画課 still
    choose(w.year_combo, "令和2年度")
    w.missing.setChecked(True)
    visible.clear()
    walk(QModelIndex())
    assert "g1.a1.m1" in visible  # no R2 text yet
    assert w.model.completeness("strategy-2015", "g1.a1") is True  # every KPI has an R2 forecast
    assert w.model.completeness("strategy-2015", "g1.a1.m1") is False
    assert "p1" not in visible  # the program plan has nothing to enter for R2


def test_budget_cost_entry(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    tree = w.editor.tree("program-2021")
    node = next(n for n in tree.nodes if n.title == "生活保護事業")
    assert w.select_node("program-2021", node.key)
    w.page.tabs.setCurrentWidget(w.page.budget)
    model = w.page.budget.model
    col = next(c for c, y in enumerate(model.years) if y == FiscalYear(2024))
    idx = model.index(0, col)
    assert model.data(idx) == "6,225,723"
    view = w.page.budget.view
    view.setFocus()
    view.setCurrentIndex(idx)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()  # type: ignore[union-attr]
    type_text(qtbot, editor, "6,300,000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    save(qtbot, w)
    db = open_database(db_path, create=False)
    saved = load_plan(db, "program-2021").node(node.key).budget
    db.dispose()
    assert saved is not None and str(saved.costs[FiscalYear(2024)]) == "6,300,000"
    assert str(saved.costs[FiscalYear(2021)]) == "5,823,258"


def test_models_pass_qt_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.model)
    window.select_node("strategy-2015", "g1.a1")
    qtmodeltester.check(window.page.kpi.model)
    tree = window.editor.tree("program-2021")
    window.select_node("program-2021", next(n.key for n in tree.nodes if n.budget))
    qtmodeltester.check(window.page.budget.model)
    window.select_node("restructuring", "r.1.1.n6")
    qtmodeltester.check(window.page.schedule.model)


def test_json_export_unchanged_by_just_browsing(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = json.loads(export(db_path))
    window.select_node("program-2021", "p1")
    save(qtbot, window)
    assert json.loads(export(db_path)) == before
