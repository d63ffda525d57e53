"""What the window does about others' changes to the plans: the undo history ending where it would
write over them (forget_undo_of), and edits whose indicator, item or plan was removed elsewhere
before they were saved (the plan editor in another window or by another person: 指標を削除, 削除).

The save writes every other edit and names these (services.editing.SaveResult.removed); here the
window tells the person which indicator or item was removed and what they had typed there, writes
the same lines to a text file beside the recovery journals (the journal itself is rewritten with
what is still unsaved, and a journal's field with nothing to belong to is never offered back), and
then shows the plans as they now are: the removed row gone from the tree, its form no longer shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.editing import Content, Target, content_to_field, key_of
from kodaira_desk.services.session import holds

if TYPE_CHECKING:
    from kodaira_desk.domain.model import PlanTree
    from kodaira_desk.services.workspace import Applied
    from kodaira_desk.ui.window.window_api import Window

SHOWN = 8  # lines in the message; the file holds them all


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def lines_of(removed: Sequence[tuple[Target, Content]], trees: Mapping[str, PlanTree]) -> list[str]:
    """Each removed field in words (as the plans held it when it was typed) with what was typed."""
    from kodaira_desk.services.field_words import describe

    out = []
    for target, content in removed:
        typed = content_to_field(content)
        field = describe(trees, key_of(target))
        out.append(_tr("{field}: 入力した値{typed}").format(
            field=unknown_field(key_of(target)) if field == key_of(target) else field,
            typed=_tr("「{text}」").format(text=typed) if typed else _tr("（空欄）")))
    return out


def unknown_field(key: str) -> str:
    """A field the window never saw the indicator or item of (removed before the file was opened:
    a recovery journal's edit), in the words there are: its key, year and part."""
    from kodaira_desk.domain.fields import FieldKey
    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.domain.model import ValueKind

    try:
        fk = FieldKey.parse(key)
        year = FiscalYear(fk.year).era_label()
    except (ValueError, DomainError):
        return key
    if fk.kind == "value":
        return _tr("削除された指標（{key}） {year} {what}").format(key=fk.item, year=year, what=ValueKind(fk.part).label)
    what = {"status": "進捗状況", "narrative": "実施等状況", "settled": "決算額", "settled_note": "決算額の差の理由",
            "cost": "費用", "schedule": "年次計画"}
    return _tr("削除された項目（{key}） {year} {what}").format(
        key=fk.item, year=year, what=what.get(fk.part if fk.kind == "progress" else fk.kind, fk.part))


def record_of(w: Window, heading: str, when: str, lines: Sequence[str], targets: Sequence[Target]) -> str:
    """What typed values a person should be able to read again later are written down as: the
    heading, the file, `when` (a text with {when}) and who, then each line with its field's key."""
    return "\n".join([
        heading,
        _tr("ファイル: {file}").format(file=w.workspace.location),
        when.format(when=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        _tr("担当者: {who}").format(who=w.workspace.actor or ""),
        "",
        *(f"{line}\n    ({key_of(t)})" for line, t in zip(lines, targets, strict=True)),
        "",
    ])


def tell_removed(w: Window, removed: Sequence[tuple[Target, Content]], trees: Mapping[str, PlanTree]) -> None:
    """Say which fields the save could not write, and keep what was typed there in a file.
    `trees`: the plans as the window held them when the edits were typed (they still name the
    removed indicators and items)."""
    lines = lines_of(removed, trees)
    name = w.workspace.name
    record = record_of(w, _tr("Kodaira Desk: ほかで削除された指標・項目に入力していたため保存できなかった値"),
                       _tr("保存した日時: {when}"), lines, [t for t, _c in removed])
    from kodaira_desk.services.recovery_journal import set_down

    try:
        kept = _tr("入力した値は「{path}」にも書き残しました。").format(
            path=set_down(w.settings.recovery_folder(), name, record))
    except (OSError, DomainError):  # a full disk: the message is then the only place; said so
        kept = _tr("入力した値をファイルに書き残せませんでした。必要なら、この内容を控えてください。")
    shown = lines[:SHOWN] + ([_tr("ほか {n} 件").format(n=len(lines) - SHOWN)] if len(lines) > SHOWN else [])
    w.tell(_tr("ほかで削除された項目"), _tr(
        "「{file}」を保存しました。ただし、次の {n} 件は、入力のあと別の画面またはほかの人が指標・項目を"
        "削除していたため保存できませんでした:\n{lines}\n\n{kept}").format(
        file=name, n=len(removed), lines="\n".join(shown), kept=kept))


def after_save(w: Window, applied: Applied, typed_on: Mapping[str, PlanTree],
               read_again: Callable[[Window], None]) -> None:
    """A save took its plans in; when it found fields removed elsewhere (SaveResult.removed): a red
    cell of the same indicators and items goes with them (typed text too), the window shows the
    plans as they now are (a plan removed whole: the list read again, `read_again`), then the person
    is told. `typed_on`: the plans as they were before the save was taken in."""
    removed = applied.saved.removed if applied.saved is not None else ()
    if not removed:
        return
    plans = {t.plan_id for t, _c in removed}
    trees = w.editor.trees
    red = [(t, d.text) for t, d, _what in w.editor.drafts.items()
           if t.plan_id in plans and not (t.plan_id in applied.trees and holds(trees[t.plan_id], t))]
    for target, _text in red:
        w.editor.drafts.put(target, None, "")
    if red:
        w.editor.journal_now()
    if plans <= set(applied.trees):
        follow(w)
    else:  # (Workspace.save read again the plans that are still there)
        read_again(w)
        drop_current(w)
    tell_removed(w, [*removed, *red], typed_on)


def follow(w: Window) -> None:
    """The plans taken in are shaped anew (an indicator or item gone): the tree rebuilt and the
    form shown again; when the item shown is gone, its plan is shown instead."""
    w.editor.reloaded.emit()  # (the window rebuilds its tree and shows the current item again)
    drop_current(w)


def drop_current(w: Window) -> None:
    """The item or plan shown is gone: its plan is shown instead, or the first plan."""
    current = w.current
    if current is None:
        return
    plan_id, key = current
    trees = w.editor.trees
    if plan_id in trees and (key is None or trees[plan_id].has_node(key)):
        return
    for shown in ([plan_id] if plan_id in trees else []) + list(trees)[:1]:
        if w.select_node(shown, None):
            if w.current != (shown, None):  # (the row was selected already: no signal)
                w.current = (shown, None)
                w.show_current()
            return


def update(w: Window, trees: Mapping[str, PlanTree]) -> None:
    """Plans read again after others wrote, taken in (saving.take_others); one that lost or gained
    an item or an indicator makes the tree and the form shown again (the item shown, if gone: its plan)."""
    shaped = reshaped(w.editor.trees.loaded(), trees)
    w.editor.trees.update(trees)
    if shaped:
        follow(w)


def reshaped(before: Mapping[str, PlanTree], after: Mapping[str, PlanTree]) -> bool:
    """Whether any plan of `after` has lost or gained an item or an indicator since `before`."""
    def shape(tree: PlanTree) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(n.key for n in tree.nodes), tuple(i.key for i in tree.indicators)

    return any(p in before and shape(before[p]) != shape(t) for p, t in after.items())


def forget_undo_of(w: Window, keys: frozenset[str]) -> str:
    """A step of the undo history would put a value into a field someone else changed meanwhile
    (and the next save would write it over theirs, unasked): the history ends here, what is typed
    stays. What the window says of it, or "" when the history is kept."""
    if not keys or not w.editor.undo_keys() & keys:
        return ""
    w.editor.undo_stack.clear()
    return _tr("ほかで変更された項目があるため、元に戻す履歴は消えました（入力はそのまま残っています）。")
