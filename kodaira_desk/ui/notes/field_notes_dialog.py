"""One field's note, questions and evidence files in one dialog (Shift+F2 on a cell or a text box).

The note and the answers are typed like values: OK puts them into the window's edit session as one
undo step, and Save (Ctrl+S, in the window or in this dialog) writes them with the values; Cancel
with something typed asks first. Asking a question (the master), marking it
完了, attaching, opening, saving and removing a file are actions of their own, run on the window's
worker; the dialog shows what they did, or why a file was refused, in its message line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.annotation_scope import addressed_to
from kodaira_desk.domain.annotations import Attachment, Question, QuestionState
from kodaira_desk.domain.limits import MAX_NOTE_CHARS
from kodaira_desk.services.editing import Target, key_of
from kodaira_desk.services.workspace import Applied
from kodaira_desk.ui import file_dialogs
from kodaira_desk.ui.dialog_keys import window_keys
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.i18n import listed
from kodaira_desk.ui.notes.field_marks import answer_field, note_field

# The main window (its module is not imported: the window's modules import each other) and what the
# window does with an action's result (ui.field_notes.take_in_annotations).
MainWindow = Any
TakeIn = Callable[[Applied], None]

ROLE = Qt.ItemDataRole.UserRole + 20


def _when(at: str | None) -> str:
    return (at or "").replace("T", " ")[:16]


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{max(1, n // 1000)} KB"


class FieldNotesDialog(QDialog):
    """メモ・質問・添付ファイル of one entry field."""

    def __init__(self, w: MainWindow, target: Target, what: str, focus: str = "note",
                 take_in: TakeIn | None = None) -> None:
        super().__init__(w)
        self.w = w
        self.take_in = take_in
        self.target = target
        self.what = what
        self.key = key_of(target)
        self.setObjectName("fieldNotesDialog")
        self.setWindowTitle(self.tr("メモ・質問・添付ファイル — {what}").format(what=what))
        self.setAcceptDrops(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight:bold")

        self.answers: dict[str, QPlainTextEdit] = {}
        note_box = self._note_box()
        questions_box = self._questions_box()
        files_box = self._files_box()

        self.message = QLabel()
        self.message.setObjectName("notesMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(note_box)
        lay.addWidget(questions_box, 1)
        lay.addWidget(files_box)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(720, 620)
        window_keys(self, w, self.put, close_on_save=True)
        self.load()
        self.note.setPlainText(self._content(note_field(target)))
        if focus == "answer" and self.answers:
            next(iter(self.answers.values())).setFocus()
        else:
            self.note.setFocus()

    # ---------------------------------------------------------------- the dialog's parts
    def _note_box(self) -> QGroupBox:
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEdit")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("この値の出典、増減の理由、算出の方法など（{n}字まで）").format(n=MAX_NOTE_CHARS))
        self.note.setMaximumHeight(72)
        self.note.setAccessibleName(self.tr("メモ"))  # issue 28: every control named (the box's title is no label)
        self.note.setAccessibleDescription(self.note.placeholderText())
        self.note_info = QLabel()
        self.note_info.setObjectName("noteInfo")
        self.note_info.setStyleSheet("color:#555")
        note_box = QGroupBox(self.tr("メモ"))
        nl = QVBoxLayout(note_box)
        nl.addWidget(self.note)
        nl.addWidget(self.note_info)
        return note_box

    def _questions_box(self) -> QGroupBox:
        self.questions_area = QWidget()
        self.questions_layout = QVBoxLayout(self.questions_area)
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.questions_area)
        scroll.setMinimumHeight(170)
        self.new_question = QPlainTextEdit()
        self.new_question.setObjectName("newQuestion")
        self.new_question.setTabChangesFocus(True)
        self.new_question.setPlaceholderText(self.tr("担当課への質問（次の配布で担当課に届きます）"))
        self.new_question.setMaximumHeight(52)
        self.new_question.setAccessibleName(self.tr("担当課への質問"))
        self.new_question.setAccessibleDescription(self.new_question.placeholderText())
        self.ask_button = QPushButton(self.tr("質問する(&Q)"))
        self.ask_button.setObjectName("askButton")
        self.ask_button.clicked.connect(self._ask)
        self.addressee = QLabel()  # where a question goes (the master)
        self.addressee.setObjectName("questionAddressee")
        self.addressee.setWordWrap(True)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.new_question, 1)
        ask_row.addWidget(self.ask_button)
        questions_box = QGroupBox(self.tr("政策課からの質問と回答"))
        ql = QVBoxLayout(questions_box)
        ql.addWidget(scroll, 1)
        ql.addLayout(ask_row)
        ql.addWidget(self.addressee)
        return questions_box

    def _files_box(self) -> QGroupBox:
        self.files = QListWidget()
        self.files.setObjectName("attachmentList")
        self.files.setMaximumHeight(84)
        self.files.setAccessibleName(self.tr("添付ファイル"))
        self.files.setAccessibleDescription(self.tr("Enter で開きます。PDF・画像・Excel ブックを追加できます"))
        self.files.itemActivated.connect(lambda _item: self._open())
        self.add_button = QPushButton(self.tr("追加(&A)…"))
        self.add_button.setObjectName("attachButton")
        self.add_button.clicked.connect(self._choose_files)
        self.open_button = QPushButton(self.tr("開く(&P)"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.clicked.connect(self._open)
        self.save_button = QPushButton(self.tr("保存(&S)…"))
        self.save_button.clicked.connect(self._save_as)
        self.remove_button = QPushButton(self.tr("削除(&D)"))
        self.remove_button.setObjectName("removeAttachment")
        self.remove_button.clicked.connect(self._remove)
        file_buttons = QVBoxLayout()
        for b in (self.add_button, self.open_button, self.save_button, self.remove_button):
            file_buttons.addWidget(b)
        file_buttons.addStretch(1)
        files_box = QGroupBox(self.tr("添付ファイル（PDF・画像・Excel ブック。ここにドラッグしても追加できます）"))
        fl = QHBoxLayout(files_box)
        fl.addWidget(self.files, 1)
        fl.addLayout(file_buttons)
        return files_box

    # ---------------------------------------------------------------- what is shown
    @property
    def clerk(self) -> bool:
        return self.w.clerk is not None

    def _content(self, field: Target) -> str:
        content = self.w.editor.content(field)
        return content if isinstance(content, str) else ""

    def load(self) -> None:
        """Show the field as the window now holds it (after an attachment or a question)."""
        editor = self.w.editor
        annotations = editor.trees[self.target.plan_id].annotations
        shown = editor.content(self.target)
        value = "" if shown is None else (str(shown) if not hasattr(shown, "value") else str(shown.value)
                                          + "".join(getattr(shown, "marks", ())))
        self.heading.setText(self.tr("{what}　値: {value}").format(what=self.what, value=value or self.tr("（空欄）")))
        lock = editor.locked_reason(note_field(self.target))
        self.note.setReadOnly(lock is not None)
        note = annotations.note(self.key)
        if lock is not None:
            self.note_info.setText(lock)
        elif note is not None:
            self.note_info.setText(self.tr("記入: {who}　{when}").format(who=note.author or "", when=_when(note.at)))
        else:
            self.note_info.setText(self.tr("保存（Ctrl+S）で値と一緒に記録されます。"))
        typed = {k: e.toPlainText() for k, e in self.answers.items() if not e.isReadOnly()}
        while self.questions_layout.count():
            taken = self.questions_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.answers = {}
        questions = annotations.questions_on(self.key)
        for q in questions:
            self.questions_layout.addWidget(self._question_frame(q, typed.get(q.id)))
        if not questions:
            none = QLabel(self.tr("この項目への質問はありません。"))
            none.setStyleSheet("color:#777")
            self.questions_layout.addWidget(none)
        self.questions_layout.addStretch(1)
        for wdg in (self.new_question, self.ask_button, self.addressee):
            wdg.setVisible(not self.clerk)
        self._show_addressee()
        self.files.clear()
        for a in annotations.attachments_on(self.key):
            item = QListWidgetItem(self.tr("{name}（{kind}・{size}）　{who} {when}").format(
                name=a.name, kind=a.kind.upper(), size=_size(a.size), who=a.added_by or "", when=_when(a.added_at)))
            item.setData(ROLE, a)
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)
        locked = editor.locked_reason(self.target) is not None and self.clerk
        self.add_button.setEnabled(not locked)
        self.remove_button.setEnabled(not locked and self.files.count() > 0)
        self.open_button.setEnabled(self.files.count() > 0)
        self.save_button.setEnabled(self.files.count() > 0)

    def _show_addressee(self) -> None:
        """The departments a question goes to; none (an item without a lead department): no question,
        since it would reach nobody."""
        departments = addressed_to(self.w.editor.trees[self.target.plan_id], self.key)
        if departments:
            self.addressee.setText(self.tr("質問の届け先: {departments}（次の配布・再配布で届きます）").format(
                departments=listed(departments)))
            self.addressee.setStyleSheet("color:#555")
        else:
            self.addressee.setText(self.tr("この項目には担当課が決まっていないため、質問を届ける課がありません。"
                                           "担当課を決めてから質問してください。"))
            self.addressee.setStyleSheet("color:#b00020")
        self.ask_button.setEnabled(bool(departments))
        self.new_question.setReadOnly(not departments)

    def _question_frame(self, q: Question, typed: str | None) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(frame)
        state = q.state
        answer_target = answer_field(q)
        answer = typed if typed is not None else self._content(answer_target)
        if state is not QuestionState.CLOSED and answer and state is QuestionState.OPEN:
            state_label = self.tr("回答入力済み（未保存）")
        else:
            state_label = {QuestionState.OPEN: self.tr("未回答"), QuestionState.ANSWERED: self.tr("回答あり"),
                           QuestionState.CLOSED: self.tr("完了")}[state]
        head = QLabel(self.tr("【{state}】{text}").format(state=state_label, text=q.text))
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.setStyleSheet("font-weight:bold")
        meta = QLabel(self.tr("質問: {who}　{when}").format(who=q.asked_by or "", when=_when(q.asked_at))
                      + (self.tr("　回答: {who}　{when}").format(who=q.answered_by or "", when=_when(q.answered_at))
                         if q.answered_at else ""))
        meta.setStyleSheet("color:#555")
        edit = QPlainTextEdit(answer)
        edit.setObjectName(f"answer_{q.id}")
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(64)
        edit.setMinimumHeight(48)
        edit.setPlaceholderText(self.tr("回答を入力してください"))
        lock = self.w.editor.locked_reason(answer_target)
        edit.setReadOnly(lock is not None or state is QuestionState.CLOSED)
        edit.setAccessibleName(self.tr("回答: {text}").format(text=q.text[:40]))
        self.answers[q.id] = edit
        lay.addWidget(head)
        lay.addWidget(meta)
        lay.addWidget(edit)
        if not self.clerk:
            row = QHBoxLayout()
            close = QPushButton(self.tr("未完了に戻す(&R)") if state is QuestionState.CLOSED else self.tr("完了にする(&F)"))
            close.setObjectName(f"close_{q.id}")
            close.clicked.connect(lambda _=False, q=q: self._close(q, q.state is not QuestionState.CLOSED))
            row.addStretch(1)
            row.addWidget(close)
            lay.addLayout(row)
        return frame

    # ---------------------------------------------------------------- typed: into the edit session
    def typed(self) -> list[tuple[Target, str | None, str]] | None:
        """The note and answers typed and not yet in the edit session; None (with the reason shown)
        when one is too long."""
        annotations = self.w.editor.trees[self.target.plan_id].annotations
        cells: list[tuple[Target, str | None, str]] = []
        texts = [(note_field(self.target), self.note, self.tr("メモ"))]
        texts += [(answer_field(q), self.answers[q.id], self.tr("回答")) for q in annotations.questions_on(self.key)
                  if q.id in self.answers]
        for field, edit, what in texts:
            if edit.isReadOnly():
                continue
            text = edit.toPlainText().strip()
            if len(text) > MAX_NOTE_CHARS:
                self.show_message(self.tr("{what}が長すぎます（{n}字。上限 {max}字）。").format(
                    what=what, n=len(text), max=MAX_NOTE_CHARS), error=True)
                edit.setFocus()
                return None
            if text != self._content(field).strip():
                cells.append((field, text or None, f"{self.what} の{what}"))
        return cells

    def put(self) -> bool:
        """What was typed into the window's edit session (one undo step); False when refused."""
        cells = self.typed()
        if cells is None:
            return False
        if cells:
            self.w.editor.set_many(cells, self.tr("メモ・回答の入力"))
            self.w.statusBar().showMessage(self.tr("メモ・回答を入力しました。保存（Ctrl+S）で記録されます。"), 8000)
        return True

    def accept(self) -> None:
        if self.put():
            super().accept()

    def reject(self) -> None:
        """Cancel, Esc or the window's close: a note or an answer typed is not dropped unasked."""
        cells = self.typed()
        if cells is None or cells:
            answer = self.w.ask(self.tr("入力したメモ・回答"), self.tr("入力したメモ・回答を入れますか？"),
                                self.tr("入れる"), self.tr("入れずに閉じる"))
            if getattr(answer, "value", None) == "save":  # ui.operations.Answer.SAVE: the first button
                self.accept()
                return
            if getattr(answer, "value", None) != "discard":
                return
        super().reject()

    # ---------------------------------------------------------------- actions: run on the worker
    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color:#b00020;font-weight:bold" if error else "color:#1b5e20")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _run(self, fn: Callable[..., Applied], args: tuple[object, ...], done_text: str, name: str) -> None:
        if self.w.tasks.busy:
            self.show_message(self.tr("ほかの処理中です。終わってからもう一度押してください。"), error=True)
            return

        def done(applied: Applied) -> None:
            if self.take_in is not None:
                self.take_in(applied)
            self.load()
            report = applied.report  # an attachment's: the files refused, each with its reason
            refused = [str(r) for r in report] if isinstance(report, tuple) else []
            self.show_message("\n".join(refused) if refused else done_text, error=bool(refused))

        self.w.tasks.run_op(fn, args, done, on_error=lambda exc: self.show_message(message_of(exc), error=True),
                            name=name)

    def _ask(self) -> None:
        text = self.new_question.toPlainText().strip()
        if not text:
            self.show_message(self.tr("質問の文を入力してください。"), error=True)
            return
        self.w.ask_name()
        self.new_question.clear()
        self._run(self.w.workspace.ask_question, (self.key, text),
                  self.tr("質問を登録しました。次の配布（再配布）で担当課に届きます。"), "ask")

    def _close(self, q: Question, closed: bool) -> None:
        self._run(self.w.workspace.close_question, (q, closed),
                  self.tr("質問を完了にしました。") if closed else self.tr("質問を未完了に戻しました。"), "close")

    def choose_files(self) -> list[Path]:
        """The files to attach (a file dialog; tests replace it)."""
        return file_dialogs.open_names(self, self.tr("添付するファイルを選ぶ"), "",
                                       self.tr("PDF・画像・Excel ブック (*.pdf *.png *.jpg *.jpeg *.gif *.xlsx);;"
                                               "すべてのファイル (*)"))

    def _choose_files(self) -> None:
        self.attach_files(self.choose_files())

    def attach_files(self, files: list[Path]) -> None:
        if files:
            self.w.ask_name()
            self._run(self.w.workspace.attach_files, (self.key, files, dict(self.w.editor.trees)),
                      self.tr("添付しました（%n 件）。", "", len(files)), "attach")

    def _current(self) -> Attachment | None:
        item = self.files.currentItem()
        chosen = item.data(ROLE) if item is not None else None
        return chosen if isinstance(chosen, Attachment) else None

    def _open(self) -> None:
        att = self._current()
        if att is None:
            return

        def opened(path: Path) -> None:
            if self.open_url(QUrl.fromLocalFile(str(path))):
                self.show_message(self.tr("「{name}」を開きました。").format(name=att.name))
            else:
                self.show_message(self.tr("「{name}」を開くアプリが見つかりません。「保存…」でファイルに書き出してください。")
                                  .format(name=att.name), error=True)

        self.w.tasks.run_op(self.w.workspace.viewing_copy, (att,), opened,
                            on_error=lambda exc: self.show_message(message_of(exc), error=True), name="open")

    def open_url(self, url: QUrl) -> bool:
        """Hand a file to the system's viewer (tests replace it)."""
        return QDesktopServices.openUrl(url)

    def choose_save_path(self, name: str) -> Path | None:
        return file_dialogs.save_name(self, self.tr("添付ファイルを保存"), name)

    def _save_as(self) -> None:
        att = self._current()
        out = self.choose_save_path(att.name) if att is not None else None
        if att is None or out is None:
            return
        self.w.tasks.run_op(self.w.workspace.save_attachment, (att, out),
                            lambda p: self.show_message(self.tr("保存しました: {path}").format(path=str(p))),
                            on_error=lambda exc: self.show_message(message_of(exc), error=True), name="save_attachment")

    def _remove(self) -> None:
        att = self._current()
        if att is None:
            return
        answer = self.w.ask(self.tr("添付ファイルの削除"), self.tr("「{name}」をこの項目から外しますか？").format(name=att.name),
                            self.tr("外す(&R)"), cancel=self.tr("外さない(&K)"), careful=True)
        if getattr(answer, "value", None) == "save":  # ui.operations.Answer.SAVE: the first button
            self._run(self.w.workspace.detach, (att,), self.tr("「{name}」を外しました。").format(name=att.name), "detach")

    # ---------------------------------------------------------------- drops: files to attach
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.add_button.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.attach_files(files)
