"""進捗ボード: for the policy division, per plan and per 課, how much of the year is entered,
missing and flagged, and the statuses of the indicators. Double-click goes to the items."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.achievement import Thresholds
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services import board as board_service
from kodaira_desk.services.achievement import GradingSettings, SettingError, parse_thresholds
from kodaira_desk.services.grading_edits import ThresholdsSetting
from kodaira_desk.services.plan_trees import Loader, PlanTrees
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit, theme
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.flow_layout import FlowLayout
from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.round import table_room
from kodaira_desk.ui.round.board_model import (
    NARROWED,
    BoardModel,
    Graded,
    distinct_texts,
    made_in,
    widest_texts,
)
from kodaira_desk.ui.round.board_table import BoardTable
from kodaira_desk.ui.tasks import Cancelled, Op, Progress, TaskRunner
from kodaira_desk.ui.window.all_plans import read_plans


def grade(workspace: Workspace, plans: list[PlanTree], year: FiscalYear, settings: Mapping[str, GradingSettings],
          progress: Progress | None = None) -> Graded:
    """Each plan's grading settings (those not given) and confirmed figures (not 要確認 any more)
    read, every plan graded for `year`: the board's work, on the runner's worker."""
    known = {t.plan.id: settings[t.plan.id] if t.plan.id in settings else workspace.grading(t.plan.id) for t in plans}
    confirmed = {t.plan.id: workspace.confirmed(t.plan.id) for t in plans}
    rows = board_service.board(plans, year, known, confirmed, progress)
    cells = [board_service.board_cells(r) for r in rows]
    return Graded(known, rows, cells, distinct_texts(rows, cells))


# The worker waits this long at most for the board's frame to be painted before it reads and
# grades: its Python holds the interpreter's lock, which the GUI thread needs for each of its calls
# while it shows and paints the board (issue 27: the first frame's turn 35–60 ms of wall for 18–23 of
# CPU at ×10; another year chosen at ×100, 59 ms of wall for 7 of CPU).
FRAME_WAIT_S = 0.3
_GO = QEvent.Type(QEvent.registerEventType())  # posted after the board's repaint: the worker may grade


@dataclass(frozen=True)
class Plans:
    """The plans a board grades, as the GUI thread hands them to the worker: those in memory, and
    those to read first (the window reads a plan when it is opened: at ×100 most are not read)."""

    order: tuple[str, ...]  # every plan's id, in the plans' order
    loaded: Mapping[str, PlanTree]
    unread: tuple[str, ...] = ()
    reader: Loader | None = None

    @classmethod
    def of(cls, trees: Mapping[str, PlanTree]) -> Plans:
        if isinstance(trees, PlanTrees):  # (nothing read here: the worker reads)
            return cls(tuple(trees), trees.loaded(), tuple(trees.unread()), trees.reader())
        return cls(tuple(trees), dict(trees))


def read_and_grade(workspace: Workspace, plans: Plans, year: FiscalYear, settings: Mapping[str, GradingSettings],
                   painted: threading.Event, font: QFont, progress: Progress | None = None) -> Graded:
    """The board's operation on the worker, once the board is painted (`painted`, see FRAME_WAIT_S):
    the plans not read yet read, then every plan graded (`grade`), the texts that may be each
    column's widest in the table's `font` found."""
    painted.wait(FRAME_WAIT_S)
    if progress is not None:
        progress(0, len(plans.order))  # (closed or asked again meanwhile: stops here)
    read = read_plans(plans.reader, list(plans.unread), progress) if plans.unread and plans.reader else []
    by_id = {**plans.loaded, **{t.plan.id: t for t in read}}
    graded = grade(workspace, [by_id[p] for p in plans.order if p in by_id], year, settings, progress)
    return replace(graded, read=tuple(read), widest=widest_texts(graded.texts, font))


def _one_line(view: BoardTable) -> None:
    """A title narrowed to fit (1366×768, the English heads) on one line, cut in its middle: the
    period that tells the next program from the last stays (「中期的な…（令和7年度～令和10年度）」);
    wrapped, its second line was cut off by the row's height."""
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)


class BoardDialog(QDialog):
    """The board for one year; `item_chosen(plan_id, node_key)` when a row is double-clicked."""

    item_chosen = Signal(str, str)
    thresholds_changed = Signal()
    save_requested = Signal()  # Ctrl+S in the board: the window saves (the thresholds with the edits)

    def __init__(self, editor: Editor, trees: Mapping[str, PlanTree], years: list[FiscalYear], year: FiscalYear,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None, *, ahead: bool = False) -> None:
        super().__init__(parent)  # ahead: made while the window is idle, graded when taken (`take`)
        self.setObjectName("boardDialog")
        self.editor, self.workspace, self.trees = editor, editor.workspace, trees
        # the grading (each plan's settings and confirmed figures read, every indicator graded) runs
        # on the window's runner when there is one (issue 27: a second of the GUI thread at ×100)
        self.tasks = tasks
        self._op: Op | None = None
        self._asked = 0  # the refresh asked last: an older grading's rows are not shown
        self._painted_now = threading.Event()  # the latest grading's: the board painted (read_and_grade)
        self.settings: dict[str, GradingSettings] = {}  # read with the first grading, kept until they change
        # The file dialog is asked through this, so that a test can answer it.
        self.choose_csv_path: Callable[[str], str] = self._ask_csv_path
        self.setWindowTitle(self.tr("進捗ボード"))
        self.year = QComboBox()
        self.year.setObjectName("boardYear")
        for y in years:
            self.year.addItem(y.era_label(), y.year)
        self.year.setCurrentIndex(max(0, self.year.findData(year.year)))
        self.year.currentIndexChanged.connect(self.refresh)
        self.model = BoardModel(self)
        self.view = BoardTable()
        self.view.setObjectName("boardTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the table
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        _one_line(self.view)
        # each column as wide as its texts, measured once per refresh from the font (issue 27: Qt's
        # ResizeToContents asked every cell's size of the delegate, 336,000 data() calls at ×100)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.activated.connect(self._on_view_double_clicked)
        legend = QLabel(self.tr("指標: 基準値の翌年度から最終目標の年度まで（または計画期間中）に実績（見込）を入力するもの。"
                                "「-」「（※4）」なども入力済みに数えます。要確認: 累計の減少、内数が合計を超えるなど。"
                                "取組: その年度の進捗状況と実施等状況（実行プログラムの主要事業は実施内容と決算額、"
                                "計画と2割以上違うときはその理由も）。うち変更なし: 実施等状況が前年度と同じもの。"
                                "ダブルクリックで未入力の項目を開きます。"))
        legend.setWordWrap(True)
        theme.tint(legend, "muted")
        a11y.name(self.view, self.tr("進捗ボード"), legend.text())
        buttons = QDialogButtonBox()
        self.csv_button = buttons.addButton(self.tr("CSVに書き出す(&E)…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.csv_button.clicked.connect(self.export_csv)
        close = buttons.addButton(self.tr("閉じる(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        limits = Thresholds() if ahead else self._limits()  # (ahead: no read on the GUI thread; `take` reads)
        self.achieved = QDoubleSpinBox()
        self.on_track = QDoubleSpinBox()
        for box, name, value in ((self.achieved, "achievedThreshold", limits.achieved),
                                 (self.on_track, "onTrackThreshold", limits.on_track)):
            box.setObjectName(name)
            box.setRange(0, 1000)
            box.setDecimals(1)
            box.setSuffix("%")
            box.setValue(float(value))
        apply_limits = QPushButton(self.tr("判定の基準を変更(&J)"))
        apply_limits.setObjectName("applyThresholds")
        apply_limits.clicked.connect(self.apply_thresholds)
        apply_limits.setDefault(True)  # Enter in a threshold's box changes it (not 閉じる)
        top = self._top_row(apply_limits)
        self._keys_of_the_edit_session()
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.unsaved_note)
        lay.addWidget(self.grading_note)
        lay.addWidget(self.view, 1)
        lay.addWidget(legend)
        lay.addWidget(buttons)
        a11y.tab_order(self.year, self.achieved, self.on_track, apply_limits, self.view, self.csv_button, close)
        self.resize(1280, 560)  # (its 14 columns at the city's data; narrower screens: table_room)
        screen_fit.fit(self)
        self._show_unsaved()
        self._made_for = (list(years), made_in())
        if not ahead:
            self.refresh()

    def fits(self, editor: Editor, years: list[FiscalYear]) -> bool:
        """Made ahead for this session, these years, and the language, colours and font in use."""
        return self.editor is editor and self.workspace is editor.workspace and self._made_for == (years, made_in())

    def _limits(self) -> Thresholds:
        first = next(iter(self.trees), None)
        return self.workspace.grading(first).thresholds if first is not None else Thresholds()

    def take(self, trees: Mapping[str, PlanTree], year: FiscalYear, parent: QWidget) -> None:
        """The board made ahead (while the window was idle: the dialog made in the menu's turn was
        10–20 ms, issue 27), for these plans and this year, in `parent`: graded now."""
        self.setParent(parent, self.windowFlags())
        self.trees = trees
        self.year.blockSignals(True)  # (one grading, below)
        self.year.setCurrentIndex(max(0, self.year.findData(year.year)))
        self.year.blockSignals(False)
        limits = self._limits()
        self.achieved.setValue(float(limits.achieved))
        self.on_track.setValue(float(limits.on_track))
        self._show_unsaved()
        self.refresh()

    def _top_row(self, apply_limits: QPushButton) -> FlowLayout:
        """The year and the thresholds, labelled; wraps at 150 % instead of widening the dialog past
        the screen."""
        year_label, achieved_label = QLabel(self.tr("年度(&Y)")), QLabel(self.tr("達成率が(&T)"))
        on_track_label = QLabel(self.tr("以上で「達成」、(&O)"))
        a11y.label_for(year_label, self.year)
        a11y.label_for(achieved_label, self.achieved)
        a11y.label_for(on_track_label, self.on_track)
        a11y.name(self.achieved, self.tr("「達成」とする達成率（以上）"))
        a11y.name(self.on_track, self.tr("「概ね順調」とする達成率（以上）"))
        top = FlowLayout()
        for widget in (year_label, self.year, achieved_label, self.achieved, on_track_label, self.on_track,
                       QLabel(self.tr("以上で「概ね順調」")), apply_limits):
            top.addWidget(widget)
        return top

    def _keys_of_the_edit_session(self) -> None:
        """The thresholds are an unsaved change like a typed value (issue 23): Ctrl+Z here or in the
        window takes them back, Ctrl+S here or there writes them with the other edits."""
        self.unsaved_note = QLabel()
        self.unsaved_note.setObjectName("thresholdsUnsaved")
        self.grading_note = QLabel()  # 集計しています… while the runner grades (refresh)
        self.grading_note.setObjectName("boardGrading")
        self.grading_note.hide()
        theme.tint(self.grading_note, "muted")
        self.unsaved_note.setWordWrap(True)
        stack = self.editor.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("元に戻す"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("やり直し"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])  # as the window's
        save = QAction(self.tr("保存"), self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(lambda: self.save_requested.emit())
        self.addActions([self.undo_action, self.redo_action, save])
        for box in (self.achieved, self.on_track):  # Ctrl+Z in a box undoes the change, not its typing
            box.installEventFilter(self)
            box.lineEdit().installEventFilter(self)
        self.editor.grading_changed.connect(self._on_grading_changed)
        stack.cleanChanged.connect(self._show_unsaved)

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear(int(self.year.currentData()))

    @property
    def grading(self) -> bool:
        """The rows shown are being graded again (on the runner): the table follows when done."""
        return self._op is not None

    def refresh(self) -> None:
        """Grade the plans for the year chosen, on the runner (the rows shown meanwhile stay, a line
        above them says the board is being graded), the plans not read yet read there first;
        without a runner, here."""
        year = self.fiscal_year
        if self._op is not None:
            self._op.cancel()  # a newer year or change: the older grading stops between two plans
        self._painted_now.set()  # (the older one: to its stop at once)
        self._pending = None
        if self.tasks is None:
            self._show(grade(self.workspace, list(self.trees.values()), year, self.settings))
            return
        self._asked += 1
        asked = self._asked

        def done(graded: Graded) -> None:
            if graded.read and isinstance(self.trees, PlanTrees):  # (as every_plan_read would have)
                self.trees.take(graded.read)
            if asked != self._asked:
                return
            if self.isVisible() and not self._painted and self.ROWS_AFTER_FIRST_PAINT:
                self._pending = graded  # shown a turn after the board's first paint (paintEvent)
                return
            self._op = None
            self._show(graded)

        def failed(exc: BaseException) -> None:
            if asked == self._asked and not isinstance(exc, Cancelled):
                self._op = None
                self.grading_note.setText(self.tr("集計できません: {error}").format(error=message_of(exc)))

        self.grading_note.setText(self.tr("集計しています…"))
        self.grading_note.show()
        self._painted_now = painted = threading.Event()
        if self._painted:  # shown already: the repaint this change asked for (posted at low priority), then
            QCoreApplication.postEvent(self, QEvent(_GO), Qt.EventPriority.LowEventPriority.value)
        self._op = self.tasks.run_op(read_and_grade, (self.workspace, Plans.of(self.trees), year, dict(self.settings),
                                                      painted, QFont(self.view.font())), done,
                                     on_error=failed, name="grade-board", with_progress=True, quiet=True)

    def _show(self, graded: Graded) -> None:
        self.settings = graded.settings
        self.model.set_rows(graded.rows, graded)
        self._fit()
        self.grading_note.hide()
        # the rows laid out now, before the first paint: Qt's delayed layout, a turn later, painted
        # every shown cell of the Python model a second time (issue 27)
        self.view.executeDelayedItemsLayout()

    def _fit(self) -> None:
        fit_texts(self.view, self.model.texts_in(self.view.font()), 0, 100_000)
        if self.isVisible():  # (else when shown: the table's width is known then)
            self._fit_in()

    def _fit_in(self) -> None:
        """Every column in view: the board widened as far as the screen allows, then the plans'
        titles and the 課 narrowed (elided, whole in their tooltips) rather than a column behind a
        horizontal scroll bar (the ◎/○/▲ counts at 1366×768)."""
        table_room.fit_in(self, self.view, list(NARROWED.items()))

    # A grading answered before the board's first paint (the city data's, or the plans read
    # already) waits for that paint: the frame painted, then the rows in a turn of their own
    # (issue 27: the two in one turn were 15–20 ms of the GUI thread at load 10).
    ROWS_AFTER_FIRST_PAINT = True
    _painted = False  # (each board's own once painted)
    _pending: Graded | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._show_pending)  # after this paint, in a turn of its own

    def _show_pending(self) -> None:
        self._painted_now.set()  # (the frame painted: the worker may read and grade)
        graded, self._pending = self._pending, None
        if graded is not None:
            self._op = None
            self._show(graded)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model.rows:
            self._fit_in()

    def done(self, result: int) -> None:
        self._painted_now.set()  # (no frame to wait for)
        if self._op is not None:  # closed while grading: the worker stops between two plans
            self._op.cancel()
            self._asked += 1
            self._op = None
        self._pending = None
        super().done(result)

    def event(self, event: QEvent) -> bool:
        if event.type() == _GO:
            self._painted_now.set()
            return True
        if event.type() == QEvent.Type.UpdateRequest:  # the event loop's paint: the table's cells sliced
            self.view.live = True
            try:
                return super().event(event)
            finally:
                self.view.live = False
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # 表示 > 文字の大きさ: the columns follow the text
            self._fit()
        super().changeEvent(event)

    def follow(self, trees: Mapping[str, PlanTree]) -> None:
        """The plans as they now are (after a collection, a resolution, a save): graded again."""
        self.trees = trees
        self.refresh()

    def apply_thresholds(self) -> None:
        """Change the thresholds (a setting of the database, for every plan) and grade again: an
        unsaved change, one undo step, written by Save."""
        try:
            limits = parse_thresholds(f"{self.achieved.value():.1f}", f"{self.on_track.value():.1f}")
        except SettingError as exc:
            QMessageBox.warning(self, self.tr("判定の基準"), exc.message)
            return
        label = self.tr("判定の基準を {achieved}%・{on_track}% に変更").format(
            achieved=f"{limits.achieved:.1f}", on_track=f"{limits.on_track:.1f}")
        self.editor.set_setting(ThresholdsSetting(), limits, label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A line edit takes Ctrl+Z and Ctrl+Y for its own text: after Enter in a threshold's box the
        # person means the change they just made, so the keys are left to the undo actions.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and any(
                QKeySequence(event.keyCombination()) in a.shortcuts() for a in (self.undo_action, self.redo_action)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _on_grading_changed(self, _setting: object) -> None:
        """Typed here, undone or redone here or in the window: graded again, the boxes follow."""
        if not self.isVisible():  # a closed board (each opening makes a new one) has nothing to show
            return
        self.settings = {}  # read again with the grading
        limits = self.editor.setting(ThresholdsSetting())
        if isinstance(limits, Thresholds):
            self.achieved.setValue(float(limits.achieved))
            self.on_track.setValue(float(limits.on_track))
        self.refresh()
        self._show_unsaved()
        self.thresholds_changed.emit()

    def _show_unsaved(self, *_args: object) -> None:
        unsaved = self.editor.session.grading.has(ThresholdsSetting())
        self.unsaved_note.setText(self.tr(
            "判定の基準の変更はまだ保存されていません。保存（Ctrl+S）で確定し、元に戻す（Ctrl+Z）で取り消せます。")
            if unsaved else "")
        self.unsaved_note.setVisible(unsaved)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        if row.go_to:
            self.item_chosen.emit(row.plan_id, row.go_to)

    def _ask_csv_path(self, suggested: str) -> str:
        path = file_dialogs.save_name(self, self.tr("CSVに書き出す"), suggested, "CSV (*.csv)")
        return str(path) if path is not None else ""

    def export_csv(self) -> Path | None:
        name = self.tr("進捗ボード_{year}.csv").format(year=self.fiscal_year.era_label())
        chosen = self.choose_csv_path(str(Path.home() / name))
        if not chosen:
            return None
        try:
            return board_service.export_board(self.model.rows, self.fiscal_year, Path(chosen))
        except DomainError as exc:  # io.atomic's message names the file and what to do
            QMessageBox.warning(self, self.tr("書き出せません"), exc.message)
            return None
