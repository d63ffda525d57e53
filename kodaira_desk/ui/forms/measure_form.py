"""The progress form under the node page's first tab: status and 実施等状況 (the program's 実施内容:
the word is the plan's, domain.round_setting) of the entry year, and a project's 決算額 when the
plan's round asks for it (ui/settlement_box.py).

Kept apart from `ui/forms.py` so that the window starts without it: the node page builds it the
first time a measure is selected.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.entry import STATUS_CHOICES, expects_progress
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, PlanTree
from kodaira_desk.services.editing import ProgressField
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.clipboard import quoted_cell
from kodaira_desk.ui.forms.rich_text import rich_html
from kodaira_desk.ui.i18n import sentence
from kodaira_desk.ui.message_line import WrappedLine

if TYPE_CHECKING:
    from kodaira_desk.ui.forms.settlement_box import SettlementBox


class NarrativeEdit(QPlainTextEdit):
    """The 実施等状況 editor: Tab moves on (Ctrl+Tab writes a tab); Enter on a 「・」 line starts the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab is the window's "next pane" elsewhere; here it keeps writing a tab (F6 moves on)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return True
        return super().event(event)

    def _own_bullet(self, text: str, insert: Callable[[], None]) -> None:
        """`insert` the text; text with its own 「・」 coming onto a line Enter began with 「・」: that
        「・」 gives way (no 「・・」), in the same undo step as the text (Ctrl+Z showed the line
        without any 「・」, which the clerk never saw)."""
        cursor = self.textCursor()
        if not (text.startswith("・") and cursor.block().text() == "・" and cursor.atBlockEnd()
                and not cursor.hasSelection()):
            insert()
            return
        cursor.beginEditBlock()  # (the document's: the widget's own cursor inserts inside it)
        try:
            cursor.deletePreviousChar()
            self.setTextCursor(cursor)
            insert()
        finally:
            cursor.endEditBlock()

    def insertFromMimeData(self, source: QMimeData) -> None:  # a paste, a drop
        if source.hasText():
            cell = quoted_cell(source.text())
            if cell is not None:  # one spreadsheet cell: its text, not the clipboard's quotes around it
                source = QMimeData()
                source.setText(cell)
            self._own_bullet(source.text(), lambda: super(NarrativeEdit, self).insertFromMimeData(source))
            return
        super().insertFromMimeData(source)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # typed through the input method
        self._own_bullet(event.commitString(), lambda: super(NarrativeEdit, self).inputMethodEvent(event))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text().startswith("・"):
            self._own_bullet(event.text(), lambda: super(NarrativeEdit, self).keyPressEvent(event))
            return
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.insertPlainText("\t")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            if line.startswith("・") and self.textCursor().atBlockEnd():
                if line == "・":  # Enter on an empty bullet ends the list, as word processors do
                    cursor = self.textCursor()
                    cursor.deletePreviousChar()
                    self.setTextCursor(cursor)
                    return
                self.insertPlainText("\n・")
                return
        super().keyPressEvent(event)


class MeasureForm(QWidget):
    """Status and 実施等状況 of the entry year (and a project's 決算額), with the earlier years beside it."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.tree: PlanTree | None = None
        self.node: Node | None = None
        self.year = FiscalYear(2020)
        self._loading = False
        self._handed = {"status": "", "narrative": ""}  # what each box last gave the Editor or showed

        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.setEditable(True)
        self.status.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status.setMinimumWidth(180)
        self.narrative = NarrativeEdit()
        self.narrative.setObjectName("narrative")
        self.narrative.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.narrative_label = QLabel()
        self.status_label = QLabel()
        self.locked_note = WrappedLine()  # a 確定済み year: why its boxes take nothing (as the KPI grid says)
        self.locked_note.setObjectName("measureLocked")
        theme.tint(self.locked_note, "note")
        self.locked_note.setVisible(False)
        self.hint = WrappedLine()  # its lines counted in the form's height (at 150 % the 決算額 box was squeezed)
        theme.tint(self.hint, "muted")
        from kodaira_desk.ui.round.carried import CarriedNote

        self.carried = CarriedNote(editor)  # a text carried over from the year before (issue 24)
        self.history = QTextBrowser()
        self.history.setObjectName("history")
        self.history_label = QLabel()
        self.settlement: SettlementBox | None = None  # built for the first project that reports one
        self._narrative_word = "実施等状況"

        left = QWidget()
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.locked_note)
        form.addRow(self.status_label, self.status)
        form.addRow(self.narrative_label)
        form.addRow(self.narrative)
        form.addRow(self.carried)
        form.addRow(self.hint)
        from kodaira_desk.ui.notes.field_notes import NotesStrip  # notes, questions, evidence (issue 25)

        self.notes_strip = NotesStrip(editor)
        form.addRow(self.notes_strip)
        self._form = form
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.history_label)
        rl.addWidget(self.history)
        for label, widget in ((self.status_label, self.status), (self.narrative_label, self.narrative),
                              (self.history_label, self.history)):
            label.setBuddy(widget)  # Alt+its letter goes to the field
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(split)

        self.status.currentTextChanged.connect(self._on_status_changed)
        self.status.editTextChanged.connect(self._on_status_changed)
        self.narrative.textChanged.connect(self._on_narrative_changed)
        editor.changed.connect(self._on_editor_changed)
        editor.watch_input(self)  # the gate takes what the two boxes hold (OpenInput)
        self.retranslate()

    def retranslate(self) -> None:
        self.status_label.setText(self.tr("進捗状況(&S)"))
        self.hint.setText(self.tr("1行に1項目。「・」で始まる行は箇条書き、《》の行は小見出しになります。"))
        a11y.name(self.status, self.status_label.text(), self.tr("一覧から選ぶか、状況を入力します。"))
        self._label_year()

    def _word(self) -> str:
        """実施等状況 or 実施内容: the plan's word for the narrative, in the window's language."""
        return self.tr("実施内容") if self._narrative_word == "実施内容" else self.tr("実施等状況")

    def _label_year(self) -> None:
        """The narrative's and the history's labels (and names): the year's, in the plan's word."""
        self.narrative_label.setText(sentence(self.tr("{year}の{word}(&N)").format(
            year=self.year.era_label(), word=self._word())))
        a11y.name(self.narrative, self.narrative_label.text(), self.hint.text())
        self.history_label.setText(self.tr("これまでの{word}（参照のみ）(&K)").format(word=self._word()))
        a11y.name(self.history, self.history_label.text(), self.tr("前の年度の記録（新しい年度から）。"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_history()  # (「(nothing recorded)」 stayed after 日本語 until the node changed)
        super().changeEvent(event)

    def _field(self, name: str) -> ProgressField:
        assert self.node is not None
        return ProgressField(self.node.plan_id, self.node.key, self.year.year, name)

    def load(self, tree: PlanTree, node: Node, year: FiscalYear) -> None:
        self._loading = True
        try:
            self.tree, self.node, self.year = tree, node, year
            self._narrative_word = tree.plan.round.narrative_label  # (labelled with the year below)
            self._load_settlement(tree, node, year)
            statuses = list(STATUS_CHOICES)
            for p in tree.progress:
                if p.status and p.status not in statuses:
                    statuses.append(p.status)
            self.status.clear()
            self.status.addItems(statuses)
            self._show_field_values()
            self._label_year()
            self.carried.show_for(self._field("narrative"))
            self.notes_strip.load(node, year, self._narrative_word)
            self._show_history()
        finally:
            self._loading = False

    def _show_history(self) -> None:
        """The earlier years' texts, or 「（記録はありません）」 in the language now in use."""
        if self.tree is None or self.node is None:
            return
        earlier = [p for p in self.tree.progress_of(self.node.key) if p.year != self.year]
        if earlier:
            self.history.setHtml("".join(
                f"<h4 style='margin:8px 0 2px 0'>【{p.year.era_label()}】"
                f"{html.escape(p.status or '')}</h4>{rich_html(p.narrative)}"
                for p in sorted(earlier, key=lambda p: p.year, reverse=True)))
        else:
            self.history.setPlainText(self.tr("（記録はありません）"))

    def _load_settlement(self, tree: PlanTree, node: Node, year: FiscalYear) -> None:
        """The 決算額 under the narrative, for a project of a plan whose round asks for it."""
        wanted = tree.plan.round.settlement and expects_progress(tree, node)
        if wanted and self.settlement is None:
            from kodaira_desk.ui.forms.settlement_box import SettlementBox

            self.settlement = SettlementBox(self.editor)
            # above the notes (issue 25); PySide6's stubs type the (row, role) it returns as object
            row, _role = cast("tuple[int, QFormLayout.ItemRole]", self._form.getWidgetPosition(self.notes_strip))
            self._form.insertRow(row, self.settlement)
            # made after the rest, it came last in Tab's walk: Tab from the narrative went to the notes' buttons
            a11y.tab_order(self.narrative, self.carried.button, self.settlement.settled, self.settlement.note,
                           *(button for _label, button in self.notes_strip.rows.values()), self.history)
        if self.settlement is not None:
            self.settlement.setVisible(wanted)
            if wanted:
                self.settlement.load(tree, node, year)

    def _show_field_values(self) -> None:
        status = self.editor.content(self._field("status"))
        narrative = self.editor.content(self._field("narrative"))
        self.status.setEditText(status if isinstance(status, str) else "")
        text = narrative if isinstance(narrative, str) else ""
        if self.narrative.toPlainText() != text:
            self.narrative.setPlainText(text)
        self._handed = {"status": self.status.currentText(), "narrative": self.narrative.toPlainText()}
        self._show_lock()

    def _show_lock(self) -> None:
        """A locked year's boxes grey and read-only, and the reason above them (they looked editable)."""
        reason = self.editor.locked_reason(self._field("narrative"))
        self.narrative.setReadOnly(reason is not None)
        self.status.setEnabled(reason is None)  # (its list would still pick a status the Editor refuses)
        for box in (self.narrative, self.status):
            theme.tint(box, "" if reason is None else "locked_field")
            box.setToolTip(reason or "")
        self.locked_note.setText(reason or "")
        self.locked_note.setVisible(reason is not None)

    def _on_status_changed(self, text: str) -> None:
        if self._loading or self.node is None:
            return
        self._handed["status"] = text
        self.editor.set(self._field("status"), text.strip() or None,
                        self.tr("進捗状況の入力"), merge=True)

    def _on_narrative_changed(self) -> None:
        if self._loading or self.node is None:
            return
        self._handed["narrative"] = self.narrative.toPlainText()
        self.editor.set(self._field("narrative"), self.narrative.toPlainText(),
                        self.tr("{word}の入力").format(word=self._word()), merge=True)

    # ----------------------------------------------------------------- OpenInput (the Editor's gate)
    def _differs(self) -> tuple[bool, bool]:
        """(status, narrative): whether a box shows text it has not handed to the Editor (each
        key is handed over as it is typed; the stored text may be tidied, so it is not compared)."""
        if self._loading or self.node is None:
            return False, False
        return (self.status.currentText() != self._handed["status"],
                self.narrative.toPlainText() != self._handed["narrative"])

    def holds_input(self) -> bool:
        return any(self._differs())

    def commit_input(self) -> None:
        status, narrative = self._differs()
        if status:
            self._on_status_changed(self.status.currentText())
        if narrative:
            self._on_narrative_changed()

    def _on_editor_changed(self, target: object) -> None:
        if self._loading or self.node is None or not isinstance(target, ProgressField):
            return
        if target.node_key == self.node.key and target.year == self.year.year:
            self._loading = True
            try:
                self._show_field_values()
            finally:
                self._loading = False

    def validate(self) -> list[str]:
        if self.settlement is not None and self.settlement.isVisibleTo(self):
            return self.settlement.invalid_messages()
        return []

    def focus_field(self, target: object) -> bool:
        """Show a 決算額 (Save jumps to a red one this way)."""
        if (self.settlement is None or self.node is None or not isinstance(target, ProgressField)
                or target.node_key != self.node.key or target.field not in ("settled", "settled_note")):
            return False
        box = self.settlement.settled if target.field == "settled" else self.settlement.note
        box.setFocus()
        return True
