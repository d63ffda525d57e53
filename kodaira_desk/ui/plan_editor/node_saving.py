"""項目を保存 in 計画の編集: the name and number written only when changed in the form since it was
loaded, over what is stored now; one also changed elsewhere meanwhile to another value is asked about
(自分の値で上書き / ほかの人の値にする), as 指標を保存 does (indicator_saving.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services import plans as plan_service
from kodaira_desk.ui.plan_editor.indicator_saving import _tr, ask_elsewhere
from kodaira_desk.ui.window.window_api import Answer

if TYPE_CHECKING:
    from kodaira_desk.domain.model import Node
    from kodaira_desk.ui.plan_editor.indicator_saving import PlanEditorDialog


def name_and_number(editor: PlanEditorDialog, loaded: Node, title: str, number: str) -> tuple[str, str] | None:
    """(title, number) to write — each typed one where the form changed it, else the stored one — or
    None: nothing to write, or the person cancelled the question."""
    pid = editor.plan_id()
    if pid is None or (title, number) == (loaded.title, loaded.number):
        return None
    stored = editor.workspace.run(plan_service.load_plan, pid)
    now = stored.node(loaded.key) if stored.has_node(loaded.key) else loaded
    fields = {"title": (loaded.title, title, now.title), "number": (loaded.number or "", number, now.number or "")}
    out: dict[str, str] = {}
    clashes = []
    for name, (was, mine, theirs) in fields.items():
        out[name] = theirs if mine == was else mine
        if mine != was and theirs not in (was, mine):
            clashes.append(pe.FieldConflict(name, was, mine, theirs))
    if clashes:
        answer = ask_elsewhere(editor, loaded.title, tuple(clashes))
        if answer is Answer.CANCEL:
            editor.tell(_tr("保存しませんでした（入力はそのまま残っています）。"))
            return None
        if answer is Answer.DISCARD:
            for c in clashes:
                out[c.field] = c.theirs
    if (out["title"], out["number"]) == (now.title, now.number or ""):
        return None
    return out["title"], out["number"]
