"""The plan editor opened as a person opens it (計画 > 計画の編集), for the tests of tests/plan_editing."""

from __future__ import annotations

from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog


def open_editor(qtbot, window, *, size: tuple[int, int] | None = None) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    window.act_plan_editor.trigger()
    editor = window.findChild(PlanEditorDialog)
    assert editor is not None
    qtbot.waitExposed(editor)
    if size is not None:
        editor.resize(*size)
    return editor
