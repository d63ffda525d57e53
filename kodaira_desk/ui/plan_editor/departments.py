"""The 課 tab of the plan editor: the list with reading and code, and reorganisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.departments import Department, ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.plan_structure import split_list
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plan_editing import PlanEditError
from kodaira_desk.ui import a11y, screen_fit
from kodaira_desk.ui.plan_editor import commands as cmd
from kodaira_desk.ui.plan_editor.forms import ok_cancel
from kodaira_desk.ui.plan_editor.model import DepartmentModel

if TYPE_CHECKING:
    from kodaira_desk.services.plan_editing import PlanChange
    from kodaira_desk.services.workspace import Workspace
    from kodaira_desk.ui.plan_editor.read import EditorView


T = TypeVar("T")

class PlanEditorDialog(Protocol):
    """The plan editor as its 課 panel uses it (ui/plan_editor.py, not imported: no import cycle)."""

    workspace: Workspace
    actor: str | None
    year: FiscalYear

    def run(self, command: cmd.PlanCommand, select: str | None = None) -> PlanChange | None: ...

    def tell(self, text: str) -> None: ...

    def reload(self, select: str | None = None) -> None: ...

    def _done(self, change: PlanChange) -> None: ...

    def write(self, fn: Callable[[], T]) -> T: ...

    def window(self) -> QWidget: ...  # the editor's dialog itself (a top-level widget): the parent


class DepartmentsPanel(QWidget):
    def __init__(self, editor: PlanEditorDialog) -> None:
        super().__init__(editor.window())
        self.editor = editor
        self.model = DepartmentModel(self)
        self.model.headers = [self.tr("課"), self.tr("読み（五十音順）"), self.tr("コード"), self.tr("メールアドレス")]
        self.view = QTableView()
        self.view.setObjectName("departmentView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the list
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setVisible(False)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        a11y.name(self.view, self.tr("課の一覧"), self.tr("課を選ぶと右に読みとコードが出ます。"))

        self.name = QLineEdit()
        self.name.setObjectName("departmentName")
        self.reading = QLineEdit()
        self.reading.setObjectName("departmentReading")
        self.code = QLineEdit()
        self.code.setObjectName("departmentCode")
        self.email = QLineEdit()
        self.email.setObjectName("departmentEmail")
        self.email.setPlaceholderText(self.tr("例: douro@city.kodaira.lg.jp（複数は , で区切る）"))
        self.email.setToolTip(self.tr("提出の催促メールの宛先です。"))
        save = QPushButton(self.tr("課を保存(&S)"))
        save.setObjectName("departmentSave")
        save.clicked.connect(self.save_department)
        details = QGroupBox(self.tr("課の読み・コード・メールアドレス"))
        form = QFormLayout(details)
        form.addRow(self.tr("課"), self.name)
        form.addRow(self.tr("読み（ひらがな）"), self.reading)
        form.addRow(self.tr("コード"), self.code)
        form.addRow(self.tr("メールアドレス"), self.email)
        form.addRow("", save)
        a11y.name_form(form)

        self.kind = QComboBox()
        self.kind.setObjectName("reorgKind")
        for k, label in ((ReorganisationKind.RENAME, self.tr("名称変更")),
                         (ReorganisationKind.MERGE, self.tr("統合（複数の課を一つに）")),
                         (ReorganisationKind.SPLIT, self.tr("分割（一つの課を複数に）"))):
            self.kind.addItem(label, k.value)
        y = editor.year
        self.year = QComboBox()
        self.year.setObjectName("reorgYear")
        for fy in fiscal_years(FiscalYear(y.year - 3), FiscalYear(y.year + 5)):
            self.year.addItem(fy.era_label(), fy.year)
        self.year.setCurrentIndex(max(0, self.year.findData(y.year + 1)))
        self.sources = QLineEdit()
        self.sources.setObjectName("reorgSources")
        self.sources.setPlaceholderText(self.tr("元の課（、で区切る）"))
        self.targets = QLineEdit()
        self.targets.setObjectName("reorgTargets")
        self.targets.setPlaceholderText(self.tr("新しい課（、で区切る）"))
        run = QPushButton(self.tr("再編を記録する(&G)"))
        run.setObjectName("reorgRun")
        run.clicked.connect(self.reorganise)
        reorg = QGroupBox(self.tr("課の再編（年度から有効）"))
        rform = QFormLayout(reorg)
        rform.addRow(self.tr("種類"), self.kind)
        rform.addRow(self.tr("有効となる年度"), self.year)
        rform.addRow(self.tr("元の課"), self.sources)
        rform.addRow(self.tr("新しい課"), self.targets)
        rform.addRow(QLabel(self.tr("分割では、項目ごとに新しい課を選びます。")), run)
        a11y.name_form(rform)
        a11y.name(run, run.text(), self.tr("分割では、項目ごとに新しい課を選びます。"))
        self.history = QLabel()
        self.history.setObjectName("reorgHistory")
        self.history.setWordWrap(True)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        right = QVBoxLayout()
        right.addWidget(details)
        right.addWidget(reorg)
        right.addWidget(QLabel(self.tr("再編の履歴")))
        right.addWidget(self.history, 1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(right, 1)

    def reload(self, view: EditorView | None = None) -> None:
        """The 課 again: from `view` when the worker read them, else read here."""
        self.model.load(list(view.departments) if view else self.editor.workspace.run(pe.list_departments))
        events = (view.history if view else self.editor.workspace.run(pe.department_history)).events
        self.history.setText("\n".join(ev.describe() for ev in events) or self.tr("（なし）"))

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        d = self.model.rows[index.row()]
        self.name.setText(d.name)
        self.reading.setText(d.reading)
        self.code.setText(d.code)
        self.email.setText(d.email or "")

    def save_department(self) -> None:
        try:
            dept = Department(self.name.text(), self.reading.text(), self.code.text(), self.email.text())
            workspace, actor = self.editor.workspace, self.editor.actor
            self.editor.write(lambda: workspace.run(pe.save_department, dept, actor=actor))
        except PlanEditError as exc:
            self.editor.tell(exc.message)
            return
        self.editor.tell("")
        self.editor.reload()

    def reorganise(self) -> SplitDialog | None:
        """Record the reorganisation; a split first asks where each item goes."""
        kind = ReorganisationKind(self.kind.currentData())
        sources, targets = split_list(self.sources.text()), split_list(self.targets.text())
        if kind is ReorganisationKind.SPLIT and len(sources) == 1 and len(targets) >= 2:
            items = self.editor.workspace.run(pe.items_of_department, sources[0])
            if items:
                dialog = SplitDialog(items, targets, self)
                dialog.accepted.connect(lambda: self._record(kind, sources, targets, dialog.assignments()))
                dialog.open()
                return dialog
        self._record(kind, sources, targets, {})
        return None

    def _record(self, kind: ReorganisationKind, sources: tuple[str, ...], targets: tuple[str, ...],
                assignments: dict[str, str]) -> None:
        year = FiscalYear(int(self.year.currentData()))
        command = cmd.Reorganise(self.editor.workspace, kind, year, sources, targets, self.editor._done,
                                 self.editor.actor, assignments=assignments)
        if self.editor.run(command) is not None:
            self.sources.clear()
            self.targets.clear()


class SplitDialog(QDialog):
    """分割: which new 課 each item of the split one goes to."""

    def __init__(self, items: list[tuple[str, str]], targets: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitDialog")
        self.setWindowTitle(self.tr("分割: 項目の割り当て"))
        self.choices: dict[str, QComboBox] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for i, (item, label) in enumerate(items):
            box = QComboBox()
            box.setObjectName(f"split_{i}")
            box.addItems(list(targets))
            self.choices[item] = box
            form.addRow(QLabel(label), box)
        a11y.name_form(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: Tab scrolls to each box
        scroll.setWidget(inner)
        buttons = ok_cancel(self, self.tr("分割を記録する(&R)"), "splitOk")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("それぞれの項目を受け持つ新しい課を選んでください。")))
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.resize(720, 520)
        screen_fit.fit(self)

    def assignments(self) -> dict[str, str]:
        return {item: box.currentText() for item, box in self.choices.items()}
