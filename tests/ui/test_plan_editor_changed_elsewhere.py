"""計画の編集 saves only what its form changed since loaded; a field also changed elsewhere meanwhile is asked
about (上書き / ほかの人の値にする), never written over in silence (ui/plan_editor/indicator_saving.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from next_program import master_with_next_program
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from roundkit import close_window, open_window
from test_tdiv_two_plan_editors import P, _editor_on_p4, _save, _target, _type

from kodaira_desk.ui.plan_editor import indicator_saving
from kodaira_desk.ui.window.window_api import Answer


def _both_on_p4(qtbot, first, second):  # type: ignore[no-untyped-def]
    """計画の編集 on 施策4 in both windows, the second's opened first (it then shows what the first saves over)."""
    qtbot.waitExposed(second)
    later = _editor_on_p4(qtbot, second)
    qtbot.waitExposed(first)
    return _editor_on_p4(qtbot, first), later


@pytest.mark.parametrize(("answer", "kept"), [(Answer.SAVE, "30グループ"), (Answer.DISCARD, "20グループ"),
                                              (Answer.CANCEL, "20グループ")])
def test_a_target_changed_in_both_editors_is_asked_about(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path, monkeypatch, answer: Answer, kept: str) -> None:
    """Both windows typed a 令和8年度 目標 for p4.k1 (20, then 30 in the one still showing it blank): the second
    save asks, with both values and what the form had loaded; its answer decides, and its 調査・出典 (changed
    only there) is saved unless it cancelled."""
    asked: list[str] = []

    def ask(editor, name, conflicts):  # type: ignore[no-untyped-def]
        asked.append(indicator_saving.both_values(conflicts))
        return answer

    monkeypatch.setattr(indicator_saving, "ask_elsewhere", ask)
    master = master_with_next_program(built_db_template, tmp_path)
    first, second = open_window(master, "政策課 山田"), open_window(master, "政策課 鈴木")
    try:
        sooner, later = _both_on_p4(qtbot, first, second)
        _type(qtbot, sooner, "target_2026", "20")
        _save(qtbot, sooner)
        qtbot.waitUntil(lambda: _target(master) == "20グループ", timeout=10000)
        later.activateWindow()
        _type(qtbot, later, "target_2026", "30")
        _type(qtbot, later, "indicatorSource", "高齢者支援課調べ")
        _save(qtbot, later)
        qtbot.wait(1000)
        sooner.close()
        later.ask = lambda title, text: True  # (cancelled: closing drops what it kept typed)
        later.close()
    finally:
        close_window(first)
        close_window(second)
    assert len(asked) == 1 and "令和8年度の目標" in asked[0] and "「30」" in asked[0] and "「20グループ」" in asked[0], asked
    assert _target(master) == kept
    with sqlite3.connect(master) as c:
        source = c.execute("SELECT source FROM indicators WHERE plan_id = ? AND key = 'p4.k1'", (P,)).fetchone()[0]
    assert source == (None if answer is Answer.CANCEL else "高齢者支援課調べ")


def _node(master: Path) -> tuple[str, str]:
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_plan

    db = open_database(master, create=False)
    try:
        node = load_plan(db, P).node("p4")
    finally:
        db.dispose()
    return node.title, node.number or ""


def test_an_item_number_saved_in_one_editor_stays_when_the_other_saves_its_name(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path) -> None:
    master = master_with_next_program(built_db_template, tmp_path)
    first, second = open_window(master, "政策課 山田"), open_window(master, "政策課 鈴木")
    try:
        sooner, later = _both_on_p4(qtbot, first, second)
        title = _node(master)[0]
        _type(qtbot, sooner, "nodeNumber", "9")
        qtbot.mouseClick(sooner.findChild(QPushButton, "nodeApply"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _node(master)[1] == "9", timeout=10000)
        later.activateWindow()
        _type(qtbot, later, "nodeTitle", title + "の推進")
        qtbot.mouseClick(later.findChild(QPushButton, "nodeApply"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _node(master)[0] == title + "の推進", timeout=10000)
        sooner.close()
        later.close()
    finally:
        close_window(first)
        close_window(second)
    assert _node(master) == (title + "の推進", "9")
