"""Every control a person can reach has a name assistive technology reads, says what it is, and
every dialog button has a mnemonic — in the main window with each kind of form, and in every
dialog (report, hand-out, collection, conflicts, audit log, board, plan editor and its dialogs,
server connect, the question boxes, the pre-return check, the keyboard help). issue 28.

This is Qt's own accessibility interface, in-process; tests/a11y/test_atspi.py reads the same
through the AT-SPI bus, as Orca does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from a11y_kit import (
    accessible_description,
    accessible_name,
    mnemonic_clashes,
    open_dialog,
    unnamed,
    without_mnemonic,
    wrong_roles,
)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

from kodaira_desk.ui.window import window_a11y
from kodaira_desk.ui.window.main_window import Answer, MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
from roundkit import CHILDREN, hand_out, write


def _check(root: QWidget, *, mnemonics: bool = True) -> None:
    assert unnamed(root) == []
    assert wrong_roles(root) == []
    if mnemonics:
        assert without_mnemonic(root) == []


def _tabs(qtbot, root: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Every tab of every tab widget shown and checked (forms are built when first shown)."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root):
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(1)
            _check(root, mnemonics=isinstance(root, QDialog))


def test_main_window_with_every_kind_of_form(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _check(w, mnemonics=False)  # the toolbar's tool buttons have shortcuts (Ctrl+S, Ctrl+Z, Ctrl+Y)
    for plan_id, key in (("strategy-2015", "g1.a1.m2"),  # a measure: 進捗状況 and 実施等状況
                         ("strategy-2015", "g1.a1"),  # KPI grid and its chart
                         ("program-2021", None), ("restructuring", None)):
        if key is None:  # the first node with a budget or a schedule
            tree = w.editor.tree(plan_id)
            key = next(n.key for n in tree.nodes if n.budget is not None or n.schedule is not None)
        assert w.select_node(plan_id, key)
        _tabs(qtbot, w)
    # the chart's figures as a table: shown, named, its status in words
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    qtbot.waitUntil(lambda: not pane.filling(), timeout=5000)  # a turn after the grid is painted
    pane.views.toggle.click()
    _check(w, mnemonics=False)
    assert accessible_name(pane.views.table).startswith("「")
    assert "達成率" in accessible_description(pane.views.table) or "判定不能" in accessible_description(pane.views.table)
    # the labels name their controls: a screen reader says 進捗状況, not 実施中
    w.select_node("strategy-2015", "g1.a1.m2")
    assert w.page.measure.status.accessibleName() == "進捗状況"  # Qt on Linux: the value, and the label
    assert accessible_name(w.page.measure.narrative).endswith("の実施等状況")
    assert "箇条書き" in accessible_description(w.page.measure.narrative)  # the hint line
    assert w.year_combo.accessibleName() == "入力年度" and w.dept_combo.accessibleName() == "担当課"
    assert w.year_label.buddy() is w.year_combo and w.dept_title.buddy() is w.dept_combo
    assert w.page.measure.status_label.buddy() is w.page.measure.status
    # a program's 主要事業 (#31): its 決算額 and 差の理由 named, the hint and the planned 費用 read after them
    w.select_node("program-2021", "p1.j1")  # 男女共同参画推進事業
    box = w.page.measure.settlement
    assert box is not None and box.isVisibleTo(w)
    _check(w, mnemonics=False)
    assert accessible_name(w.page.measure.narrative).endswith("の実施内容")
    assert accessible_name(box.settled) == "決算額（千円）" and accessible_name(box.note) == "差の理由"
    assert box.settled_label.buddy() is box.settled and box.note_label.buddy() is box.note
    assert "千円単位" in accessible_description(box.settled)
    assert f"計画の費用: {w.year.era_label()}: " in accessible_description(box.settled)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_letter_of_the_window_reaches_two_controls(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    """Alt+M reached both 今年度の未入力のみ and 進捗状況のメモ・添付, Alt+E both the 編集 menu and
    実施等状況のメモ・添付 (Qt then only moves between them: nothing is pressed or opened)."""
    w = window
    w.translations.apply(language)
    for plan_id, key in (("strategy-2015", "g1.a1.m2"), ("strategy-2015", "g1.a1"),
                         ("program-2021", "p1.j1"), ("restructuring", None)):
        if key is None:
            key = next(n.key for n in w.editor.tree(plan_id).nodes if n.budget is not None or n.schedule is not None)
        assert w.select_node(plan_id, key)
        for tabs in w.page.findChildren(QTabWidget):
            for i in range(tabs.count() if tabs.isVisibleTo(w) else 0):
                tabs.setCurrentIndex(i)
                qtbot.wait(1)
                assert mnemonic_clashes(w) == {}, (plan_id, key, tabs.tabText(i))
        assert mnemonic_clashes(w) == {}, (plan_id, key)


def test_the_search_box_clear_button_is_named(window: MainWindow) -> None:
    """The ✕ in the search box (not a Tab stop, a mouse's button) is named on the bus, in English too."""
    from PySide6.QtWidgets import QToolButton

    clear = [b for b in window.search.findChildren(QToolButton)]
    assert clear and [accessible_name(b) for b in clear] == ["検索語を消す"] * len(clear)
    window.lang_actions["en"].trigger()
    assert [accessible_name(b) for b in clear] == ["Clear the search"] * len(clear)


@pytest.mark.parametrize("name", ["report", "handout", "collect", "conflicts", "audit", "board", "year-lock", "keys"])
def test_each_dialog_of_the_master(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    w = window
    openers = {"report": w.show_report_dialog, "handout": w.show_handout, "collect": w.show_collect,
               "conflicts": w.show_conflicts, "audit": w.show_audit, "board": w.show_board, "year-lock": w.show_year_lock,
               "keys": lambda: window_a11y.show_keyboard_help(w)}
    dialog = open_dialog(w, openers[name])
    qtbot.waitExposed(dialog)
    _check(dialog)
    _tabs(qtbot, dialog)
    dialog.close()


def test_plan_editor_and_its_dialogs(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.ui.plan_editor.departments import SplitDialog

    w = window
    editor = w.show_plan_editor()
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.select(editor.tree.nodes[1].key)  # type: ignore[union-attr]
    _check(editor)
    _tabs(qtbot, editor)
    for dialog in (editor.show_new_plan(None), editor.show_new_plan(editor.tree)):
        qtbot.waitExposed(dialog)
        _check(dialog)
        dialog.reject()
    editor.tabs.setCurrentIndex(0)
    node = next(n for n in editor.tree.nodes if editor.tree.indicators_of(n.key))  # type: ignore[union-attr]
    editor.select(node.key)
    revision = editor.revise_target()
    assert revision is not None
    _check(revision)
    revision.reject()
    # the program year's (#31): 年次の報告… and 新しい課…
    from kodaira_desk.ui.plan_editor import round_setting as rnd

    for dialog in (editor.show_round_setting(), rnd.add_department(editor, editor.indicator_form.lead)):
        assert dialog is not None
        qtbot.waitExposed(dialog)
        _check(dialog)
        dialog.reject()
    split = SplitDialog([("g1", "基本目標１"), ("g1.a1", "① 農のあるまちづくりの推進")], ("産業振興課", "保育課"), editor)
    split.show()
    _check(split)
    split.reject()
    out = tmp_path / "総合戦略.xlsx"  # Excelへ書き出し, then Excelから取り込み: its preview
    editor.export_workbook_to(out)
    w.tasks.wait_idle()
    preview = editor.import_workbook_from(out)
    w.tasks.wait_idle()
    _check(preview)
    preview.reject()
    editor.reject()


def test_server_connect_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.ui.window.server_dialog import ServerDialog

    dialog = ServerDialog(["postgresql://yamada@db.example/kodaira?sslmode=require"], window)
    dialog.show()
    qtbot.waitExposed(dialog)
    _check(dialog)
    assert accessible_name(dialog.host) == "サーバー" and dialog.url.accessibleDescription()
    dialog.reject()


def test_a_conflict_and_another_value(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")
    w.editor.reload()
    collect = w.show_collect()
    assert collect is not None
    collect.add_files([files["子育て支援課"]])
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    _check(collect)
    collect.close()
    dialog = w.show_conflicts()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog.model.rowCount() == 1
    _check(dialog)
    dialog.other.click()
    other = dialog.other_dialog
    assert other is not None
    qtbot.waitExposed(other)
    _check(other)
    assert "児童館" in accessible_name(other.editor)
    other.reject()
    dialog.close()


def _inspect_modal(found: list[tuple[QWidget, list[str]]], answer: str) -> None:
    """When the modal box is up: note what is unnamed, mis-roled or without a mnemonic in it,
    then press its button whose text holds `answer`."""
    from PySide6.QtWidgets import QAbstractButton

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, look)
            return
        found.append((box, unnamed(box) + wrong_roles(box) + without_mnemonic(box)))
        chosen = [b for b in box.findChildren(QAbstractButton) if answer in b.text() and b.isVisible()]
        if chosen:
            chosen[0].click()
        else:
            box.close()
    QTimer.singleShot(0, look)


def test_the_question_boxes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    found: list[tuple[QWidget, list[str]]] = []
    _inspect_modal(found, "(&C)")
    assert type(w).ask(w, "未保存の変更", "保存しますか？") is Answer.CANCEL
    box, problems = found[0]
    assert problems == []
    assert isinstance(box, QMessageBox)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存する(&S)", "保存しない(&N)", "キャンセル(&C)"])
    # the name asked for the audit log: Qt's input box, its OK and キャンセル with mnemonics too
    found.clear()
    _inspect_modal(found, "(&C)")
    assert type(w).ask_text(w, "担当者名", "担当者名を入力してください。") is None
    assert found and found[0][1] == []
    # a message box (where the file was saved): OK with its mnemonic
    found.clear()
    _inspect_modal(found, "(&O)")
    type(w).tell(w, "提出用に保存", "保存しました。")
    assert found and found[0][1] == []


def test_the_rounds_year_dialogs(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The deadline and head's check, and the reminders' drafts (from the collection window)."""
    from kodaira_desk.ui.round.year_dialogs import ReminderDialog, RoundSettingsDialog

    w = window
    collect = w.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)  # its board read on the runner
    year = collect.fiscal_year
    assert year is not None
    settings = RoundSettingsDialog(w.workspace, year, collect)
    settings.show()
    qtbot.waitExposed(settings)
    _check(settings)
    settings.reject()
    overview = collect.round_year.overview
    assert overview is not None
    reminder = ReminderDialog(w.workspace, w.tasks, overview, collect)
    reminder.show()
    qtbot.waitExposed(reminder)
    _check(reminder)
    reminder.reject()
    collect.close()


def test_the_clerks_dialogs(qtbot, db_path: Path, tmp_path: Path, grid) -> None:  # type: ignore[no-untyped-def]
    """提出前チェック and 提出用に保存 in a department file; the measure form with its carried note."""
    w = grid.clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        check = w.show_submission_check()
        qtbot.waitExposed(check)
        _check(check)
        check.close()
        submit = w.save_for_submission()
        qtbot.waitExposed(submit)
        _check(submit)
        assert accessible_name(submit.name) == "確認した人の名前"
        submit.reject()
        measure = next(n for t in w.editor.trees.values() for n in t.nodes
                       if t.progress_of(n.key) and n.is_handled_by("子育て支援課"))
        assert w.select_node(measure.plan_id, measure.key)
        _check(w, mnemonics=False)
        assert without_mnemonic(w.page.measure) == []  # 進捗状況(S), 実施等状況(N), 変更なし(U) …
    finally:
        grid.close_window(w)
