"""The 決算額 of a project's year under its progress form (a program year, domain.round_setting): the
費用 the program planned (read only), the 決算額 in 千円, the difference, and the reason when they
differ much (domain.yearly.differs_much).

What is typed goes to the Editor as an undoable edit like any cell: a 決算額 that does not read
(「約8千」, a negative amount) stays red as an invalid draft, is never saved, and Save lists it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from kodaira_desk.domain.entry import planned_cost
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, PlanTree
from kodaira_desk.domain.values import Absent, Measured, Value
from kodaira_desk.domain.yearly import NOTE_SHARE, differs_much
from kodaira_desk.services.editing import ProgressField, settled_content
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.invalid_drafts import CellState, InvalidDraft
from kodaira_desk.ui.message_line import WrappedLine


class SettlementBox(QGroupBox):
    """計画の費用 | 決算額（千円） | 計画との差 | 差の理由."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settlementBox")
        self.editor = editor
        self.tree: PlanTree | None = None
        self.node: Node | None = None
        self.year = FiscalYear(2021)
        self._loading = False
        self.planned = QLabel()
        self.planned.setObjectName("plannedCost")
        self.settled = QLineEdit()
        self.settled.setObjectName("settled")
        self.settled.setMaximumWidth(260)
        self.difference = WrappedLine()  # all its lines (what is asked or wrong) at any size
        self.difference.setObjectName("settledDifference")
        self.note = QLineEdit()
        self.note.setObjectName("settledNote")
        self.planned_label, self.settled_label = QLabel(), QLabel()
        self.difference_label, self.note_label = QLabel(), QLabel()
        form = QFormLayout(self)
        # a label above its box when both do not fit side by side (English at 150 %: the page
        # scrolled sideways at 1366×768, the tester's C6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.planned_label, self.planned)
        form.addRow(self.settled_label, self.settled)
        form.addRow(self.difference_label, self.difference)
        form.addRow(self.note_label, self.note)
        for label, box in ((self.settled_label, self.settled), (self.note_label, self.note)):
            label.setBuddy(box)  # Alt+G, Alt+J (in English Alt+U, Alt+O)
        QWidget.setTabOrder(self.settled, self.note)
        self.settled.textEdited.connect(self._on_settled_edited)
        self.note.textEdited.connect(self._on_note_edited)
        editor.changed.connect(self._on_editor_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("決算額"))
        self.planned_label.setText(self.tr("計画の費用"))
        self.settled_label.setText(self.tr("決算額（千円）(&G)"))
        self.difference_label.setText(self.tr("計画との差"))
        self.note_label.setText(self.tr("差の理由(&J)"))
        self.settled.setPlaceholderText(self.tr("千円単位（例: 8,120）。支出なしは「—」"))
        self._fit_hint()
        self.note.setPlaceholderText(self.tr("計画と{n}割以上違うときに書きます").format(n=int(NOTE_SHARE * 10)))
        a11y.name(self.settled, self.settled_label.text())
        a11y.name(self.note, self.note_label.text())
        if self.node is not None:
            self._show()
        else:
            self._describe()

    def _describe(self) -> None:
        """What a screen reader says after each box's name: the hint, the planned 費用, the difference
        and what is wrong or asked (shown in colour and words beside the boxes)."""
        said = [self.planned_label.text() + ": " + self.planned.text() if self.planned.text() else "",
                self.difference_label.text() + ": " + self.difference.text() if self.difference.text() else ""]
        for box in (self.settled, self.note):
            a11y.describe(box, "　".join(part for part in (box.placeholderText(), *said) if part))

    def _fit_hint(self) -> None:
        """The amount's box as wide as its hint at least (in English, or at 150 %, it was cut at 260 px)."""
        metrics = self.settled.fontMetrics()
        wide = metrics.horizontalAdvance(self.settled.placeholderText()) + 2 * metrics.averageCharWidth() + 12
        self.settled.setMaximumWidth(max(260, wide))
        self.settled.setMinimumWidth(min(wide, 480))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 表示 > 文字の大きさ
            self._fit_hint()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._keep_rows_whole()

    def _keep_rows_whole(self) -> None:
        """As tall as its rows at its width, at least: a row whose label went above its box (too
        narrow for both side by side) is a line taller, and the form above (in a splitter, which
        does not ask a height for a width) gave the box its side-by-side height: the amount's box
        was squeezed to a sliver."""
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def field(self, part: str) -> ProgressField:
        assert self.node is not None
        return ProgressField(self.node.plan_id, self.node.key, self.year.year, part)

    def load(self, tree: PlanTree, node: Node, year: FiscalYear) -> None:
        self.tree, self.node, self.year = tree, node, year
        self._show()

    def _unit(self) -> str:
        return self.node.budget.unit if self.node is not None and self.node.budget else "千円"

    def _show(self) -> None:
        assert self.node is not None
        self._loading = True
        try:
            cost = planned_cost(self.node, self.year)
            unit = self._unit()
            self.planned.setText(self.tr("{y}: {v}").format(
                y=self.year.era_label(), v=f"{cost} {unit}" if isinstance(cost, Measured) else
                str(cost) if cost is not None else self.tr("（計画に費用の記載なし）")))
            state = self.editor.state(self.field("settled"))
            if isinstance(state, InvalidDraft):
                text, invalid = state.text, True
            else:
                text, invalid = (str(state) if state is not None else ""), False
            if self.settled.text() != text:
                self.settled.setText(text)
            theme.tint(self.settled, "invalid_field" if invalid else "")
            self.settled.setToolTip(state.message if isinstance(state, InvalidDraft) else "")
            note = self.editor.content(self.field("settled_note"))
            note_text = note if isinstance(note, str) else ""
            if self.note.text() != note_text:
                self.note.setText(note_text)
            self._show_difference(cost, state if isinstance(state, (Measured, Absent)) else None, note_text)
            if isinstance(state, InvalidDraft):  # in words too, not in red alone
                self.difference.setText(self.tr("× 読み取れません: {m}").format(m=state.message))
                theme.tint(self.difference, "error_plain")
            locked = self.editor.locked_reason(self.field("settled"))
            for w in (self.settled, self.note):
                w.setReadOnly(locked is not None)
                w.setToolTip(locked or w.toolTip())
            self._describe()
        finally:
            self._loading = False

    def _show_difference(self, cost: Value | None, settled: Value | None, note: str) -> None:
        if settled is None:
            self.difference.setText("")
            return
        text = ""
        if isinstance(cost, Measured) and isinstance(settled, Measured):
            diff = settled.number - cost.number
            share = f"（{diff / cost.number * 100:+.1f}%）" if cost.number else ""
            text = f"{'+' if diff > 0 else ''}{Measured(diff)} {self._unit()}{share}"
        if differs_much(cost, settled):
            planned = isinstance(cost, Measured) and cost.number != 0
            ask = (self.tr("計画と{n}割以上違います。差の理由を書いてください。").format(n=int(NOTE_SHARE * 10))
                   if planned else self.tr("計画に費用のない年の支出です。理由を書いてください。"))
            done = bool(note.strip())
            theme.tint(self.difference, "" if done else "error_plain")
            text = f"{text}　{ask}" if not done else text
        else:
            theme.tint(self.difference, "")
        self.difference.setText(text)

    def _on_settled_edited(self, text: str) -> None:
        if self._loading or self.node is None:
            return
        state: CellState
        if not text.strip():
            state = None
        else:
            try:
                state = settled_content(text)
            except DomainError as exc:
                state = InvalidDraft.of(text, exc)  # the 事業 and year are the cell's `what`
        self.editor.set(self.field("settled"), state, self.tr("決算額の入力"),
                        what=self.tr("{n} {y} 決算額").format(n=self.node.title, y=self.year.era_label()), merge=True)

    def _on_note_edited(self, text: str) -> None:
        if self._loading or self.node is None:
            return
        self.editor.set(self.field("settled_note"), text or None, self.tr("差の理由の入力"), merge=True)

    def _on_editor_changed(self, target: object) -> None:
        if self._loading or self.node is None or not isinstance(target, ProgressField):
            return
        if target.node_key == self.node.key and target.year == self.year.year:
            self._show()

    def invalid_messages(self) -> list[str]:
        if self.node is None:
            return []
        state = self.editor.state(self.field("settled"))
        return [state.message] if isinstance(state, InvalidDraft) else []
