"""Typing in the plan editor's item and indicator forms that was not saved (項目を保存 / 指標を保存 not
pressed): closing the editor asks before it is dropped, never silently (nothing typed is lost)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit

from kodaira_desk.domain.model import PlanTree
from kodaira_desk.ui.plan_editor.forms import IndicatorForm


class PlanEditorDialog(Protocol):
    """What is read of the editor (ui/plan_editor/editor.py, which imports this module)."""

    tree: PlanTree | None
    node_box: QGroupBox
    node_number: QLineEdit
    node_title: QLineEdit
    node_lead: QComboBox
    indicator_form: IndicatorForm

    def current_key(self) -> str | None: ...

    def ask(self, title: str, text: str) -> bool: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanEditorUnsaved", text)


def unsaved_forms(editor: PlanEditorDialog) -> list[str]:
    """The forms whose fields differ from what the plan holds: 「項目「…」」, 「指標「…」」."""
    out = []
    tree, key = editor.tree, editor.current_key()
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
        "（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）").format(forms="、".join(forms)))
