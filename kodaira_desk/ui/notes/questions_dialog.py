"""The policy division's questions in one list (issue 25).

In a department's file (clerk mode): the questions to that department, each answered in place in
the list (the answer goes into the window's edit session, saved with Ctrl+S like a value); a
double-click opens the field's notes. In the master: every question with its 課 and state, a filter
by state, and 完了 for the ones whose answer the division has taken.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from kodaira_desk.domain.annotation_scope import addressed_to
from kodaira_desk.domain.annotations import Question, QuestionState
from kodaira_desk.domain.limits import MAX_NOTE_CHARS
from kodaira_desk.services.editing import AnnotationField
from kodaira_desk.services.field_words import describe
from kodaira_desk.services.notes import questions_for
from kodaira_desk.ui.dialog_keys import window_keys
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)

# The main window (its module is not imported: the window's modules import each other).
MainWindow = Any

Index = QModelIndex | QPersistentModelIndex


class QuestionsModel(QAbstractTableModel):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.rows: list[tuple[Question, str, str, str | None]] = []  # question, 課, field in words, answer typed

    def load(self, questions: list[Question]) -> None:
        self.beginResetModel()
        trees = self.w.editor.trees
        self.rows = []
        for q in questions:
            plan = q.field_key.split(":")[1] if q.field_key.count(":") >= 2 else ""
            departments = "・".join(addressed_to(trees[plan], q.field_key)) if plan in trees else ""
            answer = self.w.editor.content(AnnotationField(q.key("answer")))
            self.rows.append((q, departments, describe(trees, q.field_key), answer if isinstance(answer, str) else None))
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("担当課"), self.tr("項目"), self.tr("質問"), self.tr("状態"), self.tr("回答")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def state(self, row: int) -> str:
        q, _d, _what, answer = self.rows[row]
        if q.state is QuestionState.CLOSED:
            return self.tr("完了")
        if answer and answer.strip():
            return self.tr("回答あり") if q.answer == answer else self.tr("回答入力済み（未保存）")
        return self.tr("未回答")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        q, departments, what, answer = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return [departments, what, q.text, self.state(index.row()), answer or ""][index.column()]
        return None


class QuestionsDialog(QDialog):
    def __init__(self, w: MainWindow, open_field: Callable[[str], object] | None = None,
                 take_in: Callable[[Any], None] | None = None) -> None:
        super().__init__(w)
        self.w = w
        self._open = open_field  # a field's notes dialog (ui.field_notes.open_key)
        self._take_in = take_in  # what the window does with an action's result
        self.setObjectName("questionsDialog")
        clerk = w.clerk
        self.setWindowTitle(self.tr("政策課からの質問 — {d}").format(d=clerk.department) if clerk
                            else self.tr("質問の一覧"))
        self.model = QuestionsModel(w)
        self.table = QTableView()
        self.table.setObjectName("questionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("質問の一覧"))  # issue 28: every control named
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._open_field())
        self.table.setColumnHidden(0, clerk is not None)
        self.show_closed = QCheckBox(self.tr("完了した質問も表示(&H)"))
        self.show_closed.setObjectName("showClosedQuestions")
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.answer_label = QLabel()
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("questionAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        self.answer_label.setBuddy(self.answer)
        self.answer.setAccessibleName(self.tr("回答"))  # the question it answers: its description (_show_selected)
        self.answer.setPlaceholderText(self.tr("選んだ質問への回答を入力し、「回答を入れる」を押してください（保存は Ctrl+S）"))
        self.put_button = QPushButton(self.tr("回答を入れる(&A)"))
        self.put_button.setObjectName("putAnswer")
        self.put_button.clicked.connect(self._put_answer)
        self.open_button = QPushButton(self.tr("項目のメモ・添付を開く(&M)…"))
        self.open_button.clicked.connect(self._open_field)
        self.close_button = QPushButton(self.tr("完了にする(&F)"))
        self.close_button.setObjectName("closeQuestion")
        self.close_button.clicked.connect(self._close_question)
        self.close_button.setVisible(clerk is None)
        self.message = QLabel()
        self.message.setObjectName("questionsMessage")
        self.message.setWordWrap(True)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.put_button)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.show_closed)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.open_button)
        buttons_row.addWidget(self.close_button)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons_row)
        lay.addWidget(self.answer_label)
        lay.addLayout(answer_row)
        lay.addWidget(self.message)
        lay.addWidget(done)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_selected())
        w.editor.cells_changed.connect(self._on_cells_changed)
        w.editor.undo_stack.cleanChanged.connect(self._on_saved)  # saved: 回答入力済み（未保存） becomes 回答あり
        self.resize(980, 520)
        self._shown: Question | None = None  # the question whose answer the box holds
        window_keys(self, w, self.put_typed, close_on_save=False)
        self.refresh()

    def refresh(self) -> None:
        row = self.table.currentIndex().row()
        states = [QuestionState.OPEN, QuestionState.ANSWERED] + (
            [QuestionState.CLOSED] if self.show_closed.isChecked() else [])
        department = self.w.clerk.department if self.w.clerk else None
        self.model.load(questions_for(self.w.editor.trees.values(), department, states))
        header = self.table.horizontalHeader()
        for column, width in enumerate((110, 260, 300, 110)):
            header.resizeSection(column, width)
        self.table.resizeRowsToContents()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        else:
            self.message.setText(self.tr("質問はありません。"))
        self._show_selected()

    def _selected(self) -> Question | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row][0] if 0 <= row < len(self.model.rows) else None

    def _show_selected(self) -> None:
        self.put_typed()  # an answer typed and not put is put before the box shows another question
        q = self._selected()
        self._shown = q
        answer_field = AnnotationField(q.key("answer")) if q else None
        lock = self.w.editor.locked_reason(answer_field) if answer_field else None
        editable = q is not None and lock is None and q.state is not QuestionState.CLOSED
        typed = self.w.editor.content(answer_field) if answer_field else None
        self.answer.setPlainText(typed if isinstance(typed, str) else "")
        self.answer.setReadOnly(not editable)
        self.put_button.setEnabled(editable)
        self.close_button.setEnabled(q is not None and q.state is not QuestionState.CLOSED)
        self.answer_label.setText(self.tr("回答: {q}").format(q=q.text[:60]) if q else "")
        self.answer.setAccessibleDescription(q.text if q else "")  # what the answer box answers, read aloud

    def _put_answer(self) -> None:
        if self.put_typed(force=True):
            self.message.setText(self.tr("回答を入れました。「保存」（Ctrl+S）で記録され、提出用ファイルと一緒に政策課へ届きます。"))

    def put_typed(self, force: bool = False) -> bool:
        """The answer in the box into the edit session when it differs from it (always when `force`);
        False when it is too long (the reason shown)."""
        q = self._shown
        if q is None or self.answer.isReadOnly():
            return True
        text = self.answer.toPlainText().strip()
        field = AnnotationField(q.key("answer"))
        now = self.w.editor.content(field)
        if not force and text == (now.strip() if isinstance(now, str) else ""):
            return True
        if len(text) > MAX_NOTE_CHARS:
            self.message.setText(self.tr("回答が長すぎます（{n}字。上限 {max}字）。").format(n=len(text), max=MAX_NOTE_CHARS))
            return False
        what = describe(self.w.editor.trees, q.field_key)
        self._shown = None  # the session's change refreshes the list, which shows the box again
        self.w.editor.set(field, text or None, self.tr("回答の入力"), what=self.tr("{what} への回答").format(what=what))
        return True

    def _on_cells_changed(self, targets: tuple[Any, ...]) -> None:
        if any(isinstance(t, AnnotationField) for t in targets):
            self.refresh()

    def _on_saved(self, clean: bool) -> None:
        if clean:
            self.refresh()

    def _open_field(self) -> None:
        q = self._selected()
        if q is not None and self._open is not None:
            self._open(q.field_key)

    def _close_question(self) -> None:
        q = self._selected()
        if q is None or self.w.tasks.busy:
            return
        self.w.ask_name()

        def done(applied: Any) -> None:
            if self._take_in is not None:
                self._take_in(applied)
            self.message.setText(self.tr("質問を完了にしました。"))

        self.w.tasks.run_op(self.w.workspace.close_question, (q, True), done,
                            on_error=lambda exc: self.message.setText(message_of(exc)), name="close")

    def done(self, result: int) -> None:
        self.put_typed()  # closed with an answer typed: it stays in the session, saved or asked about on closing
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the window
            self.w.editor.cells_changed.disconnect(self._on_cells_changed)
            self.w.editor.undo_stack.cleanChanged.disconnect(self._on_saved)
        super().done(result)
