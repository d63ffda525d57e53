"""年度の確定と修正 (issue 24): the policy division fixes a plan's year once the committee has seen
it (確定); afterwards a change is a correction (修正) of one field with a reason, recorded in the
audit, and reports printed after it say 修正版 with the day. Both run on the window's worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from kodaira_desk.domain.entry import expects_progress
from kodaira_desk.domain.fields import FieldKey, entry_fields
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.domain.plan_list import PlanSummary
from kodaira_desk.services.plan_trees import Loader
from kodaira_desk.services.workspace import Applied, Workspace
from kodaira_desk.ui import a11y, screen_fit
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.message_line import dialog_message
from kodaira_desk.ui.round.reading import SHOW_AFTER_MS, ReadNote
from kodaira_desk.ui.round.status_model import Index, _RowsModel
from kodaira_desk.ui.tasks import Op
from kodaira_desk.ui.window import saving

if TYPE_CHECKING:
    from kodaira_desk.domain.round_year import YearLock
    from kodaira_desk.services.year_locks import Correction
    from kodaira_desk.ui.window.window_api import Window


def year_fields(tree: PlanTree, year: FiscalYear) -> list[str]:
    """The entry fields of a plan's year a correction may change, in the plan's order: each
    measure's status and 実施等状況, each indicator's 実績 and 実績（見込）, then any other field
    holding something that year (費用, 年次計画)."""
    pid, out = tree.plan.id, []
    for node in tree.nodes:
        if expects_progress(tree, node):
            out += [str(FieldKey("progress", pid, node.key, year.year, part)) for part in ("status", "narrative")]
    for ind in tree.indicators:
        out += [str(FieldKey("value", pid, ind.key, year.year, kind.value, ""))
                for kind in (ValueKind.ACTUAL, ValueKind.FORECAST)]
    known = set(out)
    out += sorted(k for k in entry_fields(tree) if FieldKey.parse(k).year == year.year and k not in known)
    return out


@dataclass(frozen=True)
class YearRead:
    """What the dialog shows of a plan's year, read on the worker: its lock, the fields a correction
    may change (each in words, with its key), the plan's corrections."""

    lock: YearLock | None
    fields: list[tuple[str, str]]
    corrections: list[Correction]
    tree: PlanTree | None  # the plan when read here: the window takes it in (今の値 reads it)
    owed: tuple[tuple[str, str], ...] = ()  # the 課 whose file of the year has not come back, and why


def read_year(workspace: Workspace, plan: PlanTree | Loader, plan_id: str, year: FiscalYear) -> YearRead:
    """On the runner's worker (issue 27: 8–13 ms of the GUI thread for each plan or year chosen);
    `plan` is the plan's tree when the window has read it, else what reads it (here, on the worker:
    the window's plans are not all read for the one chosen, review 2)."""
    from kodaira_desk.services.rounds.common import describe
    from kodaira_desk.services.year_locks import corrections, lock_of

    tree = plan if isinstance(plan, PlanTree) else plan([plan_id])[0]
    trees = {plan_id: tree}
    fields = [(describe(trees, key), key) for key in year_fields(trees[plan_id], year)]
    from kodaira_desk.services.rounds.status import still_owed

    return YearRead(workspace.run(lock_of, plan_id, year), fields, workspace.run(corrections, plan_id),
                    None if tree is plan else tree, tuple(workspace.run(still_owed, year)))


class YearLockDialog(QDialog):
    def __init__(self, w: Window) -> None:
        super().__init__(w)
        self.setObjectName("yearLockDialog")
        self.window_ = w
        self._owed: tuple[tuple[str, str], ...] = ()  # the 課 still owing their file, as last read
        self.setWindowTitle(self.tr("年度の確定と修正"))
        self.loading = ReadNote(w.tasks, "lockLoading", self.tr("確定の状態を読み込んでいます…"),
                                self.tr("確定の状態を読めません: {error}"), self)
        self.plan = QComboBox()
        self.plan.setObjectName("lockPlan")
        self._spans: dict[str, tuple[FiscalYear, FiscalYear]] = {}  # each plan's years, by id
        for known in w.editor.trees.known():  # summaries of the plans not read yet: none read here
            plan = known if isinstance(known, PlanSummary) else known.plan
            self._spans[plan.id] = (plan.period_from, known.last_active_year)
            self.plan.addItem(plan.title, plan.id)
            if plan.period_from <= w.year <= known.last_active_year:  # the plan in force that year
                self.plan.setCurrentIndex(self.plan.count() - 1)
        self.year = QComboBox()
        self.year.setObjectName("lockYear")
        self.state = QLabel()
        self.state.setObjectName("lockState")
        self.state.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("lockNote")
        self.note.setPlaceholderText(self.tr("記録に残す言葉（例: 第2回推進委員会で報告）"))
        self.lock_button = QPushButton(self.tr("この年度を確定する(&L)…"))
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock)
        top = QFormLayout()
        top.addRow(self.tr("計画"), self.plan)
        top.addRow(self.tr("年度"), self.year)
        top.addRow(self.tr("状態"), self.state)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.note, 1)
        lock_row.addWidget(self.lock_button)
        top.addRow("", lock_row)
        a11y.name_form(top)
        a11y.name(self.note, self.tr("確定の記録に残す言葉"), self.note.placeholderText())

        box = self._correction_box()
        self.message = dialog_message("lockMessage")  # not there while empty
        self.table = QTableView()
        self.table.setObjectName("correctionTable")
        self.model = _CorrectionModel(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the table
        a11y.name(self.table, self.tr("この計画の修正の記録"))
        header = self.table.horizontalHeader()  # each column as wide as its texts, 理由 takes the rest
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_CorrectionModel.REASON, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.loading)
        lay.addLayout(top)
        lay.addWidget(box)
        lay.addWidget(self.message)
        lay.addWidget(QLabel(self.tr("この計画の修正の記録")))
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.year.currentIndexChanged.connect(self.refresh)
        self.field.currentIndexChanged.connect(self._show_current)
        self.resize(900, 640)
        screen_fit.fit(self)
        self._list_years(w.year)  # the window's year, read once (its plan's last year was read first,
        self.refresh()  # then dropped for it: two reads on the runner beside the opening, issue 27)

    def open(self) -> None:
        """Shown in the window's next turn, after what waits there (a key, a timer): built and shown
        in one turn, its opening was the longest stall (10–14 ms of the GUI thread at ×10, issue 27)."""
        self._closed = False
        QTimer.singleShot(SHOW_AFTER_MS, self, lambda: None if self._closed else QDialog.open(self))

    def _correction_box(self) -> QGroupBox:
        """修正: the field (typed to search), its value now, the new value and the reason."""
        self.field = QComboBox()
        self.field.setObjectName("correctField")
        self.field.setEditable(True)
        self.field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.field.completer()  # (an editable combo box's, made by setEditable)
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.current = QLabel()
        self.current.setObjectName("correctCurrent")
        self.current.setWordWrap(True)
        self.value = QPlainTextEdit()
        self.value.setObjectName("correctValue")
        self.value.setTabChangesFocus(True)
        self.value.setMaximumHeight(90)
        self.reason = QLineEdit()
        self.reason.setObjectName("correctReason")
        self.reason.setPlaceholderText(self.tr("修正の理由（必須。変更履歴と帳票の修正版の記録に残ります）"))
        self.correct_button = QPushButton(self.tr("修正を記録する(&R)"))
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self.correct)
        box = QGroupBox(self.tr("修正（確定した年度の値・文章を変える）"))
        form = QFormLayout(box)
        form.addRow(self.tr("項目"), self.field)
        form.addRow(self.tr("今の値"), self.current)
        form.addRow(self.tr("新しい値"), self.value)
        form.addRow(self.tr("理由"), self.reason)
        form.addRow("", self.correct_button)
        a11y.name_form(form)
        a11y.describe(self.reason, self.reason.placeholderText())
        return box

    # ------------------------------------------------------------------ state
    @property
    def plan_id(self) -> str:
        return str(self.plan.currentData())

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear(int(self.year.currentData()))

    def _plan_changed(self) -> None:
        self._list_years()
        self.refresh()

    def _list_years(self, chosen: FiscalYear | None = None) -> None:
        """The plan's years, `chosen` (when it is one of them) or its last one chosen, not read yet."""
        self.year.blockSignals(True)
        self.year.clear()
        for y in fiscal_years(*self._spans[self.plan_id]) if self.plan.count() else ():
            self.year.addItem(y.era_label(), y.year)
        index = self.year.findData(chosen.year) if chosen is not None else -1
        self.year.setCurrentIndex(index if index >= 0 else self.year.count() - 1)
        self.year.blockSignals(False)

    @property
    def reading(self) -> bool:
        """The plan's year is being read on the runner (「読み込んでいます…」 shown)."""
        return self.loading.reading

    def refresh(self) -> None:
        """Read the plan's year chosen on the runner; the actions are off until it is shown."""
        if not self.year.count():
            return
        for widget in (self.lock_button, self.note, self.field, self.value, self.reason, self.correct_button):
            widget.setEnabled(False)
        self.loading.read(read_year, self._asked(), self._show_read, "year-lock")

    def _asked(self) -> tuple[Any, ...]:
        trees, pid = self.window_.editor.trees, self.plan_id
        return self.window_.workspace, trees[pid] if trees.is_loaded(pid) else trees.reader(), pid, self.fiscal_year

    def _then_read(self, change: Callable[..., Applied], args: tuple[Any, ...],
                   asked: tuple[Any, ...]) -> tuple[Applied, YearRead]:
        """On the worker: a lock or a correction, then the plan's year read there too."""
        applied = change(*args)
        return applied, read_year(*asked)

    def done(self, result: int) -> None:
        self.loading.drop()  # closed before the answer came: it is dropped
        self._closed = True  # (before it was shown: it is not shown)
        super().done(result)

    def _show_op_read(self, asked: tuple[Any, ...], read: YearRead) -> None:
        """What a lock or correction read after its change, shown if its plan and year are still the
        ones chosen (a read asked before it is older, and dropped); another plan or year chosen while
        it ran is read again, after the change."""
        if self.year.count() and (asked[2], asked[3]) == (self.plan_id, self.fiscal_year):
            self.loading.shown()
            self._show_read(read)
        else:
            self.refresh()

    def _show_read(self, read: YearRead) -> None:
        lock = read.lock
        self._owed = read.owed
        if lock is None:
            self.state.setText(self.tr("未確定（保存・取り込み・競合の解決で変更できます）"))
        else:
            self.state.setText(self.tr("確定済み: {at} {by}　{note}").format(
                at=lock.locked_at.replace("T", " ")[:16], by=lock.locked_by or "", note=lock.note))
        self.lock_button.setEnabled(lock is None)
        self.note.setEnabled(lock is None)
        for widget in (self.field, self.value, self.reason, self.correct_button):
            widget.setEnabled(lock is not None)
        self.field.blockSignals(True)
        self.field.clear()
        for label, key in read.fields:
            self.field.addItem(label, key)
        self.field.blockSignals(False)
        if read.tree is not None:
            self.window_.editor.trees.take([read.tree])
        self._show_current()
        self.model.load(read.corrections)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column but 理由 as wide as its texts (at least a date's, a figure's, a name's, empty
        or not: never squeezed to its title), 項目 at most a third of the table, the others a quarter
        (a longer text is whole in its tooltip); 理由 stretches over the rest."""
        room = self.table.viewport().width()
        fit_texts(self.table, self.model.texts, 0, max(200, room // 3), [_CorrectionModel.ITEM])
        fit_texts(self.table, self.model.texts, 0, max(160, room // 4), [
            c for c in range(self.model.columnCount()) if c not in (_CorrectionModel.ITEM, _CorrectionModel.REASON)])

    def _show_current(self) -> None:
        from kodaira_desk.services.editing import content_to_field, target_of

        key = self.field.currentData()
        if not key:
            self.current.clear()
            return
        value = content_to_field(self.window_.editor.stored(target_of(str(key))))
        self.current.setText(value or self.tr("（空欄）"))
        self.value.setPlainText(value or "")

    # ------------------------------------------------------------------ actions
    def lock(self) -> Op | None:
        from kodaira_desk.ui.window.window_api import Answer

        w, pid, title, year = self.window_, self.plan_id, self.plan.currentText(), self.fiscal_year
        if w.tasks.busy or not saving.settle_unsaved(w):
            return None
        question = self.tr(
            "「{plan}」の{y}を確定します。確定すると、この年度の値と文章は保存・取り込み・競合の解決では変わらなくなり、"
            "変更は理由を付けた修正として記録されます。確定しますか？").format(plan=title, y=year.era_label())
        owed = self._owed
        if owed:  # named first: their late values would be held, not applied
            question = self.tr("まだ提出用ファイルが返っていない課があります: {names}。確定すると、後から届いたこの年度の値は"
                               "反映されず要確認になります。").format(
                names=listed(self.tr("{d}（{state}）").format(
                    d=d, state={"未返却": self.tr("未返却"), "未記入": self.tr("未記入")}.get(state, state)) for d, state in owed)
            ) + "\n\n" + question
        # two ways, said as what each does: 「令和2年度を確定する」 or キャンセル (nothing fixed); a lock is
        # not undone, so Enter and Esc answer キャンセル (a third button, 確定しない, did what キャンセル does)
        answer = w.ask(self.tr("年度の確定"), question, self.tr("{y}を確定する(&L)").format(y=year.era_label()),
                       careful=True)
        if answer is not Answer.SAVE:
            return None
        w.ask_name()

        def done(result: tuple[Applied, YearRead]) -> None:
            applied, read = result
            w.editor.session.locked_years, w.editor.session.carried = applied.report  # type: ignore[misc]
            w.model.refresh_marks()
            w.show_current()  # the year's cells are grey now
            self.message.setText(self.tr("{y}を確定しました。").format(y=year.era_label()))
            self._show_op_read(asked, read)

        asked = self._asked()
        return w.tasks.run_op(self._then_read, (w.workspace.lock_year, (pid, year, self.note.text()),
                                                asked), done,
                              on_error=lambda exc: self.message.setText(message_of(exc)), name="lock_year")

    def correct(self) -> Op | None:
        w = self.window_
        key = self.field.currentData()
        if not key or w.tasks.busy:
            return None
        if not self.reason.text().strip():
            self.message.setText(self.tr("修正の理由を入力してください。"))
            self.reason.setFocus()
            return None
        if not saving.settle_unsaved(w):
            return None
        w.ask_name()
        label = self.field.currentText()

        def done(answer: tuple[Applied, YearRead]) -> None:
            applied, read = answer
            saving.after_round_change(w, applied)
            self.message.setText(self.tr("修正を記録しました: {item}").format(item=label))
            self.reason.clear()
            self._show_op_read(asked, read)

        text = self.value.toPlainText().strip() or None
        asked = self._asked()
        return w.tasks.run_op(self._then_read, (w.workspace.correct, (str(key), text, self.reason.text()),
                                                asked), done,
                              on_error=lambda exc: self.message.setText(message_of(exc)), name="correct")


class _CorrectionModel(_RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("_CorrectionModel", "日時"), QT_TRANSLATE_NOOP("_CorrectionModel", "項目"),
               QT_TRANSLATE_NOOP("_CorrectionModel", "変更前"), QT_TRANSLATE_NOOP("_CorrectionModel", "変更後"),
               QT_TRANSLATE_NOOP("_CorrectionModel", "理由"), QT_TRANSLATE_NOOP("_CorrectionModel", "担当者"))

    ITEM, REASON = 1, 4
    # the least each column shows, data or not (a date and time, a figure, a person's name): widths only
    _LEAST = ("2026-12-07 00:00", "1234567890", "123,456,789", "123,456,789", "", "MMMMMMMMMM")

    def texts(self, column: int) -> set[tuple[str, bool]]:
        """The column's distinct shown texts and the least it shows, for its width (fit_texts)."""
        return {(str(self.index(r, column).data()), False) for r in range(self.rowCount())} | {
            (self._LEAST[column], False)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        c = self.rows[index.row()]
        values = [c.at.replace("T", " ")[:16], c.item, c.old or "", c.new or "", c.reason, c.actor or ""]
        text = str(values[index.column()])
        return text if role == Qt.ItemDataRole.ToolTipRole or len(text) <= 50 else text[:50].replace("\n", " ") + "…"
