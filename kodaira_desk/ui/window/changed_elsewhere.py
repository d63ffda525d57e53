"""What others changed, as the window takes it: the rows and forms refreshed for a change
(`refresh_forms`), every plan read again (`read_again`), others' writes found by a look taken in
(`take_others`), and the words of the changed-elsewhere question a save asks (`both_values`).
Free functions of the window (`Window`), used by ui/window/saving.py and the server's watcher."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kodaira_desk.services.editing import Target
from kodaira_desk.services.workspace import Applied, Changes, Workspace
from kodaira_desk.ui.window import elsewhere

if TYPE_CHECKING:
    from kodaira_desk.domain.model import PlanTree
    from kodaira_desk.services.editing import StaleEditError
    from kodaira_desk.ui.window.window_api import Window


def refresh_forms(w: Window, changes: Changes) -> None:
    """Tell the open form's grids that the changed cells' rows may look different (no reset): their
    cached answers are forgotten first — a saved value is no longer blue, a grade follows it."""
    grids = [form.model for form in w.page.built_grids() if form.model.columnCount()]
    if not grids:  # a grid never built shows nothing to refresh (nor are its modules imported for it)
        return
    from kodaira_desk.domain.annotations import underlying
    from kodaira_desk.ui.forms.kpi_model import KpiTableModel
    from kodaira_desk.ui.plan_editor.tables import BudgetModel, ScheduleModel

    keys = {underlying(k) for k in changes.keys}  # a note's, a question's, an attachment's: its field's row
    for model in grids:
        if isinstance(model, KpiTableModel):
            model.forget_fields(changes.keys)  # (its changed cells as cells, not whole rows: issue 27)
        elif isinstance(model, BudgetModel):
            if model.node is not None and any(k.startswith(f"cost:{model.node.plan_id}:{model.node.key}:")
                                              for k in keys):
                model.forget_rows({0})
        elif isinstance(model, ScheduleModel) and model.node is not None:
            prefix = f"schedule:{model.node.plan_id}:{model.node.key}:"
            model.forget_rows({row for k in keys if k.startswith(prefix)
                               if (row := int(k[len(prefix):].split(":")[0])) < model.rowCount()})


def read_again(w: Window) -> None:
    """Every tree taken again (read on the runner when the workspace holds what was read there)."""
    w.editor.reload()
    chosen = w.dept_combo.currentData()
    w.fill_departments()  # a new plan brings its years and 課
    w.dept_combo.blockSignals(True)
    w.dept_combo.setCurrentIndex(max(0, w.dept_combo.findData(chosen)))
    w.dept_combo.blockSignals(False)
    w.fill_years()
    w.update_title()
    w.stored_changed.emit(Changes.all())


def both_values(w: Window, exc: StaleEditError) -> str:
    """Each field a save found changed elsewhere: what this person typed, what is stored now, and
    what it held when the window loaded it (StaleEditError.fields)."""
    from kodaira_desk.services.editing import content_to_field

    def quoted(value: str | None) -> str:  # an empty field is said to be empty, not shown as 「」
        return w.tr("「{text}」").format(text=value) if value else w.tr("（空欄）")

    lines = []
    for target, was, now in exc.fields[:5]:
        mine = content_to_field(w.editor.session.pending().get(target))
        lines.append(w.tr("{field}: 入力した値{mine}／ほかの人の値{now}（読み込んだときは{was}）").format(
            field=describe_target(w, target), mine=quoted(mine), now=quoted(now), was=quoted(was)))
    for s in exc.settings:  # a grading setting (direction, thresholds) saved elsewhere meanwhile
        lines.append(w.tr("{field}: 入力した値{mine}／ほかの人の値{now}（変更したときは{was}）").format(
            field=s.name, mine=quoted(s.mine), now=quoted(s.now), was=quoted(s.was)))
    return "\n".join(lines)


def describe_target(w: Window, target: Target) -> str:
    """A field as the person knows it (the item, the indicator, the year), or its key."""
    from kodaira_desk.services.editing import key_of
    from kodaira_desk.services.rounds.common import describe

    try:
        return str(describe(w.editor.trees, key_of(target)))
    except (KeyError, ValueError, IndexError):
        return key_of(target)


def take_others(w: Window, workspace: Workspace, before: Mapping[str, PlanTree], applied: Applied) -> bool:
    """Show what others wrote (read on the worker from the plans `before`): only the changed rows
    are refreshed, and a plan with an unsaved edit of a changed field keeps the tree it was loaded
    with. False when it could not be taken now and the next look must read again."""
    if workspace is not w.workspace or not applied.changes:
        return True
    if w.tasks.busy or any(w.editor.trees.get(p) is not before.get(p) for p in before):
        return False  # the window's own save or collection came in between: look again
    if w.editor.holds_input():
        # someone is typing into a cell: their editor is neither closed nor refreshed under
        # their fingers; the others' changes come in at the next look, once it is taken
        return False
    workspace.take_confirmed(applied.confirmed)  # figures others confirmed: their yellow goes below
    if applied.changes.everything:  # plans added or removed elsewhere (a plan copy from the CLI)
        if not w.editor.dirty:  # nothing unsaved, but the undo history stays when its fields did not change
            dropped = elsewhere.forget_undo_of(w, applied.changes.keys)
            if applied.first is not None:
                workspace.read_first_screen(applied.first)  # read with the look, on the runner
            read_again(w)
            w.statusBar().showMessage(w.tr("ほかで計画が追加・変更されたため、読み込み直しました。") + dropped, 8000)
            return True
        # never at the cost of what is typed: read again once it is saved (or discarded)
        w.statusBar().showMessage(w.tr("ほかで計画が追加・変更されています。保存すると読み込み直します"
                                       "（入力はそのまま残ります）。"), 15000)
        w.others.reload_after_save = True
        return False
    # A plan in which this window has an unsaved edit of a field someone else changed keeps
    # the tree it was loaded with: the save then compares with the value the person saw and
    # asks, instead of taking the other value as "loaded" and overwriting it unasked.
    from kodaira_desk.domain.annotations import underlying
    from kodaira_desk.services.editing import key_of, target_of

    typed = {key_of(t) for t in w.editor.session.pending()}

    def plan_of(key: str) -> str:  # a note's or a question's: its field's plan
        return underlying(key).split(":")[1]

    held = {plan_of(k) for k in applied.changes.keys & typed} | w.editor.session.removed_in(  # (an item removed)
        applied.trees, (t for t, _d, _what in w.editor.drafts.items()))
    keys = frozenset(k for k in applied.changes.keys if plan_of(k) not in held)
    if not keys:
        return True
    applied = Applied(Changes(keys), {p: t for p, t in applied.trees.items() if p not in held})
    elsewhere.update(w, applied.trees)  # (an item removed or added: the tree made again)
    w.model.replace_trees(w.editor.trees, applied.changes.nodes(w.editor.trees.loaded()))
    w.editor.cells_changed.emit(tuple(target_of(k) for k in sorted(applied.changes.keys)))  # row caches
    refresh_forms(w, applied.changes)
    # the grids were told which rows changed; the measure's text boxes are loaded again, only
    # when one of their fields changed and nothing is being typed
    texts = {(k.split(":")[1], k.split(":")[2]) for k in applied.changes.keys if k.startswith("progress:")}
    if w.current is not None and w.current in texts and not w.editor.dirty:
        w.show_current()
    w.stored_changed.emit(applied.changes)
    dropped = elsewhere.forget_undo_of(w, applied.changes.keys)
    w.statusBar().showMessage(w.tr("ほかの人の変更を反映しました（{n} 項目）。").format(
        n=len(applied.changes.keys)) + dropped, 8000)
    return True
