"""File > 印刷用PDF作成: the handout's options, a progress bar, and the pages before saving.

What the person types (資料番号, 会議名, 日付, 未定稿) is theirs: a change of 帳票 fills only the
fields they have not touched with that document's own values, and the dialog remembers the last
values per plan (ui/settings.py) for the next time.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.era_text import era_date
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.yearly import in_force, program_year
from kodaira_desk.services import reports
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.message_line import dialog_message
from kodaira_desk.ui.reports import printing as report_print
from kodaira_desk.ui.reports.preview import PreviewPane, page_sizes
from kodaira_desk.ui.settings import Settings
from kodaira_desk.ui.tasks import Op, TaskRunner

if TYPE_CHECKING:
    from kodaira_desk.reports.common import ReportOptions

# the fields a person types, by the names they are remembered under
TYPED = ("handout", "meeting", "date", "use_date", "draft")


def read_fonts_early(tasks: TaskRunner) -> None:
    """The PDF fonts read on the worker as the dialog opens, while the person chooses, not when the
    PDF is asked for (a query: nothing waits for it; a missing font is said when the PDF is made)."""
    tasks.run_query(reports.load_fonts, on_error=lambda _e: None, name="pdf-fonts")


class ReportDialog(QDialog):
    # The system's printer dialog; tests replace it (report_print.AskPrinter).
    ask_printer: report_print.AskPrinter = staticmethod(report_print.ask_printer)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, tree: PlanTree, department: str | None,
                 parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.db = workspace.db
        self.tasks = tasks
        self.tree = tree
        self.settings = settings
        self.touched: set[str] = set()  # fields the person typed or chose (TYPED): a 帳票's defaults keep off
        self._filling = False
        self._tmp_dir: Path | None = None
        self._default_cache: dict[str, ReportOptions] = {}
        self._departments_filled = False
        self.setWindowTitle(self.tr("印刷用PDF作成"))
        self._preview_file: Path | None = None
        self._preview_options: tuple[str, ReportOptions] | None = None
        self._op: Op | None = None
        self.print_op: Op | None = None  # the last printing, for whoever waits for it
        self._printer: object = None

        self.kind = self._make_kinds(tree)
        self.handout = QLineEdit()
        self.handout.setObjectName("reportHandout")
        self.meeting = QLineEdit()
        self.meeting.setObjectName("reportMeeting")
        self.date = QDateEdit(QDate.currentDate())  # today, not QDateEdit's 2000-01-01
        self.date.setObjectName("reportDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy/MM/dd")
        self.date_era = QLabel()  # 令和8年12月2日: the date as the handout prints it
        self.date_era.setObjectName("reportDateEra")
        self.date.dateChanged.connect(self._on_date_date_changed)
        self._on_date_date_changed(self.date.date())
        self.use_date = QCheckBox(self.tr("日付を入れる(&D)"))
        self.use_date.setObjectName("reportUseDate")
        self.draft = QCheckBox(self.tr("「未定稿」を付ける(&U)"))
        self.draft.setObjectName("reportDraft")
        self.handout.textEdited.connect(lambda _t: self.touched.add("handout"))
        self.meeting.textEdited.connect(lambda _t: self.touched.add("meeting"))
        self.date.dateChanged.connect(self._on_date_picked)
        self.use_date.clicked.connect(lambda _on: self.touched.add("use_date"))
        self.draft.clicked.connect(lambda _on: self.touched.add("draft"))
        self.department = QComboBox()
        self.department.setObjectName("reportDepartment")
        self._window_department = department  # today's name: the list holds the report year's
        self._make_year_range(tree)
        # issue 17: the KPI table's status column and chart pages (the 達成状況 kind only)
        self.status_column = QCheckBox(self.tr("達成状況の列を付ける(&J)"))
        self.status_column.setObjectName("reportStatusColumn")
        self.chart_pages = QCheckBox(self.tr("基本目標ごとに指標の推移のグラフを付ける(&G)"))
        self.chart_pages.setObjectName("reportChartPages")
        self.field_notes = self._notes_box()  # issue 25
        form = self._make_form(tree)
        buttons = self._make_buttons()

        self.preview_pane = PreviewPane(tasks)
        self.preview_pane.on_message = self.message.setText
        self.pages = self.preview_pane.pages

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.progress)
        left.addWidget(self.message)
        left.addLayout(buttons)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 2)
        lay.addWidget(self.preview_pane, 3)
        a11y.tab_order(self.kind, self.handout, self.meeting, self.use_date, self.date, self.draft, self.department,
                       self.all_years, self.first_year, self.last_year, self.status_column, self.chart_pages,
                       self.field_notes, self.preview_button, self.save_button, self.print_button, self.cancel_button,
                       self.close_button, self.preview_pane.zoom_out_button)
        self.resize(1200, 720)
        if screen_fit.room(self).width() < self.minimumSizeHint().width():
            lay.setDirection(QBoxLayout.Direction.TopToBottom)  # the preview under the options (150 %)
        screen_fit.fit(self)
        self._recall()
        self._fill_defaults()
        self._fill_departments()
        self.finished.connect(lambda _r: self._remember())

    def _make_form(self, tree: PlanTree) -> QFormLayout:
        """The options, labelled, in the order a person fills them in."""
        form = QFormLayout()
        form.addRow(self.tr("計画"), QLabel(tree.plan.title))
        form.addRow(self.tr("帳票(&K)"), self.kind)
        form.addRow(self.tr("資料番号(&N)"), self.handout)
        form.addRow(self.tr("会議名(&M)"), self.meeting)
        date_row = QHBoxLayout()
        date_row.addWidget(self.use_date)
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_era, 1)
        form.addRow(self.tr("日付"), date_row)
        form.addRow("", self.draft)
        form.addRow(self.tr("担当課(&B)"), self.department)
        years_row = QHBoxLayout()
        years_row.addWidget(self.all_years)
        years_row.addWidget(self.first_year)
        self.years_dash = QLabel("～")
        years_row.addWidget(self.years_dash)
        years_row.addWidget(self.last_year)
        form.addRow(self.tr("年度"), years_row)
        form.addRow("", self.status_column)
        form.addRow("", self.chart_pages)
        form.addRow("", self.field_notes)
        a11y.name_form(form)
        a11y.name(self.date, self.tr("日付"), self.tr("資料に入れる日付（和暦で印刷されます）。"))
        a11y.name(self.first_year, self.tr("最初の年度"))
        a11y.name(self.last_year, self.tr("最後の年度"))
        a11y.describe(self.handout, self.tr("資料の右上に入る番号（例: 資料３）。"))
        return form

    def _notes_box(self) -> QCheckBox:
        """The notes on the figures as footnotes (issue 25; the 達成状況 and 実行プログラム kinds)."""
        box = QCheckBox(self.tr("値に付けたメモを注記として載せる(&F)"))
        box.setObjectName("reportFieldNotes")
        return box

    def _make_kinds(self, tree: PlanTree) -> QComboBox:
        """The documents this plan can be printed as (帳票)."""
        kind = QComboBox()
        kind.setObjectName("reportKind")
        for key in reports.kinds_for(self.db, tree.plan.id):
            kind.addItem(self.kind_name(key), key)
        kind.currentIndexChanged.connect(self._fill_defaults)
        return kind

    def kind_name(self, key: str) -> str:
        """A 帳票's name in the chosen language (the PDF keeps the city's Japanese title)."""
        names = {"progress": self.tr("進捗状況一覧表"), "kpi": self.tr("達成状況（数値目標・ＫＰＩ一覧）"),
                 "sheets": self.tr("取組項目シート"), "program": self.tr("実行プログラム（施策ごとの頁）"),
                 "program-year": self.tr("実行プログラムの年度の取組状況")}
        return names.get(key, reports.REPORT_KINDS[key].label)

    def _make_year_range(self, tree: PlanTree) -> None:
        """すべての年度, or a first and a last year of those the plan holds values for."""
        years = sorted({v.year for i in tree.indicators for v in i.values} | {p.year for p in tree.progress})
        self.first_year, self.last_year = QComboBox(), QComboBox()
        self.first_year.setObjectName("reportFirstYear")
        self.last_year.setObjectName("reportLastYear")
        for y in years:
            self.first_year.addItem(y.era_label(), y.year)
            self.last_year.addItem(y.era_label(), y.year)
        if years:
            self.last_year.setCurrentIndex(len(years) - 1)
        self.all_years = QCheckBox(self.tr("すべての年度(&A)"))
        self.all_years.setChecked(True)
        for box in (self.first_year, self.last_year):
            self.all_years.toggled.connect(lambda on, box=box: box.setEnabled(not on))
        self.first_year.setEnabled(False)
        self.last_year.setEnabled(False)
        for changed in (self.all_years.toggled, self.first_year.currentIndexChanged,
                        self.last_year.currentIndexChanged):
            changed.connect(self._fill_departments)

    def _make_buttons(self) -> QHBoxLayout:
        """The progress, the message line and プレビュー・保存・印刷・中止・閉じる."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.message = dialog_message("reportMessage")  # not there while empty
        self.progress.setAccessibleName(self.tr("作成の進み具合"))
        self.preview_button = QPushButton(self.tr("プレビュー(&V)"))
        self.preview_button.clicked.connect(lambda: self.preview())
        self.save_button = QPushButton(self.tr("保存(&S)…"))
        self.save_button.clicked.connect(self._choose_and_save)
        self.print_button = QPushButton(self.tr("印刷(&P)…"))
        self.print_button.setObjectName("reportPrint")
        self.print_button.clicked.connect(self.print_report)
        self.cancel_button = QPushButton(self.tr("中止(&T)"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        close = self.close_button = QPushButton(self.tr("閉じる(&C)"))
        close.clicked.connect(self.reject)
        self.finished.connect(self._remove_preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    def _on_date_date_changed(self, day: QDate) -> None:
        self.date_era.setText(era_date(day.toPython()))  # type: ignore[arg-type]  # a date; PySide6's stubs: object

    def _on_date_picked(self, _day: QDate) -> None:
        if not self._filling:  # a date the person picks is a date they want printed
            self.touched.update(("date", "use_date"))
            self.use_date.setChecked(True)

    def _fill_defaults(self) -> None:
        """The 帳票's own 資料番号, 会議名, 日付 and 未定稿, in the fields the person has not touched."""
        key = self.kind.currentData()
        if not key:
            return
        d = self._defaults(key)
        self._filling = True
        try:
            if "handout" not in self.touched:
                self.handout.setText(d.handout or "")
            if "meeting" not in self.touched:
                self.meeting.setText(d.meeting or "")
            if "use_date" not in self.touched:
                self.use_date.setChecked(d.date is not None)
            if "date" not in self.touched:
                if d.date:
                    self.date.setDate(QDate(d.date.year, d.date.month, d.date.day))
                else:
                    self.date.setDate(QDate.currentDate())  # today, not QDateEdit's 2000-01-01
            if "draft" not in self.touched:
                self.draft.setChecked(d.draft)
        finally:
            self._filling = False
        for box in (self.status_column, self.chart_pages):
            box.setEnabled(key == "kpi")
        self.field_notes.setEnabled(key in ("kpi", "program"))
        self._show_year_choice(key == "program-year")

    def _show_year_choice(self, one: bool) -> None:
        """A range of years (or すべて) for the tables; one year for a program year's pages, which
        report what that year did (the range's first box and すべての年度 hide)."""
        for w in (self.all_years, self.first_year, self.years_dash):
            w.setVisible(not one)
        self._offer_years_in_force(one)
        if one:  # the year the pages print when nothing is chosen: the last the round filled
            shown = self.last_year.findData(program_year(self.tree, None).year)
            if shown >= 0:
                self.last_year.setCurrentIndex(shown)
        self.last_year.setEnabled(one or not self.all_years.isChecked())
        a11y.name(self.last_year, self.tr("年度") if one else self.tr("最後の年度"))

    def _offer_years_in_force(self, one: bool) -> None:
        """A program year's pages report a year the plan runs in: the years with values before it
        (the 基準値's 令和2年度 of the 令和3–6年度 program) are hidden and cannot be chosen, by
        mouse or by key (make_report refuses them too); the tables' range offers every year."""
        model = self.last_year.model()
        view = self.last_year.view()
        for row in range(self.last_year.count()):
            offered = not one or in_force(self.tree, FiscalYear(int(self.last_year.itemData(row))))
            item = model.item(row) if isinstance(model, QStandardItemModel) else None
            if item is not None:
                item.setEnabled(offered)
            if isinstance(view, QListView):
                view.setRowHidden(row, not offered)

    # ------------------------------------------------------------------ remembered per plan
    def typed_fields(self) -> dict[str, str]:
        """The touched fields as text (what is remembered for the plan), with the 帳票 chosen."""
        values = {"handout": self.handout.text(), "meeting": self.meeting.text(),
                  "date": self.date.date().toString("yyyy-MM-dd"), "use_date": "1" if self.use_date.isChecked() else "",
                  "draft": "1" if self.draft.isChecked() else ""}
        out = {k: values[k] for k in TYPED if k in self.touched}
        out["kind"] = str(self.kind.currentData() or "")
        return out

    def _remember(self) -> None:
        if self.settings is not None:
            self.settings.set_report_fields(self.tree.plan.id, self.typed_fields())

    def _recall(self) -> None:
        """The last values typed for this plan: shown, and kept as typed over any 帳票's defaults."""
        kept = self.settings.report_fields(self.tree.plan.id) if self.settings is not None else {}
        kind = self.kind.findData(kept.get("kind"))
        if kind >= 0:
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(kind)
            self.kind.blockSignals(False)
        self._filling = True
        try:
            if "handout" in kept:
                self.handout.setText(kept["handout"])
            if "meeting" in kept:
                self.meeting.setText(kept["meeting"])
            if "use_date" in kept:
                self.use_date.setChecked(bool(kept["use_date"]))
            day = QDate.fromString(kept.get("date", ""), "yyyy-MM-dd")
            if "date" in kept and day.isValid():
                self.date.setDate(day)
            if "draft" in kept:
                self.draft.setChecked(bool(kept["draft"]))
        finally:
            self._filling = False
        self.touched |= {k for k in TYPED if k in kept and (k != "date" or day.isValid())}

    def _fill_departments(self) -> None:
        """The 課 of the report's year (the last year shown): after a reorganisation an earlier
        year's report is limited by the 課 it prints. The choice is kept while it still exists."""
        if not self.kind.currentData():
            return
        chosen = self.department.currentData()
        names, window_then = reports.report_departments(self.db, self.tree, self.options()[1],
                                                        self._window_department)
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(self.tr("（すべての課）"), None)
        for name in names:
            self.department.addItem(name, name)
        # first the window's 課 (as it was named that year), then whatever the person chose
        keep = chosen if self._departments_filled else window_then
        self.department.setCurrentIndex(max(self.department.findData(keep), 0) if keep in names else 0)
        self.department.blockSignals(False)
        self._departments_filled = True

    def _defaults(self, key: str) -> ReportOptions:
        """The handout's own options for this kind, read once (reading the plan is not free)."""
        if key not in self._default_cache:
            self._default_cache[key] = reports.default_options(self.db, key, self.tree.plan.id)
        return self._default_cache[key]

    def options(self) -> tuple[str, ReportOptions]:
        key = str(self.kind.currentData())
        base = self._defaults(key)
        years = None
        if key == "program-year" and self.last_year.count():  # a program year's pages: the year chosen
            base = dataclasses.replace(base, as_of=FiscalYear(int(self.last_year.currentData())))
        elif not self.all_years.isChecked():
            a, b = FiscalYear(int(self.first_year.currentData())), FiscalYear(int(self.last_year.currentData()))
            years = tuple(fiscal_years(min(a, b), max(a, b)))
        qd = self.date.date()
        return key, dataclasses.replace(
            base, handout=self.handout.text().strip() or None, meeting=self.meeting.text().strip() or None,
            date=qd.toPython() if self.use_date.isChecked() else None,  # type: ignore[arg-type]  # (as above)
            draft=self.draft.isChecked(), department=self.department.currentData(), years=years,
            status_column=self.status_column.isEnabled() and self.status_column.isChecked(),
            chart_pages=self.chart_pages.isEnabled() and self.chart_pages.isChecked(),
            field_notes=self.field_notes.isEnabled() and self.field_notes.isChecked())

    def _make(self, out: Path, then: Callable[[Path], None]) -> Op | None:
        """Write the PDF on the window's worker; `then(out)` on the GUI thread when it is there."""
        if self.tasks.busy:
            return None
        key, opts = self.options()
        self.progress.setValue(0)
        self._busy(True)

        def done(path: Path) -> None:
            self._busy(False)
            then(path)

        def failed(exc: BaseException) -> None:
            self._busy(False)
            from kodaira_desk.ui.tasks import Cancelled

            self.message.setText(self.tr("中止しました。") if isinstance(exc, Cancelled) else message_of(exc))

        self._op = self.tasks.run_op(
            self.workspace.make_report, (key, opts, out), done,
            lambda n, total: self.progress.setValue(int(n * 100 / max(total, 1))), on_error=failed, name="pdf")
        return self._op

    def _busy(self, on: bool) -> None:
        self.preview_button.setEnabled(not on)
        self.save_button.setEnabled(not on)
        self.print_button.setEnabled(not on)
        self.cancel_button.setVisible(on)
        if not on:
            self._op = None

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def preview(self, then: Callable[[Path], None] | None = None) -> Op | None:
        """Make the PDF in a temporary folder (removed when the dialog closes) and show its pages;
        `then(pdf)` afterwards (印刷… uses it)."""
        if self.tasks.busy:
            return None
        self._remove_preview()
        self._tmp_dir = Path(tempfile.mkdtemp(prefix="kd-preview-"))
        options = self.options()

        def show(pdf: Path) -> None:
            self._preview_file, self._preview_options = pdf, options
            self.message.setText(self.tr("プレビュー"))
            self.preview_pane.show_pdf(pdf)
            if then is not None:
                then(pdf)

        return self._make(self._tmp_dir / "preview.pdf", show)

    def _remove_preview(self) -> None:
        """The preview's pages and temporary folder gone (a new preview, or the dialog closed). A
        rendering or a printing still reading its file is cancelled, and the folder is removed
        on the worker after it, in turn — not waited for here in an event loop of its own, in
        which the answers of a closing dialog arrived in the middle of its closing."""
        reading = [op for op in (self.preview_pane.stop(), self.print_op) if op is not None and not op.done]
        for op in reading:
            op.cancel()
        self.preview_pane.clear()
        if self._tmp_dir is not None and reading:
            self.tasks.run_query(functools.partial(shutil.rmtree, self._tmp_dir, ignore_errors=True),
                                 name="preview-removal", context=self.tasks)  # (the dialog's closing waits not for it)
        elif self._tmp_dir is not None:
            shutil.rmtree(self._tmp_dir, ignore_errors=True)
        self._tmp_dir = None
        self._preview_file = None
        self._preview_options = None

    def _choose_and_save(self) -> None:
        key = str(self.kind.currentData())
        name = f"{reports.REPORT_KINDS[key].label}.pdf"
        path = file_dialogs.save_name(self, self.tr("PDF を保存"), str(Path.home() / name), "PDF (*.pdf)")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> Op | None:
        """What the save dialog does: reuse the previewed file when the options are the same."""
        def saved(out: Path) -> None:
            self.message.setText(self.tr("保存しました: {path}").format(path=str(out)))

        if self._preview_file is not None and self._preview_options == self.options():
            preview = self._preview_file
            return self.tasks.run_op(reports.save_previewed, (preview, path), lambda _r: saved(path),
                                     on_error=lambda e: self.message.setText(message_of(e)), name="pdf")
        return self._make(path, saved)

    def print_report(self) -> Op | None:
        """印刷…: the previewed PDF (made first when the options changed) through the printer dialog.

        The page count is read on the worker; the printer dialog opens on the GUI thread when it is
        there, and the pages are printed on the worker (report_print)."""
        if self._preview_file is not None and self._preview_options == self.options():
            self._ask_and_print(self._preview_file)
            return None
        return self.preview(self._ask_and_print)

    def _ask_and_print(self, pdf: Path) -> None:
        def ask(sizes: tuple[tuple[float, float], ...]) -> None:
            if self.isVisible():  # (closed meanwhile: no printer dialog over the window)
                self._print(pdf, sizes)

        self.tasks.run_op(page_sizes, (pdf,), ask,
                                 on_error=lambda e: self.message.setText(message_of(e)), name="print")

    def _print(self, pdf: Path, sizes: tuple[tuple[float, float], ...]) -> Op | None:
        printer = report_print.new_printer(pdf, sizes)
        if not self.ask_printer(printer, len(sizes), self):
            return None
        self._printer = printer  # alive until the worker is done with it
        self.progress.setValue(0)
        self._busy(True)

        def done(n: int) -> None:
            self._busy(False)
            self.message.setText(self.tr("{n} ページを印刷しました。").format(n=n))

        def failed(exc: BaseException) -> None:
            self._busy(False)
            from kodaira_desk.ui.tasks import Cancelled

            if isinstance(exc, Cancelled):
                self.message.setText(self.tr("中止しました。"))
            elif isinstance(exc, report_print.PrintError):
                self.message.setText(self.tr("プリンターを開けませんでした: {name}").format(name=str(exc)))
            else:
                self.message.setText(message_of(exc))

        self._op = self.print_op = self.tasks.run_op(
            report_print.print_pdf, (pdf, printer), done,
            lambda n, total: self.progress.setValue(int(n * 100 / max(total, 1))), on_error=failed, name="print")
        return self._op
