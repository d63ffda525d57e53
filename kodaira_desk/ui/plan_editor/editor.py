"""計画の編集: the policy division builds and revises plans (master only, never a department file).

Every edit is one undo command calling one service (one transaction, audited); the dialog reads
the plan again after each and keeps the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import DepartmentLink, PlanTree, Role
from kodaira_desk.domain.plan_structure import Move
from kodaira_desk.domain.yearly import opened_first
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.plan_editing import PlanChange, PlanEditError
from kodaira_desk.services.plan_editing import workbook as pw
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, domain_words, screen_fit, theme
from kodaira_desk.ui.flow_layout import FlowLayout
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.message_line import HeightKeptLabel, dialog_message
from kodaira_desk.ui.plan_editor import commands as cmd
from kodaira_desk.ui.plan_editor import indicator_saving, node_saving, undo_keys, unsaved
from kodaira_desk.ui.plan_editor import round_setting as rnd
from kodaira_desk.ui.plan_editor import workbook as xl
from kodaira_desk.ui.plan_editor import writing as wr
from kodaira_desk.ui.plan_editor.departments import DepartmentsPanel
from kodaira_desk.ui.plan_editor.forms import IndicatorForm, NewPlanDialog, RevisionDialog
from kodaira_desk.ui.plan_editor.model import KEY_ROLE, StructureModel
from kodaira_desk.ui.plan_editor.read import EditorView
from kodaira_desk.ui.tasks import TaskRunner
from kodaira_desk.ui.turns import Later, Step, now, together

T = TypeVar("T")  # what a write returns

class PlanEditorDialog(QDialog):
    """Plans, their trees and indicators, and the departments, with undo."""

    plans_changed = Signal()
    indicator_refill: QTimer  # (unsaved.watch_indicator_choice's)

    def __init__(self, workspace: Workspace, year: FiscalYear, actor: str | None = None,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditor")
        self.workspace = workspace
        self.tasks = tasks
        self.writing = 0  # edits being written on the worker (ui/plan_editor/writing.py)
        self.year = year
        self.actor = actor
        self.tree: PlanTree | None = None
        self.undo_stack = QUndoStack(self)

        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        unsaved.watch_plan_choice(self)  # another plan chosen: typing asked about first
        self.new_plan_button = self._button(self.tr("新しい計画(&N)…"), "newPlanButton", lambda: self.show_new_plan(None))
        self.next_period_button = self._button(self.tr("次期計画を作成(&X)…"), "nextPeriodButton",
                                               lambda: self.show_new_plan(self.tree))
        self.export_button = self._button(self.tr("Excelへ書き出し(&W)…"), "planExportButton", self._on_export_clicked)
        self.import_button = self._button(self.tr("Excelから取り込み(&I)…"), "planImportButton", self._on_import_clicked)
        self.round_button = self._button(self.tr("年次の報告(&Y)…"), "roundSettingButton", self.show_round_setting)
        self.undo_button, self.redo_button = undo_keys.undo_and_redo(self, self.undo_stack, self._undo, self._redo)
        self.levels_label = HeightKeptLabel()  # wrapped (a plan's long line widened the editor past the
        self.levels_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())  # screen), two lines kept: another
        self.levels_label.setObjectName("planLevels")  # plan's moved the tabs below, all repainted (issue 27)
        self.message: QLabel = dialog_message("planEditorMessage")  # not there while empty
        theme.tint(self.message, "error_plain")

        plan_label = QLabel(self.tr("計画(&P)"))
        a11y.label_for(plan_label, self.plan_combo)
        top = FlowLayout()  # wraps at 150 % instead of widening the dialog past the screen
        for widget in (plan_label, self.plan_combo, self.new_plan_button, self.next_period_button, self.export_button,
                       self.import_button, self.round_button, 16, self.undo_button, self.redo_button):  # (16: a gap)
            top.addSpacing(widget) if isinstance(widget, int) else top.addWidget(widget, int(widget is self.plan_combo))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_structure_tab(), self.tr("構成と指標"))
        self.departments = DepartmentsPanel(self)
        self.tabs.addTab(self.departments, self.tr("課と再編"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.levels_label)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        self.setWindowTitle(self.tr("計画の編集"))
        self.resize(1280, 720)
        screen_fit.fit(self)
        rnd.no_default_buttons(self)  # Enter in a box presses no button (「新しい計画…」 was the default)
        self._fill_plans(opened_first(workspace.session.trees.known(), FiscalYear.of(date.today())))
        indicator_buttons = [self.findChild(QPushButton, f"indicator_{n}") for n in ("save", "revise", "remove")]
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its tab bar is the stop, once, after the top row
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)  # (Qt passed NoFocus on to it)
        a11y.tab_order(self.plan_combo, self.new_plan_button, self.next_period_button, self.export_button,
                       self.import_button, self.round_button, self.undo_button, self.redo_button, self.tabs.tabBar(),
                       self.new_title, *self.node_buttons.values(), self.view, self.node_number, self.node_title,
                       self.node_lead, self.findChild(QPushButton, "nodeLeadNew"), self.findChild(QPushButton, "nodeApply"),
                       self.indicator_combo)
        self.indicator_form.order_tabs(self.indicator_combo, indicator_buttons)

    # ------------------------------------------------------------------ building
    def _button(self, text: str, name: str, pressed: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(pressed)
        return button

    def _build_structure_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._structure_side())
        split.addWidget(self._item_side())
        split.setSizes([640, 600])
        return split

    def _structure_side(self) -> QWidget:
        """The plan's items as a tree (dragged to move), the name of one to add, and the buttons."""
        self.model = StructureModel(self)
        self.model.headers = [self.tr("番号・項目名"), self.tr("階層"), self.tr("担当課"), self.tr("指標")]
        self.view = QTreeView()
        self.view.setObjectName("structureView")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QTreeView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.model.on_drop = self.drop_node
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in (1, 3):  # 階層 and 指標 as wide as their words, the rest for 担当課
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 220)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        a11y.name(self.view, self.tr("計画の構成"), self.tr("項目を選んで右で編集します。ドラッグでも移動できます。"))
        buttons = FlowLayout()
        self.node_buttons: dict[str, QPushButton] = {}
        for name, label, slot in (
            ("addTop", self.tr("最上位に追加(&T)"), lambda: self.add_node(None)),
            ("addChild", self.tr("下に追加(&B)"), lambda: self.add_node(self.current_key())),
            ("up", self.tr("↑ 上へ(&8)"), lambda: self.move_node(Move.UP)),
            ("down", self.tr("↓ 下へ(&2)"), lambda: self.move_node(Move.DOWN)),
            ("indent", self.tr("→ 一段下げる(&6)"), lambda: self.move_node(Move.INDENT)),
            ("outdent", self.tr("← 一段上げる(&4)"), lambda: self.move_node(Move.OUTDENT)),
            ("renumber", self.tr("番号を振り直す(&M)"), self.renumber),
            ("remove", self.tr("削除(&D)"), self.remove_current),
        ):
            b = QPushButton(label)
            b.setObjectName(f"node_{name}")
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.node_buttons[name] = b
        buttons.addStretch(1)
        self.new_title = QLineEdit()
        self.new_title.setObjectName("newNodeTitle")
        self.new_title.setPlaceholderText(self.tr("追加する項目の名前"))
        a11y.name(self.new_title, self.tr("追加する項目の名前"), self.tr("入力してから「最上位に追加」か「下に追加」を押します。"))
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.new_title)
        left_lay.addLayout(buttons)
        left_lay.addWidget(self.view, 1)
        return left

    def _item_side(self) -> QWidget:
        """The chosen item (番号・項目名, 担当課) and its indicators."""
        self.node_box = QGroupBox(self.tr("項目"))
        self.node_number = QLineEdit()
        self.node_number.setObjectName("nodeNumber")
        self.node_number.setMaximumWidth(110)
        self.node_title = QLineEdit()
        self.node_title.setObjectName("nodeTitle")
        self.node_lead = QComboBox()
        self.node_lead.setObjectName("nodeLead")
        rnd.department_box(self.node_lead)
        new_lead = QPushButton(self.tr("新しい課(&J)…"))
        new_lead.setObjectName("nodeLeadNew")
        new_lead.clicked.connect(lambda: rnd.add_department(self, self.node_lead))
        apply_node = QPushButton(self.tr("項目を保存(&S)"))
        apply_node.setObjectName("nodeApply")
        apply_node.clicked.connect(self.save_node)
        lead_row = QHBoxLayout()  # 項目を保存 at its end, not a row of its own: the room is the targets'
        lead_row.addWidget(self.node_lead, 1)
        lead_row.addWidget(new_lead)
        lead_row.addWidget(apply_node)
        row = QHBoxLayout()
        row.addWidget(self.node_number)
        row.addWidget(self.node_title, 1)
        node_form = QFormLayout(self.node_box)
        node_form.addRow(self.tr("番号・項目名"), row)
        node_form.addRow(self.tr("担当課"), lead_row)
        a11y.name_form(node_form)
        a11y.name(self.node_number, self.tr("項目の番号"))
        a11y.name(self.node_title, self.tr("項目名"))

        self.indicator_combo = QComboBox()
        self.indicator_combo.setObjectName("indicatorCombo")
        a11y.name(self.indicator_combo, self.tr("編集する指標"))
        self.indicator_form = IndicatorForm()
        unsaved.watch_indicator_choice(self)  # a person's choice asks before typing is dropped; refills don't
        self.indicator_form.setTitle(self.tr("指標"))
        rnd.department_box(self.indicator_form.lead)
        self.indicator_form.new_lead.clicked.connect(lambda: rnd.add_department(self, self.indicator_form.lead))
        ind_buttons = QHBoxLayout()
        actions: list[tuple[str, str, Callable[[], object]]] = [
            ("save", self.tr("指標を保存(&V)"), self.save_indicator),
            ("revise", self.tr("目標の再設定(&E)…"), self.revise_target),
            ("remove", self.tr("指標を削除(&L)"), self.remove_indicator),
        ]
        for name, label, handler in actions:
            b = QPushButton(label)
            b.setObjectName(f"indicator_{name}")
            b.clicked.connect(handler)
            ind_buttons.addWidget(b)
        ind_buttons.addStretch(1)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.node_box)
        right_lay.addWidget(self.indicator_combo)
        right_lay.addWidget(self.indicator_form, 1)
        right_lay.addLayout(ind_buttons)
        return right

    # ------------------------------------------------------------------ data
    def _fill_plans(self, select: str | None = None, view: EditorView | None = None, later: Later = now) -> None:
        """The plans again (from `view` when the worker read them: nothing read here); `later`: reload's."""
        current = select or self.plan_id()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for pid, title in view.plans if view else self.workspace.run(plan_service.list_plans):
            self.plan_combo.addItem(title, pid)
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(current)))
        self.plan_combo.blockSignals(False)
        screen_fit.whole_texts(self.plan_combo)  # a plan made since (次期計画) read whole, not as the old one
        self.reload(view=view if view is not None and view.plan_id == self.plan_id() else None, later=later)

    def plan_id(self) -> str | None:
        data = self.plan_combo.currentData()
        return data if isinstance(data, str) else None

    def department_names(self) -> list[str]:
        return [d.name for d in self.workspace.run(pe.list_departments)]

    def reload(self, select: str | None = None, view: EditorView | None = None, later: Later = now) -> None:
        """The plan's tree, then its forms in what `later` runs them in (取り込む's: a turn of their own)."""
        key = select or self.current_key()
        pid = self.plan_id()
        if view is not None:
            self.tree = view.tree
        else:
            self.tree = self.workspace.run(plan_service.load_plan, pid) if pid else None
        if self.model.load(self.tree):  # (changed in place when only texts changed: nothing to open)
            self.view.expandAll()
        later(lambda: self._reload_forms(key, view))

    def _reload_forms(self, key: str | None, view: EditorView | None) -> None:
        names = view.department_names if view else self.department_names()
        if self.tree is not None:
            self.indicator_form.set_plan(self.tree, names)
            p = self.tree.plan
            self.levels_label.setText(self.tr("計画期間 {first}～{last}　階層: {levels}　年次の報告: {asks}").format(
                first=p.period_from.era_label(), last=p.period_to.era_label(), levels="／".join(p.levels),
                asks=rnd.in_words(p.round, p.levels)))
        self.node_lead.clear()
        self.node_lead.addItems(["", *names])
        self.departments.reload(view)
        if key and self.tree is not None and self.tree.has_node(key):
            self.select(key)
        else:
            self._show_node()

    def select(self, key: str) -> None:  # the editor's own choice: the forms show it, nothing asked
        unsaved.choose(self, self.model.index_of(key))
        self._show_node()

    def current_key(self) -> str | None:
        if not hasattr(self, "view"):
            return None
        index = self.view.currentIndex()
        key = index.siblingAtColumn(0).data(KEY_ROLE) if index.isValid() else None
        return key if isinstance(key, str) else None

    def _on_view_selection(self, _selected: QItemSelection, deselected: QItemSelection) -> None:
        if unsaved.may_leave(self, deselected):  # typing left in the item before: asked
            self._show_node()

    def _show_node(self) -> None:
        key = self.current_key()
        tree = self.tree
        node = tree.node(key) if tree is not None and key and tree.has_node(key) else None
        self.node_box.setEnabled(node is not None)
        self.node_number.setText(node.number if node else "")
        self.node_title.setText(node.title if node else "")
        leads = node.lead_departments() if node else []
        self.node_lead.setCurrentText(leads[0] if leads else "")
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        if tree is not None and node is not None:
            for ind in tree.indicators_of(node.key):
                self.indicator_combo.addItem(rnd.indicator_label(tree, ind.key), ind.key)
        self.indicator_combo.addItem(self.tr("（新しい指標）"), None)
        self.indicator_combo.blockSignals(False)
        self.indicator_form.setEnabled(node is not None)
        self.show_indicator(0)

    def show_indicator(self, index: int) -> None:
        self.indicator_shown = index
        key = self.indicator_combo.currentData()
        ind = self.tree.indicator(key) if self.tree is not None and isinstance(key, str) else None
        node = self.current_key()
        self.indicator_form.load(ind, node)
        pid = self.plan_id()
        if pid is not None and node is not None:  # 所管課未設定, and the 課 proposed for it
            own = self.tree is not None and self.tree.has_node(node) and not self.tree.children(node)
            self.indicator_form.propose(self.workspace.run(pe.proposal_for, pid, node, ind.key if ind else None),
                                        own=own)

    # ------------------------------------------------------------------ running edits
    def ask(self, title: str, text: str) -> bool:
        """The one place that asks (each question drops something: いいえ is the default); tests replace it."""
        no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
        return QMessageBox.question(self, title, text, yes | no, no) == yes

    def tell(self, text: str) -> None:
        theme.tint(self.message, "error_plain")
        self.message.setText(text)

    def _done(self, change: PlanChange) -> None:
        self.plans_changed.emit()

    def run(self, command: cmd.PlanCommand, select: str | None = None) -> PlanChange | None:
        """Run a command once; push it on the undo stack only when it went through."""
        try:
            change = wr.run(self, command)
        except PlanEditError as exc:
            self.tell(exc.message)
            return None
        self.tell("")
        self.undo_stack.push(command)
        self.reload(select)
        return change

    def write(self, fn: Callable[[], T]) -> T:  # a 課 saved: on the worker, waited for
        return wr.write(self, fn)

    def _undo(self) -> None:  # typing not saved asked first; a workbook import's undo: on the worker
        if unsaved.may_refill(self, "undo") and not xl.step_in_background(self, undo=True):
            self.step(lambda: wr.step(self, undo=True))  # written on the worker too

    def _redo(self) -> None:
        if unsaved.may_refill(self, "redo") and not xl.step_in_background(self, undo=False):
            self.step(lambda: wr.step(self, undo=False))

    def step(self, action: Callable[[], object], view: EditorView | None = None) -> None:
        try:
            action()
        except PlanEditError as exc:
            self.history_broken(exc)
            view = None
        else:
            self.tell("")
        self._fill_plans(view=view)

    def history_broken(self, exc: PlanEditError) -> None:
        # the plan changed elsewhere meanwhile: a further step could undo the wrong thing; the history ends
        self.undo_stack.clear()
        self.tell(self.tr("元に戻せませんでした: {reason} 計画がほかで変更されたため、元に戻す履歴を消しました。")
                  .format(reason=exc.message))

    # ------------------------------------------------------------------ Excel
    def in_background(self, fn: Callable[..., object], args: tuple[object, ...],  # a workbook read or
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:  # written
        xl.in_background(self.tasks, fn, args, on_done, on_error)

    def done(self, result: int) -> None:
        if self.writing or not unsaved.may_close(self):  # an edit being written; typing not saved (asked)
            return
        if self.tasks is not None:  # an import still being written ends first: the window reloads after
            self.tasks.wait_idle()
        super().done(result)

    def _on_export_clicked(self) -> None:
        path = xl.choose_export_path(self)
        if path is not None:
            self.export_workbook_to(path)

    def export_workbook_to(self, path: Path) -> None:
        pid = self.plan_id()
        if pid is None:
            return
        self.tell(self.tr("書き出しています…"))
        self.in_background(self.workspace.run, (pw.export_plan_workbook, pid, path),
                           lambda out: self._show_info(self.tr("書き出しました: {path}").format(path=str(out))),
                           lambda exc: self.tell(domain_words.message_of(exc)))

    def _show_info(self, text: str) -> None:
        theme.tint(self.message, "")
        self.message.setText(text)

    def _on_import_clicked(self) -> None:
        path = xl.choose_import_path(self) if unsaved.may_refill(self, "import") else None  # typing: asked
        if path is not None:
            self.import_workbook_from(path)

    def import_workbook_from(self, path: Path) -> xl.ImportPreviewDialog:
        """The preview dialog; nothing is written until its 取り込む."""
        return xl.open_preview(self, path)

    def apply_import(self, preview: pw.ImportPreview, then: Callable[[bool], None]) -> None:
        """取り込む: written on the worker (one undo step); `then(went_through)` on the GUI thread."""
        xl.apply_in_background(self, xl.ImportWorkbook(self.workspace, preview, self._done, self.actor), then)

    def imported(self, preview: pw.ImportPreview, view: EditorView, later: Later = now, first: Step = tuple) -> None:
        self._fill_plans(preview.plan_id, view, later)  # (the message is _show_info's: no tell("") first)
        later(together(first, lambda: self._show_info(
            self.tr("取り込みました: {title}").format(title=preview.outline.plan.title))))

    # ------------------------------------------------------------------ structure
    def show_new_plan(self, copy_from: PlanTree | None) -> NewPlanDialog:
        dialog = NewPlanDialog(copy_from, self.year, self)
        dialog.accepted.connect(lambda: self.create_plan(dialog))
        dialog.open()
        return dialog

    def create_plan(self, dialog: NewPlanDialog) -> None:
        new = dialog.new_plan()
        copy_from = dialog.copy_from.plan.id if dialog.copy_from is not None else None
        command = cmd.CreatePlan(self.workspace, new, self._done, self.actor, copy_from, dialog.baselines.isChecked(),
                                 dialog.footnotes.isChecked())
        change = self.run(command)
        if change is not None:
            self._fill_plans(new.id)
            if change.notices:  # what the new plan still needs decided, said at copy time
                self._show_info(self.tr("作成しました。まだ決めることがあります:") + "\n・" + "\n・".join(change.notices))

    def show_round_setting(self) -> QDialog | None:
        """年次の報告…: what the plan asks each year (ui/plan_editor_round.py)."""
        return rnd.show_round_setting(self, self, self._done)

    def add_node(self, parent_key: str | None) -> None:
        pid = self.plan_id()
        if pid is None:
            return
        title = self.new_title.text().strip()
        if not title:
            self.tell(self.tr("追加する項目の名前を入力してください。"))
            return
        command = cmd.AddNode(self.workspace, pid, parent_key, title, self._done, self.actor)
        change = self.run(command)
        if change is not None:
            self.new_title.clear()
            self.select(change.nodes[0])

    def save_node(self) -> None:
        pid, key = self.plan_id(), self.current_key()
        if pid is None or key is None or self.tree is None:
            return
        node = self.tree.node(key)
        title, number = self.node_title.text().strip(), self.node_number.text().strip()
        if (written := node_saving.name_and_number(self, node, title, number)) is not None:  # (a delta)
            self.run(cmd.RenameNode(self.workspace, pid, key, *written, self._done, self.actor), key)
        lead = self.node_lead.currentText().strip()
        if lead and lead not in self.department_names() and lead not in node.lead_departments():
            self.tell(self.tr("課「{name}」は一覧にありません。一覧から選ぶか、「新しい課…」で登録してください。").format(
                name=lead))
            return
        if lead not in node.lead_departments() and (lead or node.lead_departments()):
            others = tuple(d for d in node.departments if d.role is not Role.LEAD)
            links = ((DepartmentLink(lead, Role.LEAD),) if lead else ()) + others
            self.run(cmd.SetNodeDepartments(self.workspace, pid, key, links, self._done, self.actor), key)

    def move_node(self, move: Move) -> None:
        pid, key = self.plan_id(), self.current_key()
        if pid and key:
            self.run(cmd.MoveNode(self.workspace, pid, key, move, self._done, self.actor), key)

    def drop_node(self, key: str, parent_key: str | None, index: int) -> None:
        """A dropped node moves once the view has finished the drop (the move reloads the model)."""
        pid = self.plan_id()
        if pid is not None:
            QTimer.singleShot(0, lambda: self.run(
                cmd.PlaceNode(self.workspace, pid, key, parent_key, index, self._done, self.actor), key))

    def renumber(self) -> None:
        """The children of the selected node (or the top level when nothing is selected)."""
        pid, key = self.plan_id(), self.current_key()
        if pid is None or self.tree is None:
            return
        parent = self.tree.node(key).parent_key if key else None
        self.run(cmd.Renumber(self.workspace, pid, parent, self._done, self.actor), key)

    def remove_current(self) -> None:
        pid, key = self.plan_id(), self.current_key()
        if pid is None or key is None or self.tree is None:
            return
        removal = pe.removal_of(self.tree, key)
        node = self.tree.node(key)
        if removal.value_count or len(removal.nodes) > 1:
            counts = {"nodes": self.tr("その下の %n 項目", "", len(removal.nodes) - 1),  # (plural forms in English)
                      "indicators": self.tr("指標 %n 件", "", len(removal.indicators)),
                      "values": self.tr("入力済みの値 %n 件", "", removal.value_count)}
            text = self.tr("「{title}」と、{nodes}・{indicators}・{values}を削除します。削除した内容は変更履歴に残り、"
                           "「元に戻す」で復元できます。よろしいですか？").format(title=node.title, **counts)
            if not self.ask(self.tr("項目の削除"), text):
                return
        elif out := self.workspace.run(pe.files_out_for, removal):  # a 課's file out holds it
            said = listed(self.tr("{department}（{year}）").format(department=d, year=y.era_label()) for d, y in out)
            if not self.ask(self.tr("項目の削除"), self.tr(
                    "「{title}」は、配布中（未回収）の提出用ファイルにあります: {files}。削除すると、返ってきたファイルの"
                    "この項目の入力は取り込まれません。削除しますか？").format(title=node.title, files=said)):
                return
        self.run(cmd.RemoveNode(self.workspace, pid, key, node.title, self._done, self.actor), node.parent_key)

    # ------------------------------------------------------------------ indicators
    def save_indicator(self) -> None:
        """The indicator and its notes: one step to undo; only what the form changed (indicator_saving)."""
        indicator_saving.save(self)

    def revise_target(self) -> RevisionDialog | None:
        ind = self.indicator_form.indicator
        if ind is None or self.tree is None:
            self.tell(self.tr("再設定する指標を選んでください（保存済みの指標だけが再設定できます）。"))
            return None
        years = fiscal_years(self.tree.plan.period_from, self.tree.plan.period_to)
        dialog = RevisionDialog(ind, years, self)
        dialog.accepted.connect(lambda: self._revise(ind.key, dialog))
        dialog.open()
        return dialog

    def _revise(self, ind_key: str, dialog: RevisionDialog) -> None:
        pid, key = self.plan_id(), self.current_key()
        if pid is None:
            return
        self.run(cmd.ReviseTarget(self.workspace, pid, ind_key, dialog.chosen_year(), dialog.value.text(),
                                  dialog.reason.text(), self._done, self.actor), key)
        self.indicator_combo.setCurrentIndex(max(0, self.indicator_combo.findData(ind_key)))

    def remove_indicator(self) -> None:
        pid, ind = self.plan_id(), self.indicator_form.indicator
        if pid is None or ind is None:
            return
        if ind.values and not self.ask(self.tr("指標の削除"), self.tr(
                "「{name}」と、その値 %n 件を削除します。よろしいですか？", "", len(ind.values)).format(name=ind.name)):
            return
        self.run(cmd.RemoveIndicator(self.workspace, pid, ind.key, self._done, self.actor), self.current_key())
