"""An indicator added without a 所管課 and without a 目標 (typed as a person does): the save goes through,
and the editor says what that means for the round, at the 所管課未設定 line and in its message: a
成果指標 (its siblings' kind) is named at the hand-out and, with no 目標, counted on the progress board
in no year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kodaira_desk.domain.model import IndicatorKind, Role
from kodaira_desk.services.plans import load_plan
from plan_editing.editor_kit import open_editor


def test_an_indicator_saved_without_lead_or_target_says_what_it_means(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    tree = editor.tree
    assert tree is not None and tree.plan.round.indicators
    node = next(n for n in tree.nodes if tree.indicators_of(n.key))
    editor.select(node.key)
    combo = editor.indicator_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # （新しい指標）
    assert combo.currentData() is None
    form = editor.indicator_form
    assert form.lead.currentText() == ""
    form.name.setFocus()
    type_text(qtbot, form.name, "新しい複合指標")
    save = editor.findChild(QPushButton, "indicator_save")
    assert save is not None
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    pid = editor.plan_id()
    assert pid is not None
    saved = next(i for i in load_plan(window.db, pid).indicators_of(node.key) if i.name == "新しい複合指標")
    assert saved.kind is IndicatorKind.OUTCOME and not saved.values  # its siblings' kind (numbering.py)
    assert not [d for d in saved.departments if d.role is Role.LEAD]
    said = editor.message.text()
    assert "所管課なしで保存しました" in said
    assert "配布のときに名前を挙げて確認します" in said and "進捗ボードにも数えません" in said
    assert combo.currentData() == saved.key
    line = form.proposal.text()
    assert "所管課未設定" in line and "配布のときに名前を挙げて" in line and "進捗ボードにも数えません" in line
    assert form.proposal.isVisibleTo(editor)
    editor.close()
