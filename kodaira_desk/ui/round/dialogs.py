"""The policy division's yearly round: hand out (the collection window is ui/round/collect_window.py,
re-exported here; the audit log is ui/round/audit_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.rounds.common import HandoutFile
from kodaira_desk.services.rounds.yearly import HandoutPlan
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit
from kodaira_desk.ui.domain_words import message_of  # (in the window's language)
from kodaira_desk.ui.message_line import dialog_message
from kodaira_desk.ui.round.collect_window import CollectWindow
from kodaira_desk.ui.round.reading import ReadNote
from kodaira_desk.ui.round.year_widgets import checked_departments
from kodaira_desk.ui.tasks import Op, TaskRunner

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.handout import HandedOut
    from kodaira_desk.ui.round import handout_plan
    from kodaira_desk.ui.settings import Settings


class HandoutDialog(QDialog):
    """配布: one department file per chosen department, with a progress bar."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, departments: list[str], year: FiscalYear,
                 years: list[FiscalYear], parent: QWidget | None = None,
                 trees: Sequence[PlanTree] | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.tasks = tasks
        self.made: list[HandoutFile] = []
        self.trees = list(trees or ())
        self.plan: HandoutPlan | None = None  # the chosen year's (ui/handout_plan.py)
        self.out: dict[str, HandedOut] = {}  # the chosen year's files out or collected, by 課
        self.chosen_year: FiscalYear | None = None  # the window's year, chosen this fiscal year: not asked about
        self.setWindowTitle(self.tr("提出用ファイルの配布"))
        self.year = QComboBox()
        self.year.setObjectName("handoutYear")
        for y in years:
            self.year.addItem(y.era_label(), y.year)
        self.year.setCurrentIndex(max(0, self.year.findData(year.year)))
        self.file_format = self._format_choice()
        self.departments = self._department_list(departments)
        from kodaira_desk.ui.round.year_widgets import RoundSettingsBox

        self.round_box = RoundSettingsBox(workspace, self)  # 提出期限, 課長確認 (issue 24)
        # the year's settings and plan read on the runner (issue 27: 14–17 ms of the GUI thread)
        self.loading = ReadNote(tasks, "handoutLoading", self.tr("配布の設定を読み込んでいます…"),
                                self.tr("配布の設定を読めません: {error}"), self)
        self.year.currentIndexChanged.connect(lambda _i: self._read_year())
        self.folder = QLineEdit(str(self._last_folder()))
        self._offered = self.folder.text()  # replaced by the master's last hand-out folder unless changed
        self.folder.setObjectName("handoutFolder")
        browse = QPushButton(self.tr("参照(&B)…"))
        browse.clicked.connect(self._browse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("作成の進み具合"))
        self.result_label = dialog_message("handoutResult")  # not there while empty
        self.plan_info = QLabel()
        self.plan_info.setObjectName("handoutPlans")
        self.plan_info.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.make_button = buttons.addButton(self.tr("作成する(&M)"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(self.tr("閉じる(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(self.make)
        buttons.rejected.connect(self.reject)
        all_btn, none_btn = QPushButton(self.tr("すべて選択(&A)")), QPushButton(self.tr("選択を解除(&U)"))
        all_btn.clicked.connect(lambda: self._check_all(True))
        none_btn.clicked.connect(lambda: self._check_all(False))
        self._lay_out(browse, buttons, all_btn, none_btn, close)
        self._read_year()

    def _last_folder(self) -> Path:
        """Where the last hand-out from this master went, while it is there; else the home folder."""
        last = self.settings.handout_folder(self.workspace.location) if self.settings is not None else None
        return last if last is not None and last.is_dir() else Path.home()

    def _lay_out(self, browse: QPushButton, buttons: QDialogButtonBox, all_btn: QPushButton,
                 none_btn: QPushButton, close: QPushButton) -> None:
        """年度, 形式, the round's settings, the year's plans, 課, folder, progress and buttons, top to bottom."""
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        sel = QHBoxLayout()
        sel.addWidget(all_btn)
        sel.addWidget(none_btn)
        sel.addStretch(1)
        lay = QVBoxLayout(self)
        year_label = QLabel(self.tr("年度(&Y)"))
        a11y.label_for(year_label, self.year)
        lay.addWidget(year_label)
        lay.addWidget(self.year)
        format_label = QLabel(self.tr("ファイルの形式(&F)"))
        a11y.label_for(format_label, self.file_format, self.tr(
            "Kodaira Desk を使う課には提出用ファイル、使わない課には Excel ブックを配ります。"))
        lay.addWidget(format_label)
        lay.addWidget(self.file_format)
        lay.addWidget(self.loading)
        lay.addWidget(self.round_box)
        lay.addWidget(self.plan_info)
        departments_label = QLabel(self.tr("配布する課(&T)"))
        a11y.label_for(departments_label, self.departments, self.tr("Space キーで選ぶ・外すを切り替えます。"))
        lay.addWidget(departments_label)
        lay.addWidget(self.departments, 1)
        lay.addLayout(sel)
        folder_label = QLabel(self.tr("保存先フォルダ(&O)"))
        a11y.label_for(folder_label, self.folder)
        lay.addWidget(folder_label)
        lay.addLayout(row)
        lay.addWidget(self.progress)
        lay.addWidget(self.result_label)
        lay.addWidget(buttons)
        box = self.round_box
        a11y.tab_order(self.year, self.file_format, box.has_deadline, box.date, box.head_check, self.departments,
                       all_btn, none_btn, self.folder, browse, self.make_button, close)
        self.resize(560, 680)
        screen_fit.fit(self)

    def _format_choice(self) -> QComboBox:
        """The file each department gets: the app's file, an Excel workbook (departments without the
        app), or both (one hand-out; the department returns either)."""
        choice = QComboBox()
        choice.setObjectName("handoutFormat")
        choice.addItem(self.tr("提出用ファイル（.kdesk）"), "kdesk")
        choice.addItem(self.tr("Excel ブック（.xlsx）"), "xlsx")
        choice.addItem(self.tr("両方（.kdesk と .xlsx）"), "both")
        return choice

    def _department_list(self, departments: list[str]) -> QListWidget:
        """The departments to hand out to, all checked (Space checks and unchecks one)."""
        listed = QListWidget()
        listed.setObjectName("handoutDepartments")
        for d in departments:
            item = QListWidgetItem(d)
            item.setData(Qt.ItemDataRole.UserRole, d)  # the text also says why a 課 is left out
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            listed.addItem(item)
        return listed

    @property
    def reading(self) -> bool:
        """The year's settings and plan are being read on the runner (「読み込んでいます…」 shown)."""
        return self.loading.reading

    def _read_year(self) -> None:
        from kodaira_desk.ui.round import handout_plan

        self.make_button.setEnabled(False)
        self.round_box.setEnabled(False)
        year = FiscalYear(int(self.year.currentData()))
        self.loading.read(handout_plan.read_year, (self.workspace, self.trees, year), self._show_year, "handout-year")

    def _show_year(self, read: handout_plan.YearRead) -> None:
        from kodaira_desk.ui.round import handout_plan

        self.round_box.setEnabled(True)
        self.round_box.show_settings(read.settings, read.year)
        self.make_button.setEnabled(True)
        self.out = dict(read.out or {})
        if read.folder is not None and self.folder.text() == self._offered:  # a batch's hand-out too
            self.folder.setText(str(read.folder))
            self._offered = self.folder.text()
        if read.plan is not None:
            self.plan = handout_plan.show_year(self, read.year, read.plan, self.out)

    def done(self, result: int) -> None:
        self.loading.drop()  # closed before the answer came: it is dropped
        super().done(result)

    def ask(self, title: str, text: str) -> bool:
        """The one place that asks (tests replace it)."""
        from kodaira_desk.ui.round import handout_plan

        return handout_plan.ask(self, title, text)

    def _check_all(self, on: bool) -> None:
        for i in range(self.departments.count()):
            item = self.departments.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _browse(self) -> None:
        folder = file_dialogs.folder(self, self.tr("保存先フォルダ"), self.folder.text())
        if folder is not None:
            self.folder.setText(str(folder))

    def chosen(self) -> list[str]:
        return checked_departments(self.departments)

    def make(self) -> Op | None:
        if self.reading:  # (作成 is off until the year is read)
            return None
        chosen = self.chosen()
        if not chosen:
            self.result_label.setText(self.tr("課を1つ以上選んでください。"))
            return None
        from kodaira_desk.ui.round import handout_plan

        year = FiscalYear(int(self.year.currentData()))  # a year that has passed, asked about first
        if (year != self.chosen_year and not handout_plan.confirm_past_year(self, year)) or (
                self.trees and not handout_plan.confirm_unassigned(self, self.plan)) or (
                not handout_plan.confirm_again(self, again := [self.out[d] for d in chosen if d in self.out])):
            self.result_label.setText(self.tr("配布しませんでした。"))
            return None
        self.progress.setVisible(True)
        self.progress.setRange(0, len(chosen))
        self.progress.setValue(0)
        folder = Path(self.folder.text())

        def done(made: list[HandoutFile]) -> None:
            self.made = made
            if self.settings is not None:  # offered first next time, for this master
                self.settings.set_handout_folder(self.workspace.location, folder.absolute())
            self._read_year()  # those 課 now shown 配布済み and unticked: a second click does not redo them
            text = self.tr("{n} 課の提出用ファイルを作りました: {folder}").format(
                n=len({f.department for f in made}), folder=str(folder))
            if self.plan is not None and self.plan.left_out:
                text += "\n" + self.tr("配布しなかった課: {who}").format(who=self.plan.left_out_text())
            for f in made:  # a clerk's saved, uncollected file the new one replaced: kept beside, said
                if f.kept is not None:
                    text += "\n" + self.tr("{department}: 課が保存した、まだ回収していない入力のあるファイルを「{kept}」"
                                            "として残しました（前の配布のファイルなので回収では取り込めません）。").format(
                        department=f.department, kept=f.kept.name)
            self.result_label.setText(text)

        def failed(exc: BaseException) -> None:
            self.make_button.setEnabled(True)
            self.result_label.setText(message_of(exc))

        self.make_button.setEnabled(False)
        file_format = str(self.file_format.currentData())
        deadline, head_check = self.round_box.deadline(), self.round_box.head_check_required()

        def make(year: FiscalYear, out: Path, departments: list[str],
                 progress: Callable[[int, int], None] | None = None) -> list[object]:
            return self.workspace.handout(year, out, departments, progress, file_format, deadline=deadline,
                                          head_check_required=head_check, again=bool(again))

        return self.tasks.run_op(make, (FiscalYear(int(self.year.currentData())), folder, chosen),
                                 done, lambda n, _total: self.progress.setValue(n), on_error=failed,
                                 name="handout")


__all__ = ["CollectWindow", "HandoutDialog"]
