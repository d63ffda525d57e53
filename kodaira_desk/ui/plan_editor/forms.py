"""Forms of the plan editor: a new plan (or the next period), an indicator, a target revision."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import (
    DepartmentLink,
    DocumentKind,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    PlanTree,
    Role,
    ValueKind,
)
from kodaira_desk.domain.plan_structure import split_list
from kodaira_desk.domain.targets import target_versions
from kodaira_desk.services.plan_editing import (
    IndicatorDraft,
    NewPlan,
    PlanEditError,
    indicator_notes,
    new_indicator_defaults,
    next_title,
)
from kodaira_desk.ui import a11y, screen_fit, theme
from kodaira_desk.ui.message_line import ElidedLabel, WrappedLine

SHOWN_YEARS = 4  # the targets' years shown without scrolling: a program's four (令和3〜6年度)

def _year_combo(years: list[FiscalYear], current: FiscalYear | None) -> QComboBox:
    box = QComboBox()
    for y in years:
        box.addItem(y.era_label(), y.year)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current.year)))
    return box


def ok_cancel(dialog: QDialog, ok_text: str, ok_name: str) -> QDialogButtonBox:
    """The dialog's two buttons: `ok_text` accepts, キャンセル rejects."""
    buttons = QDialogButtonBox()
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName(ok_name)
    buttons.addButton(a11y.with_mnemonic(dialog.tr("キャンセル"), "C"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewPlanDialog(QDialog):
    """新しい計画 (copy_from None) or 次期計画 (started from an existing plan)."""

    def kind_labels(self) -> dict[DocumentKind, str]:
        """The documents a new plan may have, each with its own key (whole strings for the .ts file)."""
        return {
            DocumentKind.STRATEGY: self.tr("計画書(&1)"),
            DocumentKind.PROGRESS_LIST: self.tr("進捗状況一覧表(&2)"),
            DocumentKind.KPI_STATUS: self.tr("達成状況（数値目標・KPI一覧）(&3)"),
            DocumentKind.PLAN_SHEETS: self.tr("取組項目シート(&4)"),
            DocumentKind.PROGRAM: self.tr("実行プログラム(&5)"),
        }

    def __init__(self, copy_from: PlanTree | None, this_year: FiscalYear, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPlanDialog")
        self.copy_from = copy_from
        self.setWindowTitle(self.tr("次期計画の作成") if copy_from else self.tr("新しい計画"))
        years = fiscal_years(FiscalYear(this_year.year - 10), FiscalYear(this_year.year + 15))
        start = copy_from.plan.period_to.next() if copy_from else this_year
        self.plan_id = QLineEdit(f"{copy_from.plan.id}-next" if copy_from else "")
        self.plan_id.setObjectName("newPlanId")
        self.title = QLineEdit()
        self.title.setObjectName("newPlanTitle")
        self.first = _year_combo(years, start)
        self.first.setObjectName("newPlanFirst")
        self.last = _year_combo(years, FiscalYear(start.year + 4))
        self.last.setObjectName("newPlanLast")
        self._titled = ""  # the old title with the new period (as `plan copy` names it), following the
        if copy_from is not None:  # period chosen until the person types a title of their own
            self._title_period()
            self.first.currentIndexChanged.connect(self._title_period)
            self.last.currentIndexChanged.connect(self._title_period)
        self.levels = QLineEdit("／".join(copy_from.plan.levels) if copy_from else "基本目標／施策")
        self.levels.setObjectName("newPlanLevels")
        self.kinds: dict[DocumentKind, QCheckBox] = {}
        kinds_box = QVBoxLayout()
        for kind, label in self.kind_labels().items():
            box = QCheckBox(label)
            box.setObjectName(f"newPlanKind_{kind.value}")
            box.setChecked(kind is DocumentKind.STRATEGY)
            self.kinds[kind] = box
            kinds_box.addWidget(box)
        self.baselines = QCheckBox(self.tr("最新の実績（なければ元の基準値）を新しい基準値にする(&B)"))
        self.baselines.setObjectName("newPlanBaselines")
        notes = len(copy_from.footnotes) if copy_from else 0
        self.footnotes = QCheckBox(self.tr("表の注記（※）を引き継ぐ（{n} 件）(&F)").format(n=notes))
        self.footnotes.setObjectName("newPlanFootnotes")
        self.footnotes.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("計画ID（半角英数字）(&I)"), self.plan_id)
        form.addRow(self.tr("計画名(&T)"), self.title)
        period = QHBoxLayout()
        period.addWidget(self.first)
        period.addWidget(QLabel("～"))
        period.addWidget(self.last)
        form.addRow(self.tr("計画期間(&E)"), period)
        if copy_from is None:
            form.addRow(self.tr("階層の名前（／で区切る）(&L)"), self.levels)
            form.addRow(self.tr("資料の種類"), kinds_box)
        else:
            form.addRow(self.tr("元の計画"), QLabel(copy_from.plan.title))
            form.addRow("", self.baselines)
            if notes:
                form.addRow("", self.footnotes)
        a11y.name_form(form)
        a11y.name(self.last, self.tr("計画期間の最後の年度"))
        a11y.name(self.first, self.tr("計画期間の最初の年度"))
        buttons = ok_cancel(self, self.tr("作成する(&M)"), "newPlanCreate")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        screen_fit.fit(self)

    def _title_period(self) -> None:
        if self.copy_from is None or self.title.text() != self._titled:
            return
        self._titled = next_title(self.copy_from.plan.title, FiscalYear(int(self.first.currentData())),
                                  FiscalYear(int(self.last.currentData())))
        self.title.setText(self._titled)

    def new_plan(self) -> NewPlan:
        return NewPlan(self.plan_id.text().strip(), self.title.text().strip(),
                       FiscalYear(int(self.first.currentData())), FiscalYear(int(self.last.currentData())),
                       split_list(self.levels.text()),
                       tuple(k for k, box in self.kinds.items() if box.isChecked()))


class RevisionDialog(QDialog):
    """目標の再設定: the year, the new target, and why."""

    def __init__(self, indicator: Indicator, years: list[FiscalYear], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionDialog")
        self.setWindowTitle(self.tr("目標の再設定"))
        self.year = _year_combo(years, years[-1] if years else None)
        self.year.setObjectName("revisionYear")
        self.value = QLineEdit()
        self.value.setObjectName("revisionValue")
        self.reason = QLineEdit()
        self.reason.setObjectName("revisionReason")
        form = QFormLayout()
        form.addRow(self.tr("指標"), QLabel(indicator.name))
        form.addRow(self.tr("年度"), self.year)
        form.addRow(self.tr("新しい目標"), self.value)
        form.addRow(self.tr("再設定の理由"), self.reason)
        a11y.name_form(form)
        buttons = ok_cancel(self, self.tr("再設定する(&R)"), "revisionOk")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        screen_fit.fit(self)

    def chosen_year(self) -> FiscalYear:
        return FiscalYear(int(self.year.currentData()))


class IndicatorForm(QGroupBox):
    """One indicator: load(), collect(); the editor saves it through a command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorForm")
        self.name = QLineEdit()
        self.name.setObjectName("indicatorName")
        self.number = QLineEdit()  # a new one's: the next among its item's (numbering.py)
        self.number.setObjectName("indicatorNumber")
        self.number.setMaximumWidth(self.fontMetrics().horizontalAdvance("（００）") + 16)
        self._new_kind = IndicatorKind.KPI  # a new one's: its siblings' (numbering.py)
        self.unit = QLineEdit()
        self.unit.setObjectName("indicatorUnit")
        self.unit.setMaximumWidth(90)
        self.cumulative = QCheckBox(self.tr("累計(&C)"))
        self.cumulative.setObjectName("indicatorCumulative")
        self.part_of = QComboBox()
        self.part_of.setObjectName("indicatorPartOf")
        self.lead = QComboBox()
        self.lead.setEditable(True)
        self.lead.setObjectName("indicatorLead")
        self.new_lead = QPushButton(self.tr("新しい課(&K)…"))
        self.new_lead.setObjectName("indicatorLeadNew")
        self.proposal = WrappedLine()  # 「所管課未設定」, and the 課 proposed (the 施策's first 主要事業's)
        self.proposal.setObjectName("indicatorProposal")
        self.use_proposal = QPushButton(self.tr("提案の課にする(&O)"))
        self.use_proposal.setObjectName("indicatorUseProposal")
        self.use_proposal.clicked.connect(lambda: self.lead.setCurrentText(self._proposed or ""))
        self._proposed: str | None = None
        self.use_proposal.setVisible(False)  # shown with a proposal (propose())
        self.related = QLineEdit()
        self.related.setObjectName("indicatorRelated")
        self.source = QLineEdit()
        self.source.setObjectName("indicatorSource")
        self.baseline = QLineEdit()
        self.baseline.setObjectName("indicatorBaseline")
        self.baseline_year = QComboBox()
        self.baseline_year.setObjectName("indicatorBaselineYear")
        self.baseline_year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never cut at 150 %
        self.baseline_as_of = QLineEdit()
        self.baseline_as_of.setObjectName("indicatorBaselineAsOf")
        self.baseline_as_of.setPlaceholderText(self.tr("基準日（例: 令和6年4月1日現在）"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("indicatorNotes")
        self.notes.setPlaceholderText(self.tr("1行に1つ（例: ※1 隔年の調査のため、偶数年度のみ）"))
        self.notes.setMaximumHeight(64)
        self.notes.setTabChangesFocus(True)  # Tab moves on to the buttons: no keyboard trap
        self.tree: PlanTree | None = None
        self.targets: dict[FiscalYear, QLineEdit] = {}
        self.revised: dict[FiscalYear, ElidedLabel] = {}
        self.grid = QGridLayout()
        base = QHBoxLayout()
        base.addWidget(self.baseline)
        base.addWidget(self.baseline_year)
        base.addWidget(self.baseline_as_of, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("指標名"), self.name)
        form.addRow(self.tr("番号"), self._number_row())
        form.addRow(self.tr("内数（親の指標）"), self.part_of)
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead, 1)
        lead_row.addWidget(self.new_lead)
        form.addRow(self.tr("所管課"), lead_row)
        self._proposal_row = QHBoxLayout()
        self._proposal_row.addWidget(self.proposal, 1)
        self._proposal_row.addWidget(self.use_proposal)
        form.addRow("", self._proposal_row)
        form.setRowVisible(self._proposal_row, False)  # shown by propose() when it has something to say
        self._form = form
        form.addRow(self.tr("関連課（、で区切る）"), self.related)
        form.addRow(self.tr("調査・出典"), self.source)
        form.addRow(self.tr("基準値"), base)
        form.addRow(self.tr("目標"), self._targets_area())
        form.addRow(self.tr("注記"), self.notes)
        self._name_fields(form)
        self.indicator: Indicator | None = None
        self._before: QWidget | None = None  # what Tab comes from before this form (order_tabs)
        self._after: Sequence[QWidget | None] = ()

    def _number_row(self) -> QHBoxLayout:
        """番号, 単位 and 累計 under the name (the name a row of its own: beside 単位 and 累計 it was left
        ~110 px at 1366×768 in English, its start cut off: tester)."""
        row = QHBoxLayout()
        row.addWidget(self.number)
        unit_label = QLabel(self.tr("単位"))
        unit_label.setBuddy(self.unit)
        row.addWidget(unit_label)
        row.addWidget(self.unit)
        row.addWidget(self.cumulative)
        row.addStretch(1)
        return row

    def _targets_area(self) -> QScrollArea:
        """The targets' rows (one a year) scroll: a plan of many years made the editor taller than a
        1366×768 screen, and switching to it resized and repainted the whole editor (issue 27)."""
        rows = QWidget()
        rows.setLayout(self.grid)
        area = QScrollArea()
        area.setObjectName("indicatorTargets")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the boxes are the stops (scrolled into view)
        area.setWidget(rows)
        a11y.name_scroll_bars(area, self.tr("目標"))  # (shown when the years do not fit: read by name)
        self.grid.setContentsMargins(0, 0, 0, 0)  # (the boxes in line with the form's other fields)
        self._targets = area
        return area

    def _name_fields(self, form: QFormLayout) -> None:
        """Each field named by its row's label; the several of a row each by its own name (issue 28)."""
        a11y.name_form(form)
        a11y.name(self.name, self.tr("指標名"))
        a11y.name(self.number, self.tr("指標の番号"), self.tr("資料に「1」「2」のように印刷される番号です。"
                                                          "新しい指標には同じ項目の次の番号が入ります。"))
        a11y.name(self.unit, self.tr("単位"))
        a11y.name(self.baseline, self.tr("基準値"))
        a11y.name(self.baseline_year, self.tr("基準値の年度"))
        a11y.name(self.baseline_as_of, self.tr("基準日"), self.baseline_as_of.placeholderText())
        a11y.describe(self.notes, self.notes.placeholderText())

    def _target_rows(self, years: list[FiscalYear]) -> None:
        """A row a year: its label, its box, a 再設定's note. The rows there already are kept (their
        year's names given again), the others made or dropped (issue 27: all made anew, their
        polish, layout and first paint were most of the editor's refill after 取り込む)."""
        kept = list(zip(self.targets.values(), self.revised.values(), strict=True))
        for row in range(len(years), len(kept)):
            for column in range(3):
                item = self.grid.itemAtPosition(row, column)
                w = item.widget() if item else None
                if w is not None:
                    self.grid.removeWidget(w)
                    w.setParent(None)  # gone now, not at the next event loop turn
                    w.deleteLater()
        self.targets.clear()
        self.revised.clear()
        # a 再設定's note beside a box (再設定: 25人（国の基準の変更）) is cut to its column; the boxes
        # keep room for a figure (they shrank to ~20 px when a long note took the row)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 2)
        wide = self.fontMetrics().horizontalAdvance("1,234,567.8人") + 16
        for i, y in enumerate(years):
            if i < len(kept):
                edit, note = kept[i]
                item = self.grid.itemAtPosition(i, 0)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel):
                    label.setText(y.era_label())
            else:
                edit, note, label = QLineEdit(), ElidedLabel(), QLabel(y.era_label())
                edit.setMinimumWidth(wide)
                label.setBuddy(edit)
                self.grid.addWidget(label, i, 0)
                self.grid.addWidget(edit, i, 1)
                self.grid.addWidget(note, i, 2)
            edit.setObjectName(f"target_{y.year}")
            note.setObjectName(f"revised_{y.year}")
            a11y.name(edit, self.tr("{year}の目標").format(year=y.era_label()))
            self.targets[y] = edit
            self.revised[y] = note
        # up to four years (a program's) are shown whole, never scrolled: room is taken from the
        # rest of the editor; a longer plan's scroll from the fifth
        shown = min(len(years), SHOWN_YEARS)
        row = max([e.sizeHint().height() for e in self.targets.values()], default=0)
        self._targets.setMinimumHeight(shown * row + max(shown - 1, 0) * self.grid.verticalSpacing())
        self._order_tabs()

    def order_tabs(self, before: QWidget, after: Sequence[QWidget | None]) -> None:
        """Tab comes from `before` into this form, through it in reading order, then to `after`."""
        self._before, self._after = before, after
        self._order_tabs()

    def _order_tabs(self) -> None:
        # the targets' boxes are made when a plan is loaded, after the rest: put them in their row
        if self._before is None:
            return
        fields = [self.name, self.number, self.unit, self.cumulative, self.part_of, self.lead, self.new_lead, self.use_proposal,
                  self.related, self.source,
                  self.baseline, self.baseline_year, self.baseline_as_of, *self.targets.values(), self.notes]
        a11y.tab_order(self._before, *fields, *[w for w in self._after if w is not None])

    def set_plan(self, tree: PlanTree, departments: list[str]) -> None:
        self.tree = tree
        # the plan period, and any later year the plan has targets for (003's R2 after H27-R1)
        last = max([tree.plan.period_to] + [v.year for i in tree.indicators for v in i.values
                                            if v.kind is ValueKind.TARGET])
        years = fiscal_years(tree.plan.period_from, last)
        if list(self.targets) != years:
            self._target_rows(years)
        self.baseline_year.clear()
        for y in fiscal_years(FiscalYear(tree.plan.period_from.year - 5), tree.plan.period_to):
            self.baseline_year.addItem(y.era_label(), y.year)
        self.baseline_year.setCurrentIndex(max(0, self.baseline_year.findData(tree.plan.period_from.year - 1)))
        self.part_of.clear()
        self.part_of.addItem(self.tr("（内数ではない）"), None)
        for ind in tree.indicators:
            self.part_of.addItem(ind.name, ind.key)
        self.lead.clear()
        self.lead.addItem("")
        self.lead.addItems(departments)

    def load(self, ind: Indicator | None, node_key: str | None = None) -> None:
        """`ind`, or a new indicator of the item `node_key` (its number and kind: its siblings')."""
        self.indicator = ind
        self.name.setText(ind.name if ind else "")
        number, self._new_kind = (new_indicator_defaults(self.tree, node_key)
                                  if ind is None and node_key and self.tree and self.tree.has_node(node_key)
                                  else (None, IndicatorKind.KPI))
        self.number.setText((ind.number if ind else number) or "")
        self.unit.setText(ind.unit if ind else "")
        self.cumulative.setChecked(bool(ind and ind.cumulative))
        self.part_of.setCurrentIndex(max(0, self.part_of.findData(ind.part_of if ind else None)))
        leads = [d.department for d in ind.departments if d.role is Role.LEAD] if ind else []
        self.lead.setCurrentText(leads[0] if leads else "")
        self.related.setText("、".join(d.department for d in ind.departments if d.role is Role.RELATED)
                             if ind else "")
        self.source.setText((ind.source or "") if ind else "")
        base = ind.values_of(ValueKind.BASELINE) if ind else []
        self.baseline.setText(str(base[0].value) if base else "")
        self.baseline_as_of.setText((base[0].as_of or "") if base else "")
        if base:
            self.baseline_year.setCurrentIndex(max(0, self.baseline_year.findData(base[0].year.year)))
        notes = indicator_notes(self.tree, ind.key) if ind and self.tree else ()
        self.notes.setPlainText("\n".join(f"{m} {t}" if m else t for m, t in notes))
        for y, edit in self.targets.items():
            versions = target_versions(ind, y) if ind else []
            adopted = [v for v in versions if v.revision.value in ("", "original")]
            edit.setText(str(adopted[0].value) if adopted else "")
            later = [v for v in versions if v.revision.value in ("revised", "reset")]
            note = self.revised[y]
            note.set_full_text(self._later_label(later[-1]) if later else "")
            # no 再設定: nothing to read; an empty label on the bus was read as an unnamed one (AT-SPI walk)
            note.setVisible(bool(later))
        self._loaded = self._fields()

    def _fields(self) -> tuple[object, ...]:
        """What the form's fields show now, to tell typing from what was loaded."""
        return (self.name.text(), self.number.text(), self.unit.text(), self.cumulative.isChecked(), self.part_of.currentIndex(),
                self.lead.currentText(), self.related.text(), self.source.text(), self.baseline.text(),
                self.baseline_as_of.text(), self.baseline_year.currentIndex(), self.notes.toPlainText(),
                tuple(e.text() for e in self.targets.values()))

    def typed(self) -> bool:
        """Fields changed since the indicator (or the empty new one) was loaded, not saved yet."""
        return self._fields() != getattr(self, "_loaded", self._fields())

    def propose(self, department: str | None, *, own: bool = False) -> None:
        """Show 「所管課未設定」 for an indicator without a 所管課, with the 課 the rule proposes (the
        施策's first 主要事業's; `own`: the item's own 課, for an item with nothing under it) and a button
        that chooses it (for a new indicator too)."""
        self._proposed = department
        ind = self.indicator
        has_lead = bool(ind and any(d.role is Role.LEAD for d in ind.departments))
        if has_lead:
            self.proposal.setText("")
            theme.tint(self.proposal, "")
        elif ind is None:
            self.proposal.setText(self._proposal_text(department, own) if department else "")
            theme.tint(self.proposal, "muted")
        else:
            text = self.tr("所管課未設定")
            if department:
                text += "　" + self._proposal_text(department, own)
            text += "\n" + self.unled_meaning(ind)
            self.proposal.setText(text)
            theme.tint(self.proposal, "error_plain")
        a11y.describe(self.lead, self.proposal.text())  # read with the box, not only shown under it
        self.use_proposal.setVisible(bool(department) and not has_lead and self.lead.currentText() != department)
        self._form.setRowVisible(self._proposal_row, bool(self.proposal.text()))  # no empty line's gap

    def unled_meaning(self, ind: Indicator | IndicatorDraft | None, *, saved: bool = False) -> str:
        """What an indicator without a 所管課 means for the round, only the parts that apply ("" when a 課
        leads it): a 成果指標 is named at the hand-out, a KPI/数値目標 is 政策課's to fill (asked of no
        課); with no 目標 either, the board counts it in no year (yearly.unassigned, asks_indicator).
        `saved`: said as the editor's message after 指標を保存."""
        if ind is None or any(d.role is Role.LEAD for d in ind.departments):
            return ""
        parts = [self.tr("所管課なしで保存しました。")] if saved else []
        if self.tree is None or self.tree.plan.round.indicators:
            parts.append(self.tr("所管課のない成果指標は、配布のときに名前を挙げて確認します（決めなければ、どの課にも尋ねません）。")
                         if ind.kind is IndicatorKind.OUTCOME else
                         self.tr("所管課のない指標は各課に尋ねません（政策課が入力）。"))
        if not (any(t.strip() for t in ind.targets.values()) if isinstance(ind, IndicatorDraft)
                else any(v.kind is ValueKind.TARGET for v in ind.values)):
            parts.append(self.tr("目標値がなければ進捗ボードにも数えません。"))
        return "".join(parts)

    def _proposal_text(self, department: str, own: bool) -> str:
        if own:
            return self.tr("提案: {d}（この項目の担当課）").format(d=department)
        return self.tr("提案: {d}（施策の最初の主要事業の担当課）").format(d=department)

    def _later_label(self, v: IndicatorValue) -> str:
        """再設定 (typed here, with its reason) or 改訂後 (a later document's target)."""
        if v.revision.value == "reset":
            if v.note:
                return self.tr("再設定: {value}（{reason}）").format(value=str(v.value), reason=v.note)
            return self.tr("再設定: {value}").format(value=str(v.value))
        return self.tr("改訂後: {value}").format(value=str(v.value))

    def collect(self, node_key: str) -> IndicatorDraft:
        links = []
        lead = self.lead.currentText().strip()
        if lead:
            links.append(DepartmentLink(lead, Role.LEAD))
        for name in split_list(self.related.text()):
            links.append(DepartmentLink(name, Role.RELATED))
        part_of = self.part_of.currentData()
        ind = self.indicator
        targets = {y: e.text() for y, e in self.targets.items()}
        try:
            year = FiscalYear(int(self.baseline_year.currentData())) if self.baseline_year.count() else None
        except DomainError as exc:  # pragma: no cover - the combo holds valid years
            raise PlanEditError(exc.message) from exc
        return IndicatorDraft(
            node_key=ind.node_key if ind else node_key, name=self.name.text(), unit=self.unit.text(),
            kind=ind.kind if ind else self._new_kind,
            number=self.number.text().strip() or None, cumulative=self.cumulative.isChecked(),
            part_of=part_of if isinstance(part_of, str) else None, source=self.source.text(),
            departments=tuple(links), baseline=self.baseline.text(), baseline_year=year,
            baseline_as_of=self.baseline_as_of.text().strip() or None, targets=targets)
