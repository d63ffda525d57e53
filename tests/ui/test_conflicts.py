"""競合の確認 in the window: the grid's parser and message for 別の値, a multi-line editor for texts,
the two texts side by side with the differences marked, unsaved edits asked about (issue 10 §2, §5)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from roundkit import CHILDREN, NAME, R2, actual, hand_out, narrative, write
from test_clerk import choose, type_text

from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.ui.round.conflict_dialog import ConflictDialog, marked_sides
from kodaira_desk.ui.window.main_window import Answer, MainWindow

TEXT_KEY = "progress:strategy-2015:g1.a1.m1:2020:narrative"


def _collect(qtbot, w: MainWindow, files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    collect = w.show_collect()
    assert collect is not None
    collect.add_files(files)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    collect.close()


def _conflicts(w: MainWindow) -> ConflictDialog:
    dialog = w.show_conflicts()
    assert dialog is not None
    w.tasks.wait_idle()  # (the conflicts read on the runner, issue 27)
    assert not dialog.reading
    return dialog


def _number_conflict(qtbot, w: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = hand_out(db_path, tmp_path / "配布", ["子育て支援課"])
    write(files["子育て支援課"], CHILDREN, "36,000人")
    write(db_path, CHILDREN, "37,000人")  # the division corrected the master meanwhile
    w.editor.reload()
    _collect(qtbot, w, [files["子育て支援課"]])


def test_another_value_is_read_by_the_grids_parser(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)
    dialog = _conflicts(w)
    assert dialog.model.rowCount() == 1
    qtbot.mouseClick(dialog.other, Qt.MouseButton.LeftButton)
    other = dialog.other_dialog
    assert other is not None and not other.multiline
    other.editor.clear()
    type_text(qtbot, other.editor, "5件")
    qtbot.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    indicator = load_plan(w.db, "strategy-2015").indicator("g2.a3.k4")
    try:
        read_entry(indicator, "5件")
        raise AssertionError("the grid accepts 5件 for a 人 indicator")
    except ValueParseError as exc:
        grid_message = exc.message
    assert other.message.text() == grid_message and "単位が違います" in grid_message
    assert other.isVisible() and actual(db_path, "g2.a3.k4") == "37,000人"
    other.editor.clear()
    type_text(qtbot, other.editor, "36500")
    qtbot.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert actual(db_path, "g2.a3.k4") == "36,500人"  # read as the grid reads it: the unit added
    assert dialog.model.rowCount() == 0
    db = open_database(db_path, create=False)
    row = [a for a in audit_entries(db) if a["field"] == CHILDREN and a["source"] == "resolution"]
    db.dispose()
    assert [(r["old"], r["new"], r["actor"]) for r in row] == [("37,000人", "36,500人", NAME)]
    # the window shows the resolved value without being reset
    w.select_node("strategy-2015", "g2.a3")
    choose(w.year_combo, "令和2年度")
    from test_clerk import kpi_cell

    from kodaira_desk.domain.model import ValueKind

    assert w.page.kpi.model.data(kpi_cell(w, "児童館の利用者数", ValueKind.ACTUAL, R2)) == "36,500人"


def test_an_unsaved_edit_survives_resolving(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・体験農園を拡充しました。")
    asked: list[str] = []
    w.ask = lambda _t, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    w.act_conflicts.trigger()  # 年次作業 > 競合の確認: asks, and cancel keeps everything
    assert asked and w.isWindowModified() and w.act_undo.isEnabled()
    assert w.page.measure.narrative.toPlainText() == "・体験農園を拡充しました。"
    w.ask = lambda *_a: Answer.SAVE  # type: ignore[method-assign]
    dialog = _conflicts(w)
    assert narrative(db_path, "g1.a1.m1") == "・体験農園を拡充しました。"
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)  # 親の値を残す
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert dialog.model.rowCount() == 0
    assert narrative(db_path, "g1.a1.m1") == "・体験農園を拡充しました。"
    assert actual(db_path, "g2.a3.k4") == "37,000人"
    assert w.page.measure.narrative.toPlainText() == "・体験農園を拡充しました。"


def test_texts_side_by_side_and_a_multi_line_editor(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    write(files["産業振興課"], TEXT_KEY, "・認定農業者を5人認定しました。\n・経営相談を行いました。")
    write(db_path, TEXT_KEY, "・認定農業者を4人認定しました。")
    w.editor.reload()
    _collect(qtbot, w, [files["産業振興課"]])
    dialog = _conflicts(w)
    row = next(i for i, c in enumerate(dialog.model.rows) if c.key == TEXT_KEY)
    dialog.list.selectRow(row)
    master, department = dialog.master_view.toHtml(), dialog.department_view.toHtml()
    assert "4" in dialog.master_view.toPlainText() and "経営相談を行いました。" in dialog.department_view.toPlainText()
    assert "#f8c9c9" in master and "#c8ecd2" in department  # what differs is marked on each side
    qtbot.mouseClick(dialog.other, Qt.MouseButton.LeftButton)
    other = dialog.other_dialog
    assert other is not None and other.multiline and isinstance(other.editor, QPlainTextEdit)
    other.editor.clear()
    type_text(qtbot, other.editor, "・認定農業者を5人認定しました。")
    qtbot.keyClick(other.editor, Qt.Key.Key_Return)
    type_text(qtbot, other.editor, "・経営相談を12回行いました。")
    qtbot.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert narrative(db_path, "g1.a1.m1") == "・認定農業者を5人認定しました。\n・経営相談を12回行いました。"


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@given(st.text(max_size=40), st.text(max_size=40))
def test_marked_sides_keep_each_text_whole(master: str, department: str) -> None:
    left, right = marked_sides(master, department)
    assert _plain(left) == master and _plain(right) == department
    if master == department:
        assert "span" not in left and "span" not in right


def test_columns_fit_their_values_at_1366(qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """(tester) 項目 was cut (「女性相談等延べ人数 令和8年…」) while 課の値 was mostly empty space:
    at 1366×768 the item's whole name shows and 課の値 is no wider than a fifth of the list."""
    w = window
    _number_conflict(qtbot, w, db_path, tmp_path)
    dialog = _conflicts(w)
    dialog.resize(1366 - 140, 768 - 60)
    qtbot.waitExposed(dialog)
    dialog._show_rows(list(dialog.model.rows))  # (laid out at its size: as when read)
    table, index = dialog.list, dialog.model.index(0, 1)
    label = str(index.data())
    rect = table.visualRect(index)
    needed = table.fontMetrics().horizontalAdvance(label)
    lines = -(-needed // max(1, rect.width() - 8))  # wrapped: the row is as high as its lines
    assert rect.width() >= needed or rect.height() >= lines * table.fontMetrics().height()
    assert table.columnWidth(4) <= table.viewport().width() // 5 + 1
    assert rect.width() > table.columnWidth(4)
    dialog.close()
