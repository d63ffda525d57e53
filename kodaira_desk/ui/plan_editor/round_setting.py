"""The plan editor's part of the yearly round (issue 31): what the plan asks each year (年次の報告…),
the 課 chosen from those the city has (a new one only as a deliberate step, 新しい課…), the 所管課
proposed for an indicator without one (the 施策's first 主要事業's 課) and 「所管課未設定」 shown for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.departments import Department
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_setting import NARRATIVES, NO_DEPARTMENT, RoundSetting
from kodaira_desk.ui import a11y, screen_fit
from kodaira_desk.ui.plan_editor.commands import Done, PlanCommand
from kodaira_desk.ui.plan_editor.forms import ok_cancel
from kodaira_desk.ui.tasks import free_when_closed

if TYPE_CHECKING:
    from kodaira_desk.services.plan_editing import PlanChange
    from kodaira_desk.services.workspace import Workspace


T = TypeVar("T")

class PlanEditorDialog(Protocol):
    """What of plan_editor.PlanEditorDialog this module uses (named, not imported: no import cycle)."""

    workspace: Workspace
    actor: str | None
    tree: PlanTree | None

    def plan_id(self) -> str | None: ...
    def run(self, command: PlanCommand, select: str | None = None) -> PlanChange | None: ...
    def department_names(self) -> list[str]: ...
    def current_key(self) -> str | None: ...
    def reload(self, select: str | None = None) -> None: ...
    def tell(self, text: str) -> None: ...
    def write(self, fn: Callable[[], T]) -> T: ...
    def tr(self, text: str) -> str: ...
    def window(self) -> QWidget: ...  # the editor's dialog itself (a top-level widget): the parent


class RoundSettingDialog(QDialog):
    """年次の報告: which level reports each year and what (進捗状況, 実施等状況 or 実施内容, 決算額), and
    whether the indicators report their 実績."""

    def __init__(self, tree: PlanTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundSettingDialog")
        self.setWindowTitle(self.tr("年次の報告"))
        setting = tree.plan.round
        self.levels = tree.plan.levels
        self.level = QComboBox()
        self.level.setObjectName("roundLevel")
        self.level.addItem(self.tr("（項目の報告なし）"), None)
        for depth, name in enumerate(self.levels, start=1):
            self.level.addItem(name, depth)
        self.level.setCurrentIndex(max(0, self.level.findData(setting.level)))
        self.status = QCheckBox(self.tr("進捗状況(&S)"))
        self.status.setObjectName("roundStatus")
        self.status.setChecked(setting.status)
        self.narrative_group = QButtonGroup(self)
        narr = QHBoxLayout()
        self.narratives: dict[str | None, QRadioButton] = {}
        for word, label in ((None, self.tr("なし(&N)")), (NARRATIVES[0], self.tr("実施等状況(&J)")),
                            (NARRATIVES[1], self.tr("実施内容(&T)"))):
            button = QRadioButton(label)
            button.setObjectName(f"roundNarrative_{word or 'none'}")
            self.narrative_group.addButton(button)
            narr.addWidget(button)
            self.narratives[word] = button
        self.narratives[setting.narrative if setting.narrative in NARRATIVES else None].setChecked(True)
        self.settlement = QCheckBox(self.tr("決算額（計画の費用と比べ、差が大きいときは理由も）(&K)"))
        self.settlement.setObjectName("roundSettlement")
        self.settlement.setChecked(setting.settlement)
        self.indicators = QCheckBox(self.tr("指標の実績・実績（見込）(&I)"))
        self.indicators.setObjectName("roundIndicators")
        self.indicators.setChecked(setting.indicators)
        self.summary = QLabel()
        self.summary.setObjectName("roundSummary")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("報告する階層(&L)"), self.level)
        form.addRow(self.tr("項目ごとに"), self.status)
        form.addRow(self.tr("文章"), narr)
        form.addRow("", self.settlement)
        form.addRow(self.tr("指標ごとに"), self.indicators)
        a11y.name_form(form)
        words = self.tr("文章")
        for button in self.narratives.values():  # each read with the row's name: 「文章: 実施内容」
            a11y.name(button, f"{words}: {a11y.plain(button.text())}")
        intro = QLabel(self.tr("毎年度、担当課に入力を頼むものを選びます（配布するファイルと進捗ボードに反映されます）。"))
        intro.setWordWrap(True)
        a11y.describe(self.level, intro.text())
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        buttons = ok_cancel(self, self.tr("設定する(&O)"), "roundSettingOk")
        lay.addWidget(buttons)
        self._order_tabs()
        self.narrative_group.buttonToggled.connect(lambda *_: self._order_tabs())
        screen_fit.fit(self)
        for changed in (self.level.currentIndexChanged, self.status.toggled, self.settlement.toggled,
                        self.indicators.toggled, self.narrative_group.buttonToggled):
            changed.connect(self._update)
        self._update()

    def _order_tabs(self) -> None:
        """Tab enters the 文章 choices at the chosen one (Qt stops at the first of a group of radio
        buttons, then the arrow keys choose): a screen reader says what is chosen, not 「なし」."""
        chosen = [b for b in self.narratives.values() if b.isChecked()]
        others = [b for b in self.narratives.values() if not b.isChecked()]
        a11y.tab_order(self.level, self.status, *chosen, *others, self.settlement, self.indicators)

    def setting(self) -> RoundSetting:
        level = self.level.currentData()
        narrative = next((w for w, b in self.narratives.items() if b.isChecked()), None)
        items = level is not None
        return RoundSetting(level if items else None, items and self.status.isChecked(),
                            narrative if items else None, items and self.settlement.isChecked(),
                            self.indicators.isChecked())

    def _update(self, *_args: object) -> None:
        items = self.level.currentData() is not None
        for w in (self.status, self.settlement, *self.narratives.values()):
            w.setEnabled(items)
        self.summary.setText(self.tr("年次の報告: {s}").format(s=in_words(self.setting(), self.levels)))


def in_words(setting: RoundSetting, levels: Sequence[str]) -> str:
    """What a plan asks each year (RoundSetting.describe) in the window's language: 「主要事業:
    Status, Activities, Settled amount / Indicators: Actual」 in English."""
    return setting.describe(levels, lambda word: QCoreApplication.translate("RoundSettingWords", word))


def show_round_setting(editor: PlanEditorDialog, parent: QWidget, done: Done) -> QDialog | None:
    """年次の報告…: the dialog for the editor's plan; 設定する sets it as one undoable step."""
    if editor.tree is None:
        return None
    dialog = RoundSettingDialog(editor.tree, parent)
    pid = editor.plan_id()

    def apply() -> None:
        if pid is not None:
            editor.run(SetRoundSetting(editor.workspace, pid, dialog.setting(), done, editor.actor), editor.current_key())

    dialog.accepted.connect(apply)
    free_when_closed(dialog)  # (else each opening stayed in the editor while it is open)
    dialog.open()
    return dialog


class SetRoundSetting(PlanCommand):
    """年次の報告 of a plan; undone by setting the old one back."""

    def __init__(self, workspace: Workspace, plan_id: str, setting: RoundSetting, done: Done,
                 actor: str | None) -> None:
        super().__init__(workspace, "年次の報告", done, actor)
        self.plan_id, self.setting = plan_id, setting

    def do(self) -> PlanChange:
        from kodaira_desk.services import plan_editing as pe

        return self.workspace.run(pe.set_round_setting, self.plan_id, self.setting, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        from kodaira_desk.services import plan_editing as pe

        return self.workspace.run(pe.set_round_setting, self.plan_id, change.inverse, actor=self.actor)


class NewDepartmentDialog(QDialog):
    """新しい課: a name and its reading, added on purpose (never by a typing mistake in a 課 box)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newDepartmentDialog")
        self.setWindowTitle(self.tr("新しい課"))
        self.name = QLineEdit(name)
        self.name.setObjectName("newDepartmentName")
        self.reading = QLineEdit()
        self.reading.setObjectName("newDepartmentReading")
        form = QFormLayout()
        form.addRow(self.tr("課名(&N)"), self.name)
        form.addRow(self.tr("よみ（ひらがな）(&Y)"), self.reading)
        intro = QLabel(self.tr("一覧にない課を新しく登録します。課の名前を確かめてください（配布ファイルは課ごとに作られます）。"))
        intro.setWordWrap(True)
        a11y.name_form(form)
        a11y.describe(self.name, intro.text())
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        buttons = ok_cancel(self, self.tr("登録する(&R)"), "newDepartmentOk")
        lay.addWidget(buttons)
        a11y.tab_order(self.name, self.reading, *buttons.buttons())
        screen_fit.fit(self)

    def department(self) -> Department:
        return Department(self.name.text().strip(), self.reading.text().strip(), "")


class _EnterStays(QObject):
    """Enter in a 課 box completes the name there; it does not press the dialog's default button."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            box = watched.parent() if not isinstance(watched, QComboBox) else watched
            if isinstance(box, QComboBox):
                completer = box.completer()
                popup = completer.popup() if completer is not None else None
                if popup is not None and popup.isVisible():
                    return False  # the completer takes its choice
                line = box.lineEdit()
                if line is not None:
                    line.selectAll()
            return True
        return False


def department_box(box: QComboBox) -> None:
    """A 課 box: type to find (part of a name), choose from the list; nothing is added by typing."""
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    stay = _EnterStays(box)
    line = box.lineEdit()
    if line is not None:
        line.installEventFilter(stay)


def no_default_buttons(dialog: QDialog) -> None:
    """No button of the editor is pressed by Enter typed in a box (「新しい計画…」 was)."""
    for button in dialog.findChildren(QAbstractButton):
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)


def add_department(editor: PlanEditorDialog, box: QComboBox) -> QDialog:
    """新しい課…: register a 課 on purpose, then choose it in `box`."""
    from kodaira_desk.services import plan_editing as pe
    from kodaira_desk.services.plan_editing import PlanEditError

    typed = box.currentText().strip()
    known = set(editor.department_names())
    dialog = NewDepartmentDialog("" if typed in known else typed, editor.window())

    def register() -> None:
        dept = dialog.department()
        if not dept.name:
            editor.tell(editor.tr("課名を入力してください。"))
            return
        if dept.name in known:
            editor.tell(editor.tr("課「{name}」はすでにあります。一覧から選んでください。").format(name=dept.name))
        else:
            try:
                workspace, actor = editor.workspace, editor.actor
                editor.write(lambda: workspace.run(pe.save_department, dept, actor=actor))
            except PlanEditError as exc:
                editor.tell(exc.message)
                return
        current_key = editor.current_key()
        editor.reload(current_key)
        box.setCurrentText(dept.name)
        editor.tell("")

    dialog.accepted.connect(register)
    free_when_closed(dialog)
    dialog.open()
    return dialog


def indicator_label(tree: PlanTree, key: str) -> str:
    """The indicator's name in the editor's list, with 「所管課未設定」 when no 課 leads it."""
    from kodaira_desk.domain.model import Role

    ind = tree.indicator(key)
    if any(d.role is Role.LEAD for d in ind.departments):
        return ind.name
    return f"{ind.name}（{NO_DEPARTMENT}）"
