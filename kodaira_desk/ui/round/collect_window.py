"""回収状況と取り込み: every department of the round with its state; returned files are dropped or
chosen here and collected on the runner (kept apart from ui/round/dialogs.py's hand-out, which
re-exports it)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services.rounds import status
from kodaira_desk.services.rounds.common import CollectReport
from kodaira_desk.services.workspace import Applied, Workspace
from kodaira_desk.ui import a11y, screen_fit, theme
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.round import table_room
from kodaira_desk.ui.round.choose_files import choose_files
from kodaira_desk.ui.round.reading import after_this_turn
from kodaira_desk.ui.round.shown_rows import ShownRows
from kodaira_desk.ui.round.status_model import RoundStatusModel
from kodaira_desk.ui.tasks import Op, TaskRunner

if TYPE_CHECKING:
    from kodaira_desk.services.rounds.overview import RoundOverview

# how long the worker waits for the window to take a collection in before it reads the board (a
# window that never does, closed meanwhile: the board is read all the same, and dropped)
TAKE_IN_WAIT_S = 0.5


class CollectWindow(QDialog):
    """回収: every department of the round with its state; files are dropped here or chosen."""

    collected = Signal(object)  # Applied: what the collection changed in the master
    _just_shown = False  # while the window takes in a collection this dialog shows from its own read
    ask_name: Callable[[], object] = staticmethod(lambda: None)  # the person's name, asked only before
    # an action that records it (collect, 了承, the round's settings): the window's (show_collect)
    start_folder: Callable[[], Path | None] = staticmethod(lambda: None)  # where ファイルを取り込む opens
    chose_folder: Callable[[Path], object] = staticmethod(lambda folder: None)  # ... remembered for next time

    def __init__(self, workspace: Workspace, tasks: TaskRunner, trees: Callable[[], dict[str, PlanTree]],
                 years: list[FiscalYear], year: FiscalYear, open_conflicts: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.db = workspace.db
        self.tasks = tasks
        self._trees = trees
        self._open_conflicts = open_conflicts
        self.setWindowTitle(self.tr("回収状況と取り込み"))
        self.setAcceptDrops(True)
        self.year = QComboBox()
        self.year.setObjectName("roundYear")
        # `years`: shown until the round's own are read with the first board (on the runner: read on
        # the GUI thread as the window opened, with a new SQLite connection each time, issue 27)
        self._list_years(years, year)
        self.year.currentIndexChanged.connect(self.refresh)
        self.model = RoundStatusModel(self)
        # what the table paints: the board's cells as Qt's own items (a paint asked the Python
        # model seven roles a cell: most of the collection's longest turn, issue 27)
        colour = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
        self.shown = ShownRows(self.model, self, (Qt.ItemDataRole.ToolTipRole,),  # (a refusal's reason: any cell)
                               {1: colour, 2: (*colour, Qt.ItemDataRole.FontRole)})  # the state; an overdue 期限
        self.table = self._status_table()
        # while the board is read on the runner (refresh): the window is shown at once, filled after
        self.loading = QLabel(self.tr("読み込んでいます…"))
        self.loading.setObjectName("roundLoading")
        a11y.name(self.loading, self.tr("回収状況を読み込んでいます…"))
        theme.tint(self.loading, "muted")
        self.loading.hide()
        self._asked = 0  # reads of the board asked: only the newest one's answer is shown
        self._reading = False  # 「読み込んでいます…」 shown (an error read in its place is not)
        self.summary = QLabel()
        self.summary.setObjectName("roundSummary")
        self.summary.setWordWrap(True)
        self.log = QPlainTextEdit()
        self.log.setObjectName("collectLog")
        self.log.setReadOnly(True)
        self.log.setMaximumHeight(150)
        a11y.name(self.log, self.tr("取り込みの記録"))
        self.progress = QProgressBar()
        self.progress.setObjectName("collectProgress")
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("取り込みの進み具合"))
        self.cancel_button = QPushButton(self.tr("中止(&A)"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        self._op: Op | None = None
        add = QPushButton(self.tr("ファイルを取り込む(&I)…"))
        add.setObjectName("collectAdd")
        add.clicked.connect(self._choose)
        self.add_button = add
        conflicts = QPushButton(self.tr("競合を確認(&K)…"))
        conflicts.clicked.connect(self._show_conflicts)
        from kodaira_desk.ui.round.year_dialogs import RoundYearControls

        self.round_year = RoundYearControls(self)  # deadline, reminders, 了承 (issue 24)
        close = QPushButton(self.tr("閉じる(&C)"))
        close.clicked.connect(self.accept)
        hint = QLabel(self.tr("担当課から返ってきた提出用ファイル（.kdesk）や Excel ブック（.xlsx）をこの画面にドラッグするか、"
                              "「ファイルを取り込む」で選んでください。取り込む前に親データベースのバックアップを作ります。"))
        hint.setWordWrap(True)
        theme.tint(hint, "muted")
        a11y.name(self.table, self.tr("課ごとの回収状況"), hint.text())
        a11y.describe(add, hint.text())
        year_label = QLabel(self.tr("年度(&Y)"))
        a11y.label_for(year_label, self.year)
        self._lay_out([year_label, self.year, self.round_year.deadline, self.round_year.settings_button], hint,
                      [add, conflicts, self.round_year.remind_button, self.round_year.accept_button, close])
        # Enter closes the window; the first button (提出期限・課長確認, 取り込む) took it, opening a
        # dialog or a file chooser nobody asked for (the tester at Xvfb)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        close.setDefault(True)
        self.resize(1280, 640)
        screen_fit.fit(self)
        self.refresh()

    def _lay_out(self, top_row: list[QWidget], hint: QLabel, button_row: list[QWidget]) -> None:
        """The year and the deadline above; the hint, the board, the summary and the log; the
        progress; the buttons below (the last, 閉じる, at the right)."""
        top = QHBoxLayout()
        for widget in top_row:
            top.addWidget(widget, 1 if widget is self.round_year.deadline else 0)
        buttons = QHBoxLayout()
        for widget in button_row[:-1]:
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(button_row[-1])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(self.loading)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.log)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        lay.addLayout(progress_row)
        lay.addLayout(buttons)

    def _status_table(self) -> QTableView:
        """One row per department of the round: its state, deadline, last return, conflicts."""
        table = QTableView()
        table.setObjectName("roundTable")
        table.setModel(self.shown)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # (a board: nothing typed in it)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the table
        # each column as wide as its texts, fitted from the font once per load (`_fit`: Qt's
        # ResizeToContents asked every cell's size of the Python model on each layout, issue 27)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        # a refusal's reason or a file's name can be long: elided in the middle, whole in the tooltip
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        return table

    def _fit(self) -> None:
        """Every column as wide as its header and its texts (the reason's at most 320; the last
        stretches); then, at 1366×768, the file names and the reasons narrowed (whole in their
        tooltips) so that 質問 is not pushed out of view."""
        fit_texts(self.table, self.model.texts, 0, 100_000,
                  [c for c in range(self.model.columnCount()) if c != RoundStatusModel.NOTE_COLUMN])
        fit_texts(self.table, self.model.texts, 120, 320, [RoundStatusModel.NOTE_COLUMN])
        if self.isVisible():  # (else when shown: the table's width is known then)
            table_room.fit_in(self, self.table, [(RoundStatusModel.FILE_COLUMN, 140), (RoundStatusModel.NOTE_COLUMN, 120)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        table_room.fit_in(self, self.table, [(RoundStatusModel.FILE_COLUMN, 140), (RoundStatusModel.NOTE_COLUMN, 120)])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.shown.refill()  # the board's words in the language now shown
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):  # other words, other sizes
            self._fit()
        super().changeEvent(event)

    @property
    def fiscal_year(self) -> FiscalYear | None:
        return FiscalYear(int(self.year.currentData())) if self.year.currentIndex() >= 0 else None

    @property
    def loading_board(self) -> bool:
        """The board of the year chosen is being read on the runner (「読み込んでいます…」 shown)."""
        return self._reading

    def refresh(self) -> None:
        """Read the board of the year chosen on the runner (a query: the round's records and the
        finishing of an interrupted hand-out, 30–120 ms on the GUI thread, issue 27); the board
        shown meanwhile stays, 「読み込んでいます…」 above it, and the newest read's answer fills it."""
        if self._just_shown:
            return  # (the window following a collection: this dialog shows it next, from its own read)
        year = self.fiscal_year
        self._asked += 1
        asked = self._asked
        if year is None:
            self._reading = False
            self.loading.hide()
            self.show_overview(None)
            return

        def done(read: tuple[list[FiscalYear], FiscalYear, RoundOverview]) -> None:
            if asked == self._asked:  # (a newer read, or the window closed: dropped)
                self._reading = False
                self.loading.hide()
                self._list_years(read[0], read[1])
                self.show_overview(read[2])

        def failed(exc: BaseException) -> None:
            if asked == self._asked:  # said where 「読み込んでいます…」 was; the board shown stays
                self._reading = False
                self.loading.setText(self.tr("回収状況を読めません: {error}").format(error=message_of(exc)))

        if not self.model.rows:
            self._fit()  # (opening: the columns as wide as their heads meanwhile)
        self.loading.setText(self.tr("読み込んでいます…"))
        self.loading.show()
        self._reading = True
        self.round_year.enable_buttons()  # (no 了承 on the rows of the year shown before)
        # (on the worker once the window has had its turns: built, shown, painted; read at once, its
        # Python shared the interpreter's lock with them, as reading.py says of the other round windows)
        self.tasks.run_query(after_this_turn(self._read_board, self), (year,), done, on_error=failed, name="round-overview")

    def _read_board(self, year: FiscalYear) -> tuple[list[FiscalYear], FiscalYear, RoundOverview]:
        """On the runner: the round's years (the year asked if none), the year to show (the one asked,
        else the last of the round's: a window opened on a year without a round) and its board."""
        years = self._round_years() or [year]
        shown = year if year in years else years[-1]
        return years, shown, self.workspace.round_overview(shown)

    def _round_years(self) -> list[FiscalYear]:
        return [FiscalYear(y) for y in status.round_years(self.db)]

    def _list_years(self, years: list[FiscalYear], year: FiscalYear) -> None:
        """The years the box offers, `year` chosen (no read asked: the caller shows its board)."""
        box = self.year
        box.blockSignals(True)
        try:
            if [int(box.itemData(i)) for i in range(box.count())] != [y.year for y in years]:
                box.clear()
                for y in years:
                    box.addItem(y.era_label(), y.year)
            box.setCurrentIndex(max(0, box.findData(year.year)))
        finally:
            box.blockSignals(False)

    def show_read(self, year: FiscalYear, overview: RoundOverview) -> None:
        """A board an operation read on the worker after its change (了承, the deadline): shown if
        it is the year shown and no newer read is on its way; else the year shown is read again."""
        if year != self.fiscal_year:
            self.refresh()
        elif not self.loading_board:
            self.show_overview(overview)

    def done(self, result: int) -> None:
        self._asked += 1  # closed before the board's answer came: it is dropped
        self._reading = False
        super().done(result)

    def show_overview(self, overview: RoundOverview | None) -> None:
        """The board of the year shown, read already (by refresh, or by a collection on the worker)."""
        self.round_year.show(overview)
        from kodaira_desk.services.notes import question_counts

        departments = [ln.department for ln in overview.lines] if overview else []
        self.model.questions = question_counts(self._trees().values(), departments)
        states = [ln.state for ln in overview.lines] if overview else []
        if overview is not None:
            self.model.load_overview(overview)
        else:
            self.model.load(states)
        self._fit()
        # the rows laid out now, so that the one paint after this turn is the last: Qt lays a reset
        # table out on a timer of its own, after the first paint, and paints it again (issue 27)
        self.table.executeDelayedItemsLayout()
        missing = [s.department for s in states if s.state == "issued"]
        unfilled = [s.department for s in states if s.state == "unfilled"]  # returned with nothing typed
        review = [s.department for s in states if s.state == "needs_review"]
        parts = [self.tr("配布 {n} 課").format(n=len(states)),
                 self.tr("取込済 {n}").format(n=sum(s.state == "merged" for s in states))]
        if overview is not None:  # a hand-out killed while its files took their names
            parts += [self.tr("中断された配布を完了しました: {file}").format(file=p.name) for p in overview.finished.named]
            parts += [self.tr("{d}: 配布ファイル {file} が作られていません。この課に配布し直してください").format(
                d=d, file=p.name) for d, p in overview.finished.missing]
            parts += [self.tr("{d}: {file} を開いている画面があるため、中断された配布し直しを完了していません。"
                              "その画面を閉じてから、回収状況を確かめ直してください").format(
                d=d, file=p.name) for d, p in overview.finished.waiting]  # (as `round status` says it)
        if missing:
            parts.append(self.tr("未返却: {d}").format(d=listed(missing)))
        if unfilled:
            parts.append(self.tr("未記入: {d}").format(d=listed(unfilled)))
        if overview is not None and overview.overdue:
            parts.append(self.tr("期限超過: {d}").format(d=listed(overview.overdue)))
        if review:
            parts.append(self.tr("要確認: {d}").format(d=listed(review)))
        asked = sum(c.open for c in self.model.questions.values())
        if asked:
            parts.append(self.tr("未回答の質問 {n} 件").format(n=asked))
        self.summary.setText("　".join(parts))

    def _choose(self) -> None:
        start = self.start_folder()  # the folder chosen from last time, or the hand-out's (not the
        # process's working folder, where the chooser opened: the tester at Xvfb)
        files = choose_files(self, self.tr("提出用ファイルを選ぶ"), said=self.log.appendPlainText, filters=self.tr(
                             "提出用ファイル・Excel ブック (*.kdesk *.xlsx);;すべてのファイル (*)"),
                             start=str(start if start is not None and start.is_dir() else Path.home()))
        if files:
            self.chose_folder(files[0].parent.absolute())
            self.add_files(files)

    def add_files(self, files: list[Path]) -> Op | None:
        """What dropping or choosing files does: the collection runs on the worker."""
        if self.tasks.busy:
            return None
        self.ask_name()  # the collection's audit rows carry it
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.add_button.setEnabled(False)

        def ended() -> None:
            taken.deleteLater()
            self._op = None
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.add_button.setEnabled(True)

        shown_year = self.fiscal_year

        def take_in(first: tuple[Applied, FiscalYear | None]) -> None:
            if taken.applied is None:  # (once: posted by the worker, or with the result if it was lost)
                taken.applied = first[0]
                try:
                    self._take_in(first[0], shown_year)
                finally:
                    taken.done.set()

        # the collection's result, posted by the worker before it reads the board
        taken = _TakenIn(self, take_in)

        def done(result: tuple[Applied, FiscalYear | None, RoundOverview | None, list[FiscalYear]]) -> None:
            take_in((result[0], result[1]))
            ended()
            self._show_collected(*result)

        def collect(files: list[Path], trees: dict[str, PlanTree], progress: Any = None,
                    ) -> tuple[Applied, FiscalYear | None, RoundOverview | None, list[FiscalYear]]:
            """On the worker: the collection (its result posted to the window at once, to be taken
            in while the worker goes on), then the round's years and the board of the year to show
            (the files' year, if one), read there too: read on the GUI thread it was most of the
            stall after it."""
            applied = self.workspace.collect(files, trees, progress)
            report = applied.report
            assert isinstance(report, CollectReport)
            years = self._round_years()
            one = len(report.years) == 1 and FiscalYear(report.years[0]) in years  # (a year the list has)
            year = FiscalYear(report.years[0]) if one else shown_year
            taken.arrived.emit((applied, year))
            # the board read once the window has taken the collection in: read meanwhile, the
            # worker's Python and the take-in's took turns at the interpreter's lock, and the
            # take-in's one turn lasted twice its own time (issue 27)
            taken.done.wait(TAKE_IN_WAIT_S)
            return applied, year, self.workspace.round_overview(year) if year is not None else None, years

        def failed(exc: BaseException) -> None:
            ended()  # (a board that could not be read after the collection: taken in all the same)
            from kodaira_desk.ui.refusal_words import failure_text  # (in the language shown)
            from kodaira_desk.ui.tasks import Cancelled

            self.log.appendPlainText(self.tr("取り込みを中止しました。親データベースは変わっていません。")
                                     if isinstance(exc, Cancelled) else "× " + failure_text(exc))

        self._op = self.tasks.run_op(collect, (files, self._trees()), done,
                                     lambda n, _total: self.progress.setValue(n), on_error=failed,
                                     name="collect")
        return self._op

    def _take_in(self, applied: Applied, shown_year: FiscalYear | None) -> None:
        """A collection's result, on a turn of its own while the worker reads the board (issue 27:
        taken in with the board, the window's and the board's updates and paints made one turn of
        20–35 ms): the log, then the window takes the plans in."""
        report = applied.report
        assert isinstance(report, CollectReport)
        self.report = report
        self._paint_later(self.log)  # (painted after the window's take-in and its paint)
        if report.outcomes:  # one append: each laid the log out and scrolled it again
            from kodaira_desk.ui.refusal_words import outcome_text  # (each file's line in the language shown)

            self.log.appendPlainText("\n".join(f"{o.mark} " + outcome_text(o) for o in report.outcomes))
        for o in report.outcomes:  # a file of a year other than the one shown is said so, by name
            if o.year is not None and shown_year is not None and o.year != shown_year.year:
                self.log.appendPlainText(self.tr("{file} は{year}の提出用ファイルです（表示していたのは{shown}）。").format(
                    file=o.file, year=FiscalYear(o.year).era_label(), shown=shown_year.era_label()))
        self._just_shown = True
        try:  # the window takes the plans in first (the questions counted on the board are theirs)
            self.collected.emit(applied)
        finally:
            self._just_shown = False

    def _show_collected(self, applied: Applied, year: FiscalYear | None, overview: RoundOverview | None,
                        years: list[FiscalYear]) -> None:
        """The board after a collection: of the files' year (if one), read on the worker after it."""
        report = applied.report
        assert isinstance(report, CollectReport)
        if years and self.fiscal_year is not None:  # (the round's years, if the window's first read is yet to come)
            self._list_years(years, self.fiscal_year)
        theirs = year is not None and list(report.years) == [year.year]  # the files' one year
        shown = self.year.findData(year.year) if year is not None else -1
        other = shown >= 0 and shown != self.year.currentIndex()  # the box says another year
        if other and theirs:  # the files' year is shown, whichever the box said
            self.year.blockSignals(True)
            self.year.setCurrentIndex(shown)
            self.year.blockSignals(False)
            self.log.appendPlainText(self.tr("{year}の回収状況を表示しています。").format(
                year=FiscalYear(report.years[0]).era_label()))
        if other and not theirs:  # another year chosen while it ran: that year's board, read now
            self.refresh()
            return
        # the board of the year shown, read after the collection: a read asked meanwhile (a year
        # chosen, queued behind the collection) is older than it, and is dropped when it comes
        self._asked += 1
        self._reading = False
        self.loading.hide()
        self._paint_later(self.table)
        self.show_overview(overview)

    @staticmethod
    def _paint_later(widget: QWidget) -> None:
        """`widget` painted on a turn of its own, after the turn that changes it (issue 27: after a
        collection, the board's rows set, its columns fitted and the whole board painted were one
        turn, 16–27 ms of the GUI thread; the log's lines painted with the window's take-in): its
        updates held until a timer of 1 ms (Qt 6 runs a zero timer as a posted call, often in the
        same turn as what started it)."""
        if widget.updatesEnabled():
            widget.setUpdatesEnabled(False)
            QTimer.singleShot(1, widget, lambda: widget.setUpdatesEnabled(True))

    def _show_conflicts(self) -> None:
        """The conflicts, from this window: a resolution (or its undoing) shows on the board at once."""
        dialog = self._open_conflicts()
        resolved = getattr(dialog, "resolved", None)
        if resolved is not None:
            resolved.connect(lambda _applied: self.refresh())

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.add_files(files)
            event.acceptProposedAction()


class _TakenIn(QObject):
    """Lives on the GUI thread: `arrived`, emitted on the worker, is received by this object's own
    slot, so Qt queues it to the GUI thread (ahead of the operation's result, which the same worker
    posts after it), as ui/tasks.py's signals are."""

    arrived = Signal(object)  # (Applied, FiscalYear | None)

    def __init__(self, parent: QObject, on_arrived: Callable[[Any], None]) -> None:
        super().__init__(parent)
        self.applied: Applied | None = None  # once taken in
        self.done = threading.Event()  # set on the GUI thread once taken in (the worker waits for it)
        self._on_arrived = on_arrived
        self.arrived.connect(self._arrived)

    @Slot(object)
    def _arrived(self, first: object) -> None:
        self._on_arrived(first)
