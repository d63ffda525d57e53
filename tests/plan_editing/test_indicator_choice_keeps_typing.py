"""Typing in the indicator form, then another indicator chosen in the combo (keys, as a person does):
the editor asks as it does for an item's typed title; 「いいえ」 keeps the typing and the indicator it
was typed for, 「はい」 shows the chosen one and writes nothing. The combo's refills after a save
(the editor's own choice) ask nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from plan_editing.editor_kit import open_editor


def _open(qtbot, window) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    return open_editor(qtbot, window, size=(1366, 768))


def test_choosing_another_indicator_with_typing_asks_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    tree = editor.tree
    assert tree is not None
    node = next(n for n in tree.nodes if len(tree.indicators_of(n.key)) >= 2)
    first, second = tree.indicators_of(node.key)[:2]
    editor.select(node.key)
    combo = editor.indicator_combo
    assert combo.currentData() == first.key
    asked: list[str] = []
    answers = [False, True]
    editor.ask = lambda _title, text: (asked.append(text), answers.pop(0))[1]  # type: ignore[method-assign]
    name = editor.indicator_form.name
    name.setFocus()
    qtbot.keyClicks(name, " v2")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the next indicator, chosen by a person
    qtbot.wait(10)
    assert len(asked) == 1 and "指標「" in asked[0]
    assert name.text() == first.name + " v2"  # kept, with the indicator it was typed for
    assert combo.currentData() == first.key and editor.indicator_form.indicator.key == first.key
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # はい: the chosen indicator is shown, the typing dropped
    qtbot.wait(10)
    assert len(asked) == 2
    assert combo.currentData() == second.key and name.text() == second.name
    pid = editor.plan_id()
    assert pid is not None
    assert load_plan(window.db, pid).indicator(first.key).name == first.name  # nothing written
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # nothing typed: no question
    assert len(asked) == 2 and name.text() == first.name
    name.setFocus()  # typed and saved: the combo's refill after the save asks nothing
    qtbot.keyClicks(name, " v3")
    save = editor.findChild(QPushButton, "indicator_save")
    assert save is not None
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert len(asked) == 2
    assert combo.currentData() == first.key and name.text() == first.name + " v3"
    assert load_plan(window.db, pid).indicator(first.key).name == first.name + " v3"
    editor.close()
