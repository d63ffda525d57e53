"""指標を保存 in 計画の編集: what the person changed in the indicator form since it was loaded, over
what is stored now (services/plan_editing/indicator_delta.py). A field they changed that was also
changed elsewhere meanwhile (another 計画の編集, another person) is asked about — 自分の値で上書き /
ほかの人の値にする, the data-entry window's question — never written over in silence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.plan_editing import PlanEditError
from kodaira_desk.ui.plan_editor import commands as cmd
from kodaira_desk.ui.plan_editor import writing as wr
from kodaira_desk.ui.plan_editor.workbook import PlanEditorDialog as _Editor
from kodaira_desk.ui.window.window_api import Answer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from kodaira_desk.services.plan_editing import PlanChange
    from kodaira_desk.ui.plan_editor.forms import IndicatorForm


class PlanEditorDialog(_Editor, Protocol):
    """The plan editor as 指標を保存 uses it (ui/plan_editor/editor.py, not imported: no import cycle)."""

    actor: str | None
    indicator_form: IndicatorForm
    indicator_combo: QComboBox

    def current_key(self) -> str | None: ...

    def _done(self, change: PlanChange) -> None: ...

    def _show_info(self, text: str) -> None: ...

    def reload(self, select: str | None = None) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorSaving", text)


def field_label(field: str) -> str:
    if field.startswith("target:"):
        from kodaira_desk.domain.fiscal_year import FiscalYear

        return _tr("{year}の目標").format(year=FiscalYear(int(field.split(":")[1])).era_label())
    labels = {"title": _tr("項目名"), "name": _tr("指標名"), "number": _tr("番号"), "unit": _tr("単位"), "cumulative": _tr("累計"),
              "part_of": _tr("内数の親"), "departments": _tr("所管課・関係課"), "source": _tr("調査・出典"),
              "baseline": _tr("基準値"), "notes": _tr("注記")}
    return labels.get(field, field)


def both_values(conflicts: tuple[pe.FieldConflict, ...]) -> str:
    def quoted(value: str) -> str:
        return _tr("「{text}」").format(text=value) if value else _tr("（空欄）")

    return "\n".join(_tr("{field}: 入力した値{mine}／ほかの人の値{now}（読み込んだときは{was}）").format(
        field=field_label(c.field), mine=quoted(c.mine), now=quoted(c.theirs), was=quoted(c.loaded))
        for c in conflicts)


def ask_elsewhere(editor: PlanEditorDialog, name: str, conflicts: tuple[pe.FieldConflict, ...]) -> Answer:
    """The one question (tests replace it): 上書き (SAVE), ほかの人の値 (DISCARD) or キャンセル."""
    from kodaira_desk.ui.window.questions import ask

    text = _tr("指標「{name}」は、この画面で開いたあとにほかで変更されました。").format(name=name)
    return ask(editor.window(), _tr("ほかで変更された項目"), text + "\n\n" + both_values(conflicts),
               _tr("自分の値で上書きして保存"), _tr("ほかの人の値にする"))


def _notes(tree: object, key: str) -> pe.Notes:
    return pe.indicator_notes(tree, key)  # type: ignore[arg-type]


def save(editor: PlanEditorDialog) -> None:
    """The indicator and its notes: one step to undo, of what went through."""
    pid, key = editor.plan_id(), editor.current_key()
    if pid is None or key is None:
        return
    form = editor.indicator_form
    ind_key = editor.indicator_combo.currentData()
    shown = form.indicator  # as the form was loaded with it
    loaded = pe.draft_of(shown) if shown is not None else None
    draft = form.collect(key)
    notes = pe.parse_notes(form.notes.toPlainText())
    loaded_notes = _notes(form.tree, shown.key) if shown is not None and form.tree is not None else ()
    keep = pe.Keep.ASK
    while True:
        save_cmd = cmd.SaveIndicator(editor.workspace, pid, ind_key if isinstance(ind_key, str) else None, draft,
                                     editor._done, editor.actor, loaded=loaded, keep=keep)
        try:
            change = wr.run(editor, save_cmd)
            break
        except pe.IndicatorChangedElsewhere as exc:
            answer = ask_elsewhere(editor, draft.name, exc.conflicts)
            if answer is Answer.CANCEL:
                editor.tell(_tr("保存しませんでした（入力はそのまま残っています）。"))
                return
            keep = pe.Keep.MINE if answer is Answer.SAVE else pe.Keep.THEIRS
        except PlanEditError as exc:  # refused: nothing reaches the undo history
            editor.tell(exc.message)
            return
    editor._show_info(form.unled_meaning(draft, saved=True))  # no 所管課: what it means
    done: list[cmd.PlanCommand] = [save_cmd]
    saved = change.indicators[0]
    stored_notes = pe.indicator_notes(editor.workspace.run(plan_service.load_plan, pid), saved)
    # the notes too only when changed in this form, and not over notes changed elsewhere unless asked
    mine_changed = notes != loaded_notes if shown is not None else notes != stored_notes
    theirs_changed = shown is not None and stored_notes != loaded_notes and stored_notes != notes
    if mine_changed and notes != stored_notes and theirs_changed and keep is not pe.Keep.MINE and (
            keep is pe.Keep.THEIRS or ask_elsewhere(editor, draft.name, (pe.FieldConflict(
                "notes", "\n".join(t for _m, t in loaded_notes), "\n".join(t for _m, t in notes),
                "\n".join(t for _m, t in stored_notes)),)) is not Answer.SAVE):
        mine_changed = False
    if mine_changed and notes != stored_notes:
        set_notes = cmd.SetIndicatorNotes(editor.workspace, pid, saved, notes, editor._done, editor.actor)
        try:
            wr.run(editor, set_notes)
            done.append(set_notes)
        except PlanEditError as exc:
            editor.tell(exc.message)
    editor.undo_stack.beginMacro(f"指標: {draft.name}")  # one step, of what went through
    for command in done:
        editor.undo_stack.push(command)
    editor.undo_stack.endMacro()
    editor.reload(key)
    editor.indicator_combo.setCurrentIndex(max(0, editor.indicator_combo.findData(saved)))
