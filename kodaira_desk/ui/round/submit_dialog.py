"""「提出用に保存」 in clerk mode (issue 24): what is left to fill in, the deadline, and the department
head's check (課長確認): its name, recorded with the revision this save makes. Saving runs on the
window's worker through `Workspace.submit`; afterwards the window says which file to send back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from kodaira_desk.services.workspace import Applied
from kodaira_desk.ui import a11y, screen_fit, theme
from kodaira_desk.ui.message_line import dialog_message
from kodaira_desk.ui.tasks import Op, free_when_closed
from kodaira_desk.ui.window import saving

if TYPE_CHECKING:
    from kodaira_desk.ui.window.window_api import Window


class SubmitDialog(QDialog):
    """提出用に保存: a summary, the head's check, and the button that saves."""

    def __init__(self, w: Window) -> None:
        super().__init__(w)
        from kodaira_desk.ui.window.clerk_mode import submission_items

        self.setObjectName("submitDialog")
        self.window_ = w
        info = w.workspace.file_round()
        self.required = info.head_check_required
        department = w.department or ""
        self.setWindowTitle(self.tr("提出用に保存 — {d} {y}").format(d=department, y=w.year.era_label()))
        items = submission_items(w, department)
        blanks = sum(it.blank for it in items)
        same = sum(it.same_as_last_year for it in items)
        flagged = len(items) - blanks - same + len(w.page.validate())
        summary = QLabel(self.tr("未入力 {b} 件、要確認 {f} 件、前年度と同じ（未確認）{s} 件。").format(
            b=blanks, f=flagged, s=same) if items else self.tr("未入力・要確認の項目はありません。"))
        summary.setObjectName("submitSummary")
        summary.setWordWrap(True)
        from kodaira_desk.ui.round.year_widgets import deadline_label

        due = deadline_label(info.deadline)
        check_button = QPushButton(self.tr("提出前チェックを開く(&P)…"))
        check_button.clicked.connect(w.show_submission_check)
        self.checked = QCheckBox(self.tr("課長（所属長）が内容を確認しました(&K)"))
        self.checked.setObjectName("headChecked")
        self.name = QLineEdit()
        self.name.setObjectName("headCheckName")
        self.name.setPlaceholderText(self.tr("確認した人の名前（例: 産業振興課長 佐藤）"))
        self.name.setEnabled(False)
        self.checked.toggled.connect(self.name.setEnabled)
        self.checked.toggled.connect(lambda on: self.name.setFocus() if on else None)
        self.name.returnPressed.connect(self.submit)  # Enter after the name saves
        self._submitted = False
        box = QGroupBox(self.tr("課長確認"))
        lay = QVBoxLayout(box)
        lay.addWidget(self.checked)
        lay.addWidget(self.name)
        note = QLabel(self.tr("この年度は課長確認が必要です。確認なしで送ると、政策課で「要確認」になります。")
                      if self.required else self.tr("課長確認は任意です。確認した場合は名前を記録できます。"))
        note.setWordWrap(True)
        theme.tint(note, "check" if self.required else "muted")
        lay.addWidget(note)
        if info.head_check is not None and info.head_check.holds_for(info.revision):
            earlier = QLabel(self.tr("保存済みの第 {n} 版には {name} の課長確認があります。保存し直すと、"
                                     "この版にはあらためて確認が必要です。").format(
                n=info.revision, name=info.head_check.name))
            earlier.setWordWrap(True)
            lay.addWidget(earlier)
        self.message = dialog_message("submitMessage")  # not there while empty, announced when it says something
        theme.tint(self.message, "error_plain")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("提出用に保存(&S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("submitSave")
        self.save_button.setDefault(True)
        buttons.addButton(a11y.with_mnemonic(self.tr("キャンセル"), "C"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        if due is not None:
            main.addWidget(due)
        main.addWidget(summary)
        main.addWidget(check_button)
        main.addWidget(box)
        main.addWidget(self.message)
        main.addWidget(buttons)
        self.resize(520, 320)
        a11y.name(self.name, self.tr("確認した人の名前"), self.name.placeholderText())
        screen_fit.fit(self)

    def head_check(self) -> str | None:
        return self.name.text().strip() if self.checked.isChecked() else None

    def submit(self) -> Op | None:
        if self._submitted:
            return None
        if self.checked.isChecked() and not self.name.text().strip():
            self.message.setText(self.tr("確認した人の名前を入力してください。"))
            self.name.setFocus()
            return None
        self._submitted = True
        self.accept()
        return submit_file(self.window_, self.head_check())


def submit_file(w: Window, head_check: str | None, overwrite: bool = False) -> Op | None:
    """Save for submission on the worker (with the head's check when given), then say what to send."""
    if w.tasks.busy:
        return None
    w.ask_name()
    edits, stored = w.editor.to_save()  # an open editor's text included (the Editor's gate)

    def done(applied: Applied) -> None:
        saving.after_save(w, edits, applied)
        if w.editor.invalid_cells():
            return  # red cells are listed by after_save: not yet a file to send
        path = w.workspace.path
        text = w.tr("保存しました。提出するファイルは次の 1 つです:\n{path}\n\n"
                    "このファイルをそのまま政策課へ返送してください（メールに添付、または共有フォルダに置く）。"
                    "名前は変えずに送ってください。").format(path=str(path))
        if applied.report is not None:
            text += "\n\n" + w.tr("課長確認: {name}（この版に記録しました）").format(name=head_check)
        from kodaira_desk.ui.window.clerk_mode import submission_items

        left = sum(it.blank for it in submission_items(w, w.department or ""))
        if left:
            text += "\n\n" + w.tr("まだ未入力の項目が {n} 件あります（ファイル > 提出前チェック）。").format(n=left)
        w.tell(w.tr("提出用に保存"), text)
        w.statusBar().showMessage(w.tr("提出用に保存しました: {path}").format(path=str(path)), 15000)

    def failed(exc: BaseException) -> None:
        from kodaira_desk.services.editing import StaleEditError
        from kodaira_desk.ui.window.window_api import Answer

        if not isinstance(exc, StaleEditError):
            saving.on_op_failed(w, "submit", exc)
            return
        from kodaira_desk.ui.domain_words import message_of as said  # (the language in use)

        answer = w.ask(w.tr("ほかで変更された項目"), said(exc) + "\n\n" + saving.both_values(w, exc),
                       w.tr("自分の値で上書きして保存"), cancel=w.tr("保存しない(&N)"))
        if answer is Answer.SAVE:
            submit_file(w, head_check, overwrite=True)

    return w.tasks.run_op(w.workspace.submit, (edits, stored, head_check, overwrite), done, on_error=failed,
                          name="submit")


def open_submit_dialog(w: Window) -> SubmitDialog:
    dialog = free_when_closed(SubmitDialog(w), w.tasks)  # (else each opening stayed in the window)
    dialog.open()
    return dialog
