"""The collection window's part of the round's year (issue 24): the deadline above the board, its
setting, 催促 (one .eml draft per department, opened in the system's mail client: nothing is sent by
the app), and accepting a return without the required head check (了承)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit, theme
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.round.year_widgets import RoundSettingsBox, checked_departments, deadline_words
from kodaira_desk.ui.tasks import Op, TaskRunner, free_when_closed

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QTableView

    from kodaira_desk.services.rounds.overview import RoundOverview
    from kodaira_desk.services.rounds.reminders import Reminder


class CollectHost(Protocol):
    """The collection window, as its year controls use it (round_dialogs.CollectWindow): its table
    of departments, the year shown, its log, and the window's workspace and runner."""

    workspace: Workspace
    tasks: TaskRunner
    table: QTableView
    model: Any  # its rows: RoundStatus lines
    log: QPlainTextEdit

    @property
    def fiscal_year(self) -> FiscalYear | None: ...

    @property
    def loading_board(self) -> bool: ...

    def refresh(self) -> None: ...

    def show_read(self, year: FiscalYear, overview: RoundOverview) -> None: ...

    def ask_name(self) -> object: ...  # the person's name before an action records it

    def window(self) -> QWidget: ...  # the collection window itself (a top-level dialog): the parent


HEAD_CHECK_MISSING = "課長確認なし"


class RoundYearControls(QObject):
    """Widgets the collection window places: the deadline label and three buttons."""

    def __init__(self, window: CollectHost) -> None:
        super().__init__(window.window())
        self.window = window
        self.overview: RoundOverview | None = None
        self.deadline = QLabel()
        self.deadline.setObjectName("roundDeadline")
        self.settings_button = QPushButton(self.tr("提出期限・課長確認(&D)…"))
        self.settings_button.setObjectName("roundSettingsButton")
        self.settings_button.clicked.connect(self.edit_settings)
        self.remind_button = QPushButton(self.tr("催促メールを作る(&R)…"))
        self.remind_button.setObjectName("remindButton")
        self.remind_button.clicked.connect(self.remind)
        self.remind_button.setEnabled(False)  # until the board is read (show): who is owed a file
        self.accept_button = QPushButton(self.tr("課長確認なしを了承(&G)"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setToolTip(self.tr("選んだ課の、課長確認のない返却をそのまま受け付けます（変更履歴に残ります）。"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_button.setEnabled(False)
        window.table.selectionModel().selectionChanged.connect(self.enable_buttons)

    @property
    def workspace(self) -> Workspace:
        return self.window.workspace

    @property
    def tasks(self) -> TaskRunner:
        return self.window.tasks

    def show(self, overview: RoundOverview | None) -> RoundOverview | None:
        """The deadline and the buttons for a board read already (a collection's, on the worker)."""
        self.overview = ov = overview
        text, role = deadline_words(ov.settings.deadline if ov else None, ov.days_left if ov else None)
        if ov is not None and ov.settings.head_check_required:
            text += self.tr("　課長確認: 必須")
        self.deadline.setText(text)
        theme.tint(self.deadline, role)
        self.remind_button.setEnabled(bool(ov and any(ln.reminded for ln in ov.lines)))
        self.enable_buttons()
        return ov

    def selected_department(self) -> Any:
        rows = self.window.table.selectionModel().selectedRows()
        return self.window.model.rows[rows[0].row()] if rows else None

    def enable_buttons(self, *_args: object) -> None:
        """了承 for a row chosen that lacks the head's check, while the board is the year shown's."""
        st = self.selected_department()
        self.accept_button.setEnabled(st is not None and HEAD_CHECK_MISSING in st.reasons
                                      and self._year_of_rows() is not None)

    def _year_of_rows(self) -> FiscalYear | None:
        """The year of the rows shown, if it is the year shown and no other year's read is on its
        way (a year just chosen: the rows are the year before's until its board comes)."""
        ov = self.overview
        if ov is None or self.window.loading_board or ov.year != self.window.fiscal_year:
            return None
        return ov.year

    # ------------------------------------------------------------------ actions
    def edit_settings(self) -> Op | None:
        year = self.window.fiscal_year
        if year is None or self.tasks.busy:
            return None
        dialog = free_when_closed(RoundSettingsDialog(self.workspace, year, self.window.window()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.window.ask_name()  # the change is audited with it
        change = functools.partial(self.workspace.set_round, **dialog.box.settings())
        return self.tasks.run_op(self._then_read(change), (year,), self._show_read, on_error=self._failed,
                                 name="round_settings")

    def accept_selected(self) -> Op | None:
        st = self.selected_department()
        year = self._year_of_rows()  # the year of the row chosen: none while another year's is read
        if st is None or year is None or self.tasks.busy:
            return None
        self.window.ask_name()  # 了承 is audited with it
        return self.tasks.run_op(self._then_read(self.workspace.acknowledge), (year, st.department),
                                 self._show_read, on_error=self._failed, name="acknowledge")

    def _then_read(self, change: Callable[..., object]) -> Callable[..., tuple[FiscalYear, RoundOverview]]:
        """`change(year, …)` on the worker, then the board of that year read there too (issue 27:
        read on the GUI thread after it, it was the operation's stall)."""
        def run(year: FiscalYear, *args: object) -> tuple[FiscalYear, RoundOverview]:
            change(year, *args)
            return year, self.workspace.round_overview(year)

        return run

    def _show_read(self, read: tuple[FiscalYear, RoundOverview]) -> None:
        self.window.show_read(*read)

    def remind(self) -> ReminderDialog | None:
        year = self.window.fiscal_year
        if year is None or self.overview is None:
            return None
        dialog = free_when_closed(ReminderDialog(self.workspace, self.tasks, self.overview, self.window.window()), self.tasks)
        dialog.open()
        return dialog

    def _failed(self, exc: BaseException) -> None:
        self.window.log.appendPlainText("× " + message_of(exc))


class RoundSettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, year: FiscalYear, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{y}の提出期限と課長確認").format(y=year.era_label()))
        self.box = RoundSettingsBox(workspace, self)
        self.box.load(year)
        note = QLabel(self.tr("変更は、これから取り込むファイルと回収状況に使われます（配布済みのファイルの表示は変わりません）。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.box)
        lay.addWidget(note)
        lay.addWidget(buttons)
        a11y.name(self.box.date, self.tr("提出期限の日付"))
        screen_fit.fit(self)


class ReminderDialog(QDialog):
    """催促: which departments, attach the file or not, where the drafts go; then each draft opens in
    the mail client (QDesktopServices), where the person reads it and presses Send."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, overview: RoundOverview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderDialog")
        self.workspace = workspace
        self.tasks = tasks
        self.overview = overview
        self.made: list[Reminder] = []
        # the system's mail client is asked through this, so that a test can answer it
        self.open_url = QDesktopServices.openUrl
        year = overview.year
        self.setWindowTitle(self.tr("催促メールの下書き — {y}").format(y=year.era_label()))
        self.departments = QListWidget()
        self.departments.setObjectName("reminderDepartments")
        for ln in overview.lines:
            if not ln.reminded:
                continue
            st = ln.state
            why = self.tr("期限超過") if ln.overdue else QCoreApplication.translate("RoundStatusModel", st.label)
            address = ", ".join(ln.addresses) or self.tr("アドレス未登録")
            item = QListWidgetItem(f"{st.department}　{why}　<{address}>")
            item.setData(Qt.ItemDataRole.UserRole, st.department)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.departments.addItem(item)
        self.attach = QCheckBox(self.tr("未返却の課には配布したファイルを添付する(&A)"))
        self.attach.setObjectName("reminderAttach")
        self.sender_line = QLineEdit()  # (not `sender`: QObject.sender())
        self.sender_line.setObjectName("reminderSender")
        self.sender_line.setPlaceholderText(self.tr("差出人（空欄: 課の一覧の政策課のアドレス、なければメールソフトの既定）"))
        self.folder = QLineEdit(str(Path(workspace.path).parent / f"催促_{year.era_label()}"))
        self.folder.setObjectName("reminderFolder")
        browse = QPushButton(self.tr("参照(&B)…"))
        browse.clicked.connect(self._browse)
        self.outcome = QPlainTextEdit()  # (not `result`: QDialog.result())
        self.outcome.setObjectName("reminderResult")
        self.outcome.setReadOnly(True)
        self.outcome.setMaximumHeight(140)
        note = QLabel(self.tr("下書き（.eml）を作り、メールソフトで開きます。Kodaira Desk からは送信しません。"
                              "内容を確かめてからメールソフトで送ってください。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.make_button = buttons.addButton(self.tr("下書きを作って開く(&M)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setObjectName("reminderMake")
        self.folder_button = buttons.addButton(self.tr("フォルダを開く(&F)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setEnabled(False)
        buttons.addButton(self.tr("閉じる(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(self.make)
        self.folder_button.clicked.connect(lambda: self.open_url(QUrl.fromLocalFile(self.folder.text())))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        departments_label, folder_label = QLabel(self.tr("催促する課(&D)")), QLabel(self.tr("下書きの保存先(&O)"))
        a11y.label_for(departments_label, self.departments, self.tr("Space キーで選ぶ・外すを切り替えます。"))
        a11y.label_for(folder_label, self.folder)
        a11y.name(self.sender_line, self.tr("差出人"), self.sender_line.placeholderText())
        a11y.name(self.outcome, self.tr("作った下書き"))
        lay.addWidget(departments_label)
        lay.addWidget(self.departments, 1)
        lay.addWidget(self.attach)
        lay.addWidget(self.sender_line)
        lay.addWidget(folder_label)
        lay.addLayout(row)
        lay.addWidget(self.outcome)
        lay.addWidget(buttons)
        self.resize(640, 520)
        screen_fit.fit(self)

    def _browse(self) -> None:
        folder = file_dialogs.folder(self, self.tr("下書きの保存先"), self.folder.text())
        if folder is not None:
            self.folder.setText(str(folder))

    def chosen(self) -> list[str]:
        return checked_departments(self.departments)

    def make(self) -> Op | None:
        chosen = self.chosen()
        if not chosen:
            self.outcome.setPlainText(self.tr("課を1つ以上選んでください。"))
            return None
        self.make_button.setEnabled(False)

        def done(made: list[Reminder]) -> None:
            self.made = made
            self.make_button.setEnabled(True)
            self.folder_button.setEnabled(True)
            lines = [self.tr("{n} 件の下書きを作りました（送信はしていません）: {folder}").format(
                n=len(made), folder=self.folder.text())]
            for r in made:
                lines.append(f"・{r.path.name}" + (self.tr("（添付: {f}）").format(f=r.attached) if r.attached else ""))
                lines.extend(f"　! {n}" for n in r.notes)
            self.outcome.setPlainText("\n".join(lines))
            for r in made:
                self.open_url(QUrl.fromLocalFile(str(r.path)))

        def failed(exc: BaseException) -> None:
            self.make_button.setEnabled(True)
            self.outcome.setPlainText(message_of(exc))

        sender = self.sender_line.text().strip() or None
        return self.tasks.run_op(self.workspace.make_reminders,
                                 (self.overview.year, Path(self.folder.text()), chosen, self.attach.isChecked(), sender),
                                 done, on_error=failed, name="reminders")
