"""Typing in the plan editor's item and indicator forms that was not saved (項目を保存 / 指標を保存 not
pressed): closing the editor, choosing another plan or another item in its structure, 元に戻す /
やり直す or an import asks before it is dropped, never silently (nothing typed is lost)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QTreeView

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.plan_editor.forms import IndicatorForm
from kodaira_desk.ui.plan_editor.model import KEY_ROLE


class PlanEditorDialog(Protocol):
    """What is read of the editor (ui/plan_editor/editor.py, which imports this module)."""

    tree: PlanTree | None
    node_box: QGroupBox
    node_number: QLineEdit
    node_title: QLineEdit
    node_lead: QComboBox
    indicator_form: IndicatorForm
    indicator_combo: QComboBox
    indicator_shown: int
    indicator_refill: QTimer
    plan_combo: QComboBox
    view: QTreeView
    writing: int

    def current_key(self) -> str | None: ...

    def ask(self, title: str, text: str) -> bool: ...

    def show_indicator(self, index: int) -> None: ...

    def reload(self) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanEditorUnsaved", text)


def unsaved_forms(editor: PlanEditorDialog, key: str | None = None) -> list[str]:
    """The forms whose fields differ from what the plan holds for the item `key` (the one chosen when
    None): 「項目「…」」, 「指標「…」」."""
    out = []
    tree, key = editor.tree, key if key is not None else editor.current_key()
    if tree is not None and key and tree.has_node(key) and editor.node_box.isEnabled():
        node = tree.node(key)
        leads = node.lead_departments()
        shown = (editor.node_number.text(), editor.node_title.text(), editor.node_lead.currentText())
        if shown != (node.number, node.title, leads[0] if leads else ""):
            out.append(_tr("項目「{title}」").format(title=node.title))
    form = editor.indicator_form
    if form.isEnabled() and form.typed():
        name = form.indicator.name if form.indicator is not None else _tr("新しい指標")
        out.append(_tr("指標「{name}」").format(name=name))
    return out


def may_close(editor: PlanEditorDialog) -> bool:
    """True when nothing typed would be lost, or the person chose to drop it."""
    forms = unsaved_forms(editor)
    return not forms or editor.ask(_tr("保存していない入力"), _tr(
        "{forms}に保存していない入力があります。保存せずに閉じますか？"
        "（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）").format(forms=listed(forms)))


def may_refill(editor: PlanEditorDialog, action: str) -> bool:
    """元に戻す ("undo") / やり直す ("redo") / Excelから取り込み ("import") refill the forms from the
    plan: True when nothing typed would be lost, or the person chose to drop it (いいえ, the default,
    keeps the typing and nothing is done)."""
    forms = unsaved_forms(editor)
    if not forms:
        return True
    keep = _tr("（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）")
    question = {"undo": _tr("{forms}に保存していない入力があります。保存せずに元に戻しますか？"),
                "redo": _tr("{forms}に保存していない入力があります。保存せずにやり直しますか？"),
                "import": _tr("{forms}に保存していない入力があります。保存せずにExcelから取り込みますか？")}[action]
    return editor.ask(_tr("保存していない入力"), question.format(forms=listed(forms)) + keep)


_CHOOSING: set[int] = set()  # editors choosing an item themselves (after an edit, a search)
_RETURNING: set[int] = set()  # editors going back to the item whose typing was kept


def choose(editor: PlanEditorDialog, index: QModelIndex) -> None:
    """The editor chooses an item itself (its forms are about to show it): nothing is asked."""
    if not index.isValid():
        return
    _CHOOSING.add(id(editor))
    try:
        editor.view.setCurrentIndex(index)
    finally:
        _CHOOSING.discard(id(editor))
    editor.view.scrollTo(index)


def may_leave(editor: PlanEditorDialog, deselected: QItemSelection) -> bool:
    """A person chose another item: True when the forms of the item before hold nothing unsaved or the
    person chose to drop it; otherwise the item before is chosen again on the next turn of the event
    loop (not inside the view's own change), its typing kept in the forms."""
    if id(editor) in _RETURNING:
        return False
    before = [i for i in deselected.indexes() if i.isValid() and i.column() == 0]
    key = before[0].data(KEY_ROLE) if before else None
    if id(editor) in _CHOOSING or editor.writing or not isinstance(key, str):
        return True
    forms = unsaved_forms(editor, key)
    if not forms or editor.ask(_tr("保存していない入力"), _tr(
            "{forms}に保存していない入力があります。保存せずにほかの項目へ移りますか？"
            "（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）").format(
                forms=listed(forms))):
        return True
    back_to = QPersistentModelIndex(before[0])
    _RETURNING.add(id(editor))

    def back() -> None:
        try:
            if back_to.isValid():
                editor.view.setCurrentIndex(back_to)
        finally:
            _RETURNING.discard(id(editor))

    QTimer.singleShot(0, editor.view, back)
    return False


def watch_indicator_choice(editor: PlanEditorDialog) -> None:
    """The indicator combo: the editor's refills (`currentIndexChanged`) show the row; a person's choice
    (`activated`) asks first when the form holds typing."""
    editor.indicator_shown = 0  # the combo's row whose indicator the form shows
    combo = editor.indicator_combo
    refill = editor.indicator_refill = QTimer(combo)  # the deferred showing of a row the editor chose
    refill.setSingleShot(True)
    refill.setInterval(0)
    refill.timeout.connect(lambda: indicator_chosen(editor, combo.currentIndex(), asked=False))
    combo.currentIndexChanged.connect(lambda i: indicator_index(editor, i))
    combo.activated.connect(lambda i: indicator_chosen(editor, i))


def indicator_index(editor: PlanEditorDialog, index: int) -> None:
    """The indicator combo's row changed: shown at once when nothing is typed in the indicator form.
    With typing, a person's choice (`activated`, emitted right after the change) asks first; a change
    the editor made itself (no person's choice follows) is shown on the next turn of the event loop, so
    the form never holds one indicator's typing under another's name."""
    form = editor.indicator_form
    if not form.isEnabled() or not form.typed():
        editor.show_indicator(index)
        return
    editor.indicator_refill.start()  # stopped by the person's choice that follows, if one does


def indicator_chosen(editor: PlanEditorDialog, index: int, *, asked: bool = True) -> None:
    """A person chose the combo's row `index`: typing in the indicator form shown before is dropped only
    when the person says so (いいえ, the default, goes back to the indicator the typing is for).
    The question's box runs an event loop of its own: the deferred showing of the row (indicator_index)
    is stopped first, or it would run in there before the answer and drop the typing (tester)."""
    combo, form = editor.indicator_combo, editor.indicator_form
    if asked:
        editor.indicator_refill.stop()
    if index == editor.indicator_shown or index != combo.currentIndex():
        return
    name = form.indicator.name if form.indicator is not None else _tr("新しい指標")
    if asked and form.isEnabled() and form.typed() and not editor.ask(_tr("保存していない入力"), _tr(
            "指標「{name}」に保存していない入力があります。保存せずにほかの指標へ移りますか？"
            "（残すときは「いいえ」を押し、「指標を保存」で保存してください）").format(name=name)):
        combo.blockSignals(True)
        combo.setCurrentIndex(editor.indicator_shown)
        combo.blockSignals(False)
        return
    editor.show_indicator(index)


def watch_plan_choice(editor: PlanEditorDialog) -> None:
    """The plan combo: a person's choice of another plan reloads the forms, after asking when they hold
    typing (いいえ, the default, goes back to the plan the typing is for). The editor's own refills of
    the combo block its signals: nothing is asked then."""
    editor.plan_combo.currentIndexChanged.connect(lambda _i: plan_chosen(editor))


def plan_chosen(editor: PlanEditorDialog) -> None:
    combo, tree = editor.plan_combo, editor.tree
    shown = tree.plan.id if tree is not None else None
    forms = unsaved_forms(editor) if shown is not None and combo.currentData() != shown else []
    if forms and not editor.ask(_tr("保存していない入力"), _tr(
            "{forms}に保存していない入力があります。保存せずにほかの計画へ移りますか？"
            "（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）").format(
                forms=listed(forms))):
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(shown)))
        combo.blockSignals(False)
        return
    editor.reload()
