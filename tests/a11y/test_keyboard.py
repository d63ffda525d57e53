"""Keyboard-first (issue 28): Tab follows each form's reading order with the toolbar out of it,
F6 / Ctrl+Tab go from pane to pane, the KPI grid takes the keyboard at the entry year's first
empty cell and lets it go at its last cell, every dialog's Tab order is its reading order."""

from __future__ import annotations

from pathlib import Path

from a11y_kit import label_of, tab_chain
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window import window_a11y
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
TOOLBAR = {"yearCombo", "departmentCombo", "search", "onlyMissing"}


def _measure(w: MainWindow) -> None:
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m2")
    QApplication.processEvents()


def _kpi(w: MainWindow, node: str = "g1.a1") -> None:
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", node)
    w.page.tabs.setCurrentWidget(w.page.kpi)
    QApplication.processEvents()


def _press(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> str:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, key, mods)
    QApplication.processEvents()
    return label_of(QApplication.focusWidget())


def test_tab_follows_the_measure_form_and_skips_the_toolbar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    _measure(w)
    # the notes' buttons under the narrative (issue 25: 進捗状況のメモ・添付…, 実施等状況のメモ・添付…)
    forward = ["planTree", "description", "nodeTabBar", "status", "narrative", "notesButton_status",
               "notesButton_narrative", "history", "planTree"]
    assert tab_chain(w.tree_view, 8) == forward
    assert tab_chain(w.tree_view, 8, Qt.Key.Key_Backtab, SHIFT) == ["planTree", *reversed(forward[1:-1]), "planTree"]
    assert not TOOLBAR & set(tab_chain(w.tree_view, 12))
    # the toolbar is still reached: its labels' mnemonics and Ctrl+F
    QTest.keyClick(w, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is w.year_combo
    QTest.keyClick(w, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is w.dept_combo
    QTest.keyClick(w, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is w.search
    # and the form's labels lead to their fields: Alt+N to the narrative, Alt+S to the status
    QTest.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is w.page.measure.narrative
    QTest.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert label_of(QApplication.focusWidget()) == "status"


def _entry_cell(w: MainWindow) -> tuple[int, int]:
    """The first empty 令和2年度 実績 cell that can be typed into, read from the model."""
    model = w.page.kpi.model
    col = next(c for c, s in enumerate(model.columns) if s.year == R2 and s.kind is ValueKind.ACTUAL)
    row = next(r for r in range(model.rowCount()) if not model.data(model.index(r, col))
               and model.flags(model.index(r, col)) & Qt.ItemFlag.ItemIsEditable)
    return row, col


def test_the_kpi_grid_takes_the_keyboard_at_the_entry_cell_and_lets_it_go(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    _kpi(w)
    view = w.page.kpi.view
    assert tab_chain(w.tree_view, 3) == ["planTree", "description", "nodeTabBar", "kpiGrid"]
    current = view.currentIndex()
    assert (current.row(), current.column()) == _entry_cell(w)
    assert w.page.kpi.model.columns[current.column()].year == R2
    # typing goes there at once, as a clerk expects
    QTest.keyClicks(view, "7")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.page.kpi.model.data(current) == "7人", timeout=3000)
    # Tab walks the cells, and from the last one on to the chart's controls: no keyboard trap
    model = w.page.kpi.model
    view.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    assert _press(Qt.Key.Key_Tab) == "kpiStatusList"
    assert _press(Qt.Key.Key_Tab) == "lowerIsBetter"
    assert _press(Qt.Key.Key_Tab) == "kpiChartAsTable"
    assert _press(Qt.Key.Key_Backtab, SHIFT) == "lowerIsBetter"
    # Shift+Tab on the grid's first cell goes back to the form's tabs
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    assert _press(Qt.Key.Key_Backtab, SHIFT) == "nodeTabBar"


def test_f6_and_ctrl_tab_go_from_pane_to_pane(qtbot, window: MainWindow, clerk) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    _measure(w)
    w.tree_view.setFocus()
    assert [_press(Qt.Key.Key_F6) for _ in range(3)] == ["status", "windowMessage", "planTree"]
    assert [_press(Qt.Key.Key_F6, SHIFT) for _ in range(3)] == ["windowMessage", "status", "planTree"]
    assert _press(Qt.Key.Key_Tab, CTRL) == "status"
    # back to the pane: where the keyboard was last in it
    w.page.measure.narrative.setFocus()
    _press(Qt.Key.Key_F6)
    assert _press(Qt.Key.Key_F6) == "planTree"
    assert label_of(QApplication.focusWidget()) == "planTree"
    QTest.keyClick(w.tree_view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.page.measure.narrative

    _kpi(w)
    w.tree_view.setFocus()
    met = [_press(Qt.Key.Key_F6) for _ in range(5)]
    assert met == ["nodeTabBar", "kpiGrid", "kpiStatusList", "windowMessage", "planTree"]
    view = w.page.kpi.view
    cur = view.currentIndex()
    assert (cur.row(), cur.column()) == _entry_cell(w)  # F6 into the grid: the entry cell
    # a refused value: the grid's message line is the message pane, and says it aloud
    clerk.type_in_cell(qtbot, w, clerk.kpi_cell(w, "新規就農者数", ValueKind.ACTUAL, R2), "たくさん")
    assert w.page.kpi.message.isVisible()
    w.tree_view.setFocus()
    assert [_press(Qt.Key.Key_F6, SHIFT) for _ in range(2)] == ["kpiGridMessage", "kpiStatusList"]
    assert w.page.kpi.message.accessibleName() == ""  # a label is read as its text: the message
    # the window's messages (Save's) are reachable too, and stay until the next one
    w.statusBar().showMessage("3 件の変更を保存しました。", 100)
    qtbot.wait(200)
    assert w.statusBar().line.text() == "3 件の変更を保存しました。"  # type: ignore[attr-defined]


def test_the_chart_is_also_a_table_to_read_and_copy(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    _kpi(w)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    w.page.kpi.view.setCurrentIndex(w.page.kpi.model.index(3, 0))  # 援農ボランティア講座修了者数
    QTest.keyClick(w, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # 表で見る (a mnemonic clicks after 100 ms)
    table = pane.views.table
    qtbot.waitUntil(table.isVisible, timeout=3000)
    assert not pane.chart.isVisible()
    model = table.data_model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headings[:2] == ["実績", "実績（見込）"] and "目標" in "".join(headings)
    years = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert years[0] == "平成26年度" and "令和2年度" in years
    assert model.text(years.index("令和2年度"), 1) == "264人"  # the 見込, as printed
    # the status in words, where a screen reader reads the table's description
    assert table.accessibleDescription() == pane.status_label.text()
    assert "令和2年度" in table.accessibleDescription() and "達成" in table.accessibleDescription()
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_C, CTRL)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[:3] == ["年度", "実績", "実績（見込）"]
    assert any(line.startswith("令和2年度\t") and "264人" in line for line in copied)
    QTest.keyClick(w, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(pane.chart.isVisible, timeout=3000)


def test_keyboard_help_lists_the_window_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.activateWindow()
    QTest.keyClick(w, Qt.Key.Key_F1)
    from kodaira_desk.ui.window.keyboard_help import KeyboardHelp

    help_ = next(t for t in QApplication.topLevelWidgets() if isinstance(t, KeyboardHelp) and t.isVisible())
    rows = help_.rows()
    assert ("メニュー", "保存", "Ctrl+S") in rows
    assert ("メニュー", "キーボード操作", "F1") in rows
    assert any(keys == "F6, Ctrl+Tab" for _w, _what, keys in rows)
    assert any("Ctrl+D" in keys for _w, _what, keys in rows)
    # every menu command with a shortcut is listed, as the menus say it (名前を付けて保存's
    # Ctrl+Shift+S was left out when it was added to ファイル)
    menus = [a.menu() for a in w.menuBar().actions() if a.menu() is not None]
    shown = [a for m in menus for a in m.actions() if a.shortcuts() and a.isVisible() and not a.isSeparator()]
    assert w.act_save_as in shown
    for action in shown:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        assert any(k == keys for _w, _what, k in rows), action.text()
    assert help_.table.accessibleName() == "キーボード操作の一覧"
    help_.close()
    assert w.act_keys.text() == "キーボード操作(&K)" and w.act_keys in w.menu_help.actions()


def _chain_of(dialog: QWidget, presses: int) -> list[str]:
    dialog.activateWindow()
    QApplication.processEvents()
    first = dialog.focusWidget() or dialog
    return tab_chain(first, presses)


def _cycle(chain: list[str]) -> list[str]:
    """The chain up to where it starts again."""
    return chain[:chain.index(chain[0], 1)] if chain[0] in chain[1:] else chain


def test_each_dialog_tabs_in_reading_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    handout = w.show_handout()
    qtbot.waitUntil(lambda: not handout.reading, timeout=30000)  # read on the runner (issue 27)
    deadline = ["deadline"] if handout.round_box.date.isEnabled() else []  # (off until 提出期限 is checked)
    assert _cycle(_chain_of(handout, 14)) == [
        "handoutYear", "handoutFormat", "hasDeadline", *deadline, "headCheckRequired", "handoutDepartments",
        "すべて選択(A)", "選択を解除(U)", "handoutFolder", "参照(B)…", "作成する(M)", "閉じる(C)"]
    handout.close()
    board = w.show_board()
    assert _cycle(_chain_of(board, 10)) == [
        "boardYear", "achievedThreshold", "onTrackThreshold", "applyThresholds", "boardTable", "CSVに書き出す(E)…",
        "閉じる(C)"]
    board.close()
    report = w.show_report_dialog()
    assert report is not None
    report.kind.setCurrentIndex(report.kind.findData("kpi"))
    report.all_years.setChecked(False)
    chain = _cycle([c for c in _chain_of(report, 30) if c != "reportDate"] )
    assert chain == ["reportKind", "reportHandout", "reportMeeting", "reportUseDate", "reportDraft",
                     "reportDepartment", "すべての年度(A)", "reportFirstYear", "reportLastYear", "reportStatusColumn",
                     "reportChartPages", "reportFieldNotes", "プレビュー(V)", "保存(S)…", "reportPrint", "閉じる(C)", "previewArea"]
    report.close()
    collect = w.show_collect()
    assert collect is not None
    assert _cycle(_chain_of(collect, 14)) == ["roundYear", "roundSettingsButton", "roundTable", "collectLog",
                                             "collectAdd", "競合を確認(K)…", "閉じる(C)"]  # (催促, 了承: off)
    collect.close()
    audit = w.show_audit()
    qtbot.waitUntil(lambda: not audit.reading, timeout=30000)  # read on the runner (issue 27)
    assert _cycle(_chain_of(audit, 10)) == ["auditFilter", "auditSource", "auditTable", "CSV に書き出す(E)…",
                                           "閉じる(C)"]
    audit.close()
    conflicts = w.show_conflicts()
    qtbot.waitUntil(lambda: not conflicts.reading, timeout=30000)  # read on the runner (issue 27)
    assert conflicts is not None
    assert _cycle(_chain_of(conflicts, 10))[:3] == ["conflictTable", "conflictMaster", "conflictDepartment"]
    conflicts.close()
    keys = window_a11y.show_keyboard_help(w)
    assert _cycle(_chain_of(keys, 4)) == ["keyboardTable", "閉じる(C)"]
    keys.close()


def test_plan_editor_tabs_in_reading_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    editor = w.show_plan_editor()
    assert editor is not None
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("strategy-2015"))  # five targets a row
    node = next(n for n in editor.tree.nodes if editor.tree.indicators_of(n.key))  # type: ignore[union-attr]
    editor.select(node.key)
    chain = _cycle(_chain_of(editor, 80))
    top = ["planCombo", "newPlanButton", "nextPeriodButton", "planExportButton", "planImportButton",
           "roundSettingButton", "planUndo", "planRedo", "qt_tabwidget_tabbar"]
    assert [c for c in chain if c in top] == [c for c in top if c not in ("planUndo", "planRedo")]  # (off: skipped)
    structure = ["newNodeTitle", "node_addTop", "node_addChild", "node_up", "node_down", "node_indent",
                 "node_outdent", "node_renumber", "node_remove", "structureView", "nodeNumber", "nodeTitle",
                 "nodeLead", "nodeLeadNew", "nodeApply", "indicatorCombo", "indicatorName", "indicatorNumber", "indicatorUnit",
                 "indicatorCumulative", "indicatorPartOf", "indicatorLead", "indicatorLeadNew",
                 *(["indicatorUseProposal"] if editor.indicator_form.use_proposal.isVisibleTo(editor) else []),
                 "indicatorRelated", "indicatorSource", "indicatorBaseline", "indicatorBaselineYear",
                 "indicatorBaselineAsOf"]
    at = chain.index("newNodeTitle")
    assert chain[at:at + len(structure)] == structure
    targets = [c for c in chain if c.startswith("target_")]
    assert targets == sorted(targets) and len(targets) >= 5  # the targets' boxes by year, in their row
    after = chain[chain.index(targets[-1]) + 1:]
    assert after[:4] == ["indicatorNotes", "indicator_save", "indicator_revise", "indicator_remove"]
    # the program year's dialogs (#31): 年次の報告 and 新しい課, top to bottom, then their buttons
    round_setting = editor.show_round_setting()
    assert round_setting is not None
    qtbot.waitExposed(round_setting)
    chosen = next(b.objectName() for b in round_setting.narratives.values() if b.isChecked())
    assert _cycle(_chain_of(round_setting, 20)) == [  # the 文章 choices one stop (the arrows choose), as Qt does
        "roundLevel", "roundStatus", chosen, "roundSettlement", "roundIndicators", "roundSettingOk", "キャンセル(C)"]
    round_setting.reject()
    from kodaira_desk.ui.plan_editor import round_setting as rnd

    new_department = rnd.add_department(editor, editor.indicator_form.lead)
    qtbot.waitExposed(new_department)
    assert _cycle(_chain_of(new_department, 10)) == ["newDepartmentName", "newDepartmentReading", "newDepartmentOk",
                                                     "キャンセル(C)"]
    new_department.reject()
    editor.reject()


def test_clerk_grid_starts_at_the_clerks_own_first_empty_cell(qtbot, db_path: Path, tmp_path: Path, grid) -> None:  # type: ignore[no-untyped-def]
    w = grid.clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        grid.open_kpi(w, "strategy-2015", "g2.a3")
        view, model = w.page.kpi.view, w.page.kpi.model
        cur = view.currentIndex()
        assert model.flags(cur) & Qt.ItemFlag.ItemIsEditable  # not 保育課's grey row above it
        assert model.indicators[cur.row()].key == "g2.a3.k2" and model.columns[cur.column()].kind is ValueKind.ACTUAL
        assert model.data(cur) == ""
    finally:
        grid.close_window(w)
