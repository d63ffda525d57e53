"""計画の編集: a new 成果指標 added to a 施策 whose indicators are numbered 1, 2, 3 (tester 2026-12-07,
on the copied program R7–R10): it is saved without a number and the editor has no box to give it one,
so the clerk's KPI grid and every handout (年度の取組状況, 達成状況) print it unnumbered under 1, 2, 3."""

from __future__ import annotations

from kodaira_desk.services.plans import load_plan
from plan_editing.editor_kit import open_editor, save_new_indicator

NAME = "高齢者サロンの参加者数"


def test_a_new_indicator_takes_the_next_number(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    tree = editor.tree
    assert tree is not None
    node = next(n for n in tree.nodes
                if len(tree.indicators_of(n.key)) >= 2 and all(i.number for i in tree.indicators_of(n.key)))
    numbers = [i.number for i in tree.indicators_of(node.key)]
    editor.select(node.key)
    save_new_indicator(qtbot, editor, type_text, NAME, "人", "高齢者支援課")
    pid = editor.plan_id()

    def added():  # type: ignore[no-untyped-def]
        return next((i for i in load_plan(editor.workspace.db, pid).indicators if i.name == NAME), None)
    qtbot.waitUntil(lambda: added() is not None, timeout=5000)
    assert added().number, f"numbered after its siblings {numbers} (it printed with no number)"
    assert added().number not in numbers
    assert added().kind == tree.indicators_of(node.key)[0].kind, "the kind of its siblings (it was KPI)"
    editor.close()
