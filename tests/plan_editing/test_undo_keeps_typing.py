"""Typing left in the item form (no Enter, 項目を保存 not pressed), then 元に戻す / やり直す: the
editor asks first, as it does before choosing another item or closing. 「いいえ」 (the default) keeps
the typing in the box and makes no step; 「はい」 drops it and makes the step the person asked for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from plan_editing.editor_kit import open_editor, rename_first_item


def _open(qtbot, window) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    return open_editor(qtbot, window)


def _title_in_db(window, editor: PlanEditorDialog, key: str) -> str:  # type: ignore[no-untyped-def]
    pid = editor.plan_id()
    assert pid is not None
    return load_plan(window.db, pid).node(key).title


def test_undo_and_redo_ask_before_typing_is_dropped(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    key, original, box = rename_first_item(qtbot, editor)
    assert _title_in_db(window, editor, key) == original + " A"
    asked: list[str] = []
    answers = [False, True, False, True]
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]

    box.setFocus()
    qtbot.keyClicks(box, " typed")  # no Enter, not saved
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)  # いいえ
    assert len(asked) == 1 and "元に戻し" in asked[0] and "項目「" in asked[0]
    assert box.text() == original + " A typed"  # the typing kept, nothing undone
    assert _title_in_db(window, editor, key) == original + " A"
    assert editor.undo_stack.index() == 1 and editor.current_key() == key

    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)  # はい: dropped, undone
    assert len(asked) == 2
    assert _title_in_db(window, editor, key) == original
    assert box.text() == original and editor.undo_stack.index() == 0

    box.setFocus()
    qtbot.keyClicks(box, " again")
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)  # いいえ
    assert len(asked) == 3 and "やり直し" in asked[2]
    assert box.text() == original + " again" and _title_in_db(window, editor, key) == original
    assert editor.undo_stack.index() == 0

    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)  # はい: dropped, redone
    assert len(asked) == 4
    assert _title_in_db(window, editor, key) == original + " A" and box.text() == original + " A"

    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)  # nothing typed: nothing asked
    assert len(asked) == 4 and _title_in_db(window, editor, key) == original
    editor.ask = lambda _title, _text: True  # type: ignore[method-assign]
    editor.close()


def test_an_import_asks_before_typing_is_dropped(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Excelから取り込み refills the forms too: asked before the file is chosen; いいえ keeps the typing."""
    from kodaira_desk.ui.plan_editor import workbook as xl

    editor = _open(qtbot, window)
    assert editor.tree is not None
    key = editor.tree.nodes[0].key
    original = editor.tree.node(key).title
    editor.select(key)
    chosen: list[int] = []
    monkeypatch.setattr(xl, "choose_import_path", lambda _parent: chosen.append(1))  # no file: nothing more
    answers = [False, True]
    asked: list[str] = []
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]
    button = editor.findChild(QPushButton, "planImportButton")
    box = editor.findChild(QLineEdit, "nodeTitle")
    assert button is not None and box is not None
    box.setFocus()
    qtbot.keyClicks(box, " typed")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # いいえ: no file chosen, the typing kept
    assert len(asked) == 1 and "取り込み" in asked[0] and chosen == []
    assert box.text() == original + " typed" and _title_in_db(window, editor, key) == original
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # はい: the file is chosen
    assert len(asked) == 2 and chosen == [1]
    editor.ask = lambda _title, _text: True  # type: ignore[method-assign]
    editor.close()


def test_choosing_another_plan_asks_before_typing_is_dropped(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The 計画 combo, changed with the keyboard: いいえ keeps the plan, its item and the typing; はい shows
    the other plan, and the typing was never saved."""
    editor = _open(qtbot, window)
    assert editor.tree is not None and editor.plan_combo.count() > 1
    first_plan = editor.plan_id()
    key = editor.tree.nodes[0].key
    original = editor.tree.node(key).title
    editor.select(key)
    answers = [False, True]
    asked: list[str] = []
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]
    box = editor.findChild(QLineEdit, "nodeTitle")
    assert box is not None
    box.setFocus()
    qtbot.keyClicks(box, " typed")  # no Enter, not saved
    editor.plan_combo.setFocus()
    qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Down)  # いいえ
    assert len(asked) == 1 and "ほかの計画" in asked[0]
    assert editor.plan_id() == first_plan and editor.tree.plan.id == first_plan
    assert editor.current_key() == key and box.text() == original + " typed"

    qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Down)  # はい: the other plan shown
    assert len(asked) == 2
    assert editor.plan_id() != first_plan and editor.tree is not None and editor.tree.plan.id == editor.plan_id()
    assert load_plan(window.db, first_plan).node(key).title == original  # the typing was never saved

    qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Up)  # nothing typed: nothing asked
    assert len(asked) == 2 and editor.plan_id() == first_plan
    editor.close()
