"""Next year starts from this year, in clerk mode (issue 24): a 実施等状況 the hand-out carried over
from the year before is marked under the text box (「前年度から引き継いだ文」), with a 変更なし button
that confirms it stands; the pre-return check lists the unconfirmed ones as 「前年度と同じ」."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import display_number
from kodaira_desk.services.editing import ProgressField, target_of
from kodaira_desk.services.workspace import Applied
from kodaira_desk.ui import theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.check_items import CheckItem
from kodaira_desk.ui.tasks import Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.tasks import TaskRunner


@runtime_checkable
class ConfirmingWindow(Protocol):
    """The main window, as 変更なし and the pre-return check's lines use it."""

    editor: Editor
    workspace: Workspace
    tasks: TaskRunner

    def ask_name(self, force: bool = False) -> str | None: ...

    def statusBar(self) -> QStatusBar: ...

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...


def same_as_last_year_items(w: ConfirmingWindow) -> list[CheckItem]:
    """The pre-return check's 「前年度と同じ」 lines: carried texts left as they were, unconfirmed."""
    session = w.editor.session
    out: list[CheckItem] = []
    for key, carried in sorted(session.carried.items()):
        target = target_of(key)
        if not isinstance(target, ProgressField) or target.plan_id not in session.trees:
            continue
        if session.same_as_last_year(target) is None:
            continue
        tree = session.trees[target.plan_id]
        if not tree.has_node(target.node_key):
            continue
        node = tree.node(target.node_key)
        parent = tree.node(node.parent_key).number if node.parent_key else None
        label = f"{display_number(node.number, parent)} {node.title}".strip()
        out.append(CheckItem(target.plan_id, target.node_key, w.tr("前年度と同じ: {item}（{y}の実施等状況のまま）").format(
            item=label, y=FiscalYear(carried.from_year).era_label()), False, True, key))
    return out


def confirm_unchanged(w: ConfirmingWindow, keys: list[str], then: Callable[[], None] | None = None) -> Op | None:
    """Record 変更なし for `keys` in the department file, on the worker."""
    if w.tasks.busy:
        return None
    w.ask_name()

    def done(applied: Applied) -> None:
        w.editor.session.locked_years, w.editor.session.carried = applied.report  # type: ignore[misc]
        w.editor.cells_changed.emit(tuple(target_of(k) for k in applied.changes.keys))
        for k in applied.changes.keys:
            w.editor.changed.emit(target_of(k))
        w.statusBar().showMessage(w.tr("{n} 件を変更なし（前年度と同じ）として確認しました。").format(n=len(keys)), 8000)
        if then is not None:
            then()

    return w.tasks.run_op(w.workspace.confirm_unchanged, (keys,), done, name="confirm_unchanged")


class CarriedNote(QWidget):
    """Under the 実施等状況 box: whether the text is carried over from the year before, and 変更なし."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carriedNote")
        self.editor = editor
        self.target: ProgressField | None = None
        self.label = QLabel()
        self.label.setObjectName("carriedLabel")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("変更なし(&U)"))  # (Alt+N is the 実施等状況 box's)
        self.button.setObjectName("carriedUnchanged")
        self.button.setToolTip(self.tr("前年度の実施等状況のままでよいことを確認します（政策課では「変更なし」と数えます）。"))
        self.button.clicked.connect(self.confirm)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button)
        self.setVisible(False)
        editor.changed.connect(lambda target: self.refresh() if target == self.target else None)

    def show_for(self, target: ProgressField | None) -> None:
        self.target = target
        self.refresh()

    def refresh(self) -> None:
        session = self.editor.session
        carried = session.carried_text(self.target) if self.target is not None else None
        if carried is None or self.target is None:
            self.setVisible(False)
            return
        year = FiscalYear(carried.from_year).era_label()
        content = session.content(self.target)
        text = content if isinstance(content, str) else None
        if carried.untouched(text):
            self.label.setText(self.tr("【前年度から引継ぎ】{y}の実施等状況を引き継いだ文です。直すか、このままでよければ「変更なし」を押してください"
                                       "（確認しないと未記入として扱われます）。").format(y=year))
            theme.tint(self.label, "note")
            self.button.setVisible(True)
        elif carried.unchanged(text):
            self.label.setText(self.tr("【確認済み】変更なし（{y}と同じ）として確認しました。").format(y=year))
            theme.tint(self.label, "ok_note")
            self.button.setVisible(False)
        else:
            self.label.setText(self.tr("{y}の実施等状況から書き直しました。").format(y=year))
            theme.tint(self.label, "muted_note")
            self.button.setVisible(False)
        self.setVisible(True)

    def confirm(self) -> Op | None:
        """変更なし, through the main window's worker (the form's top-level window)."""
        from kodaira_desk.services.editing import key_of

        w = self.window()
        if self.target is None or not isinstance(w, ConfirmingWindow):
            return None
        return confirm_unchanged(w, [key_of(self.target)], then=self.refresh)
