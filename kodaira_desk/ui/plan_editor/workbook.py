"""計画の編集 > Excelへ書き出し… / Excelから取り込み…: a plan workbook out, and in with a preview.

Reading and writing the workbook run on the task runner's worker, and so does the import itself
(取り込む), its undo and its redo: one undo command of the editor (one transaction, audited), run
only from the preview dialog. The worker also reads what the editor shows next (plan_editor_read),
so the GUI thread only fills widgets; while it writes, the editor takes no other edit and the
preview dialog does not close.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.services.plan_editing import PlanChange
from kodaira_desk.services.plan_editing import workbook as pw
from kodaira_desk.services.plan_editing.locked_years import MAX_REASON_CHARS, LockedChange
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui import a11y, file_dialogs, screen_fit, switch_interval, theme
from kodaira_desk.ui.domain_words import message_of  # (in the language in use)
from kodaira_desk.ui.plan_editor.commands import Done, PlanCommand
from kodaira_desk.ui.plan_editor.read import EditorView, read_view
from kodaira_desk.ui.round.reading import after_this_turn
from kodaira_desk.ui.turns import Later, Step, Turns, now

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QComboBox

    from kodaira_desk.domain.model import PlanTree
    from kodaira_desk.ui.tasks import TaskRunner


T = TypeVar("T")
# The interpreter's switch interval while an import, its undo or its redo is written on the worker.
# Its SQLAlchemy statements give the lock up and take it back at each SQLite call, most under a
# millisecond apart: the GUI thread asking for it, whose wait starts again at every such hand-over,
# waited 5–15 ms at the runner's 1 ms before it got its turn (issue 27: 元に戻す's 19–22 ms stalls).
QUICK_SWITCH_S = 0.0002


@contextmanager
def quick_switches() -> Iterator[None]:
    """On the worker, around a write: the GUI thread gets the lock within QUICK_SWITCH_S (counted
    with other windows' writes: ui/switch_interval.py)."""
    with switch_interval.shortened(QUICK_SWITCH_S):
        yield


class PlanEditorDialog(Protocol):
    """The plan editor as its workbook import and export use it (ui/plan_editor.py, not imported:
    no import cycle)."""

    workspace: Workspace
    tree: PlanTree | None
    plan_combo: QComboBox
    undo_button: QPushButton
    redo_button: QPushButton
    message: QLabel
    undo_stack: QUndoStack
    tasks: TaskRunner | None
    writing: int  # edits being written on the worker now (ui/plan_editor/writing.py)

    def in_background(self, fn: Callable[..., object], args: tuple[object, ...],
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None: ...

    def apply_import(self, preview: pw.ImportPreview, then: Callable[[bool], None]) -> None: ...

    def imported(self, preview: pw.ImportPreview, view: EditorView, later: Later = now, first: Step = tuple) -> None: ...

    def plan_id(self) -> str | None: ...

    def step(self, action: Callable[[], object], view: EditorView | None = None) -> None: ...

    def tell(self, text: str) -> None: ...

    def window(self) -> QWidget: ...  # the editor's dialog itself (a top-level widget): the parent

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...


class ImportWorkbook(PlanCommand):
    """An import previewed in the dialog; undone exactly (removed items come back with their values)."""

    slow = True

    def __init__(self, workspace: Workspace, preview: pw.ImportPreview, done: Done, actor: str | None = None) -> None:
        super().__init__(workspace, f"Excelから取り込み: {preview.file.name}", done, actor)
        self.preview = preview

    def do(self) -> PlanChange:
        return self.workspace.run(pw.apply_plan_import, self.preview, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pw.undo_plan_import, change.inverse, actor=self.actor)


class ImportPreviewDialog(QDialog):
    """What importing a workbook will change, before anything is written; 取り込む applies it."""

    NEW = "__new__"

    def __init__(self, editor: PlanEditorDialog, path: Path) -> None:
        super().__init__(editor.window())
        self.setObjectName("planImportPreview")
        self.editor = editor
        self.path = path
        self.preview: pw.ImportPreview | None = None
        self.applying = False  # 取り込む pressed, the worker writing
        self.target = QComboBox()
        self.target.setObjectName("importTarget")
        self.target.addItem(self.tr("新しい計画として取り込む"), self.NEW)
        for i in range(editor.plan_combo.count()):
            self.target.addItem(self.tr("既存の計画に取り込む: {title}").format(
                title=editor.plan_combo.itemText(i)), editor.plan_combo.itemData(i))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("importChanges")
        self.changes.setReadOnly(True)
        self.changes.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # issue 24: values of a year the policy division fixed change only as corrections with a reason
        self.locked_note = QLabel()
        self.locked_note.setObjectName("importLockedNote")
        self.locked_note.setWordWrap(True)
        theme.tint(self.locked_note, "error_plain")
        self.reason = QLineEdit()
        self.reason.setObjectName("importReason")
        self.reason.setMaxLength(MAX_REASON_CHARS)
        self.reason.setPlaceholderText(self.tr("例: 第2回推進委員会の後、担当課から目標の訂正があったため"))
        self.reason_label = QLabel(self.tr("修正の理由(&R)"))
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(lambda _t: self._enable())
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("取り込む(&I)"))
        self.import_button.setObjectName("importApply")
        self.import_button.setEnabled(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取り込まない(&N)"))
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self._on_import_clicked)
        form = QFormLayout()
        form.addRow(self.tr("ファイル"), QLabel(path.name))
        form.addRow(self.tr("取り込み先(&T)"), self.target)
        a11y.name_form(form)
        changes_label = QLabel(self.tr("変更点（まだ何も書き込んでいません）(&H)"))
        a11y.label_for(changes_label, self.changes)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(changes_label)
        lay.addWidget(self.changes, 1)
        lay.addWidget(self.locked_note)
        reason = QFormLayout()
        reason.addRow(self.reason_label, self.reason)
        lay.addLayout(reason)
        lay.addWidget(buttons)
        self._show_locked(())
        self.setWindowTitle(self.tr("Excelから取り込み"))
        self.resize(900, 560)
        screen_fit.fit(self)
        self.target.currentIndexChanged.connect(lambda _i: self.refresh())

    def choose_target(self, plan_id: str | None) -> None:
        """The plan the workbook names, when it exists; otherwise a new plan."""
        i = self.target.findData(plan_id) if plan_id else -1
        self.target.setCurrentIndex(i if i >= 0 else 0)

    def target_plan(self) -> str | None:
        data = self.target.currentData()
        return None if data == self.NEW or not isinstance(data, str) else data

    def _reading(self) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        theme.tint(self.summary, "")
        self.summary.setText(self.tr("読み込んでいます…"))
        self.changes.clear()

    def start(self) -> None:
        """The first preview: into the plan the workbook names, if there is one."""
        self._reading()
        self.editor.in_background(self._after_turn(first_preview), (self.editor.workspace, self.path),
                                  self.show_preview, self.show_problem)

    def refresh(self) -> None:
        self._reading()
        self.editor.in_background(self._after_turn(self.editor.workspace.run),
                                  (pw.preview_plan_import, self.path, self.target_plan()),
                                  self.show_preview, self.show_problem)

    def _after_turn(self, fn: Callable[..., T]) -> Callable[..., T]:
        """The workbook read on the worker once this dialog has been built and shown (issue 27: its
        openpyxl Python beside the dialog's opening held the interpreter's lock the GUI thread
        waited for); read at once without a runner (nothing turns the event loop meanwhile)."""
        return after_this_turn(fn) if self.editor.tasks is not None else fn

    def show_preview(self, preview: pw.ImportPreview) -> None:
        self.preview = preview
        self.target.blockSignals(True)
        self.choose_target(None if preview.new_plan else preview.plan_id)
        self.target.blockSignals(False)
        theme.tint(self.summary, "")
        self.summary.setText(preview.summary())
        self.changes.setPlainText("\n".join([c.describe() for c in preview.changes]
                                           + [c.describe() for c in preview.locked]))
        self._show_locked(preview.locked)
        self._enable()

    def _show_locked(self, locked: tuple[LockedChange, ...]) -> None:
        for w in (self.locked_note, self.reason_label, self.reason):
            w.setVisible(bool(locked))
        self.locked_note.setText(self.tr(
            "確定済みの年度の値が %n 件変わります（変更点の［確定済み］）。取り込むには修正の理由を入力して"
            "ください。修正として変更履歴に残り、この後に印刷する帳票は修正版になります。", "", len(locked)))

    def _enable(self) -> None:
        p = self.preview
        if p is None:
            self.import_button.setEnabled(False)
            return
        reasoned = not p.locked or bool(self.reason.text().strip())
        self.import_button.setEnabled((p.new_plan or bool(p.changes) or bool(p.locked)) and reasoned)

    def show_problem(self, exc: BaseException) -> None:
        self.preview = None
        theme.tint(self.summary, "error_plain")
        self.summary.setText(self.tr("このファイルは取り込めません。何も変更していません。"))
        self.changes.setPlainText(message_of(exc))
        self._show_locked(())
        self.import_button.setEnabled(False)

    def _on_import_clicked(self) -> None:
        if self.preview is None or self.applying:
            return
        self.applying = True
        for w in (self.import_button, self.cancel_button, self.target, self.reason):
            w.setEnabled(False)
        self.summary.setText(self.tr("取り込んでいます…"))
        self.editor.apply_import(replace(self.preview, reason=self.reason.text()), self._applied)

    def _applied(self, went_through: bool) -> None:
        self.applying = False
        for w in (self.cancel_button, self.target, self.reason):
            w.setEnabled(True)
        if went_through:
            self.accept()
        else:
            self.show_problem(RuntimeError(self.editor.message.text()))

    def reject(self) -> None:
        """取り込まない, Esc or the window's close: not while the import is being written (the
        dialog closes by itself when it has been)."""
        if not self.applying:
            super().reject()


def choose_export_path(editor: PlanEditorDialog) -> Path | None:
    tree = editor.tree
    if tree is None:
        return None
    name = f"{tree.plan.title}_計画ブック.xlsx"
    return file_dialogs.save_name(editor.window(), editor.tr("Excelへ書き出し"), str(Path.home() / name),
                                  editor.tr("Excel ブック (*.xlsx)"))


def choose_import_path(editor: PlanEditorDialog) -> Path | None:
    return file_dialogs.open_name(editor.window(), editor.tr("Excelから取り込み"), str(Path.home()),
                                  editor.tr("Excel ブック (*.xlsx)"))


def first_preview(workspace: Workspace, path: Path) -> pw.ImportPreview:
    """On the worker: the preview into the plan the workbook names when it exists, else as a new plan."""
    from kodaira_desk.services.plans import list_plans

    plan_id = pw.read_plan_workbook(path).plan.id
    existing = {pid for pid, _title in workspace.run(list_plans)}
    return workspace.run(pw.preview_plan_import, path, plan_id if plan_id in existing else None)


def open_preview(editor: PlanEditorDialog, path: Path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(editor, path)
    dialog.open()
    dialog.start()
    return dialog


def in_background(tasks: TaskRunner | None, fn: Callable[..., object], args: tuple[object, ...],
                  on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
    """Slow work on the task runner's worker (run here, delivered alike, when there is none)."""
    if tasks is not None:
        tasks.run_op(fn, args, on_done, on_error=on_error, name="plan-workbook")
        return
    try:
        result = fn(*args)
    except Exception as exc:
        on_error(exc)
    else:
        on_done(result)


class _Refusal(QObject):
    """Input to the editor refused while the worker writes one of its edits (an application event
    filter, installed only meanwhile): keys, clicks, shortcuts, the wheel and drops reach none of
    its widgets, and the cursor says it is busy. The widgets are not turned off: turning every one
    off and on again around each write repainted the whole editor twice, its tree some 8–13 ms a
    paint (issue 27). The undo and redo buttons, where the eyes are after 元に戻す, are turned off."""

    INPUT = frozenset({
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.InputMethod,
        QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.DragMove,
        QEvent.Type.Drop, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
    })

    def __init__(self, editor: QWidget) -> None:
        super().__init__(editor)
        self.setObjectName(_REFUSAL)
        self.editor = editor
        self.depth = 0  # writes under way (a step of several writes nests them)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in self.INPUT and self.inside(watched)

    def inside(self, obj: QObject | None) -> bool:
        """`obj` is the editor's: one of its widgets, a shortcut or action it owns (their events go
        to no widget), or a popup of one of its widgets (a combo's list, a menu: windows of their
        own). Another window it is the parent of (a question it asks) is not refused."""
        while obj is not None:
            if obj is self.editor:
                return True
            if isinstance(obj, QWidget) and obj.isWindow() and obj.windowType() != Qt.WindowType.Popup:
                return False
            obj = obj.parent()
        return False


_REFUSAL = "kodairaInputRefusedWhileWriting"


def _refusal(editor: PlanEditorDialog) -> _Refusal:
    window = editor.window()
    found = window.findChild(_Refusal, _REFUSAL)
    return found if isinstance(found, _Refusal) else _Refusal(window)


def taking_edits(editor: PlanEditorDialog) -> bool:
    """False while one of the editor's edits is being written on the worker."""
    return _refusal(editor).depth == 0


def set_busy(editor: PlanEditorDialog, on: bool) -> None:
    """While the worker writes, the editor takes no edit (see _Refusal); back as it was after."""
    refusal = _refusal(editor)
    app = QApplication.instance()
    if on:
        refusal.depth += 1
        if refusal.depth == 1:
            # a word being composed in an input method is typed in first, as turning the field off
            # did (QWidget::setEnabled commits it): the refusal would drop the commit
            QApplication.inputMethod().commit()
            if app is not None:
                app.installEventFilter(refusal)
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            editor.undo_button.setEnabled(False)
            editor.redo_button.setEnabled(False)
        return
    if refusal.depth == 0:
        return
    refusal.depth -= 1
    if refusal.depth == 0:
        if app is not None:
            app.removeEventFilter(refusal)
        QApplication.restoreOverrideCursor()
        editor.undo_button.setEnabled(editor.undo_stack.canUndo())
        editor.redo_button.setEnabled(editor.undo_stack.canRedo())


def apply_in_background(editor: PlanEditorDialog, command: ImportWorkbook, then: Callable[[bool], None]) -> None:
    """取り込む on the worker: the import written, then what the editor shows read; on the GUI
    thread the command joins the undo history and the editor fills its widgets from that read."""
    preview = command.preview

    def work() -> tuple[PlanChange, EditorView]:
        with quick_switches():
            change = command.do()
            return change, read_view(command.workspace, preview.plan_id)

    def done(result: tuple[PlanChange, EditorView]) -> None:
        # the editor filled a part a turn (the plans and the tree; the forms), then, in the last, it
        # takes edits again, the preview closes and the message says so (issue 27: all in one turn,
        # with their layout and paint, held the GUI thread 20–40 ms). The refusal's filter, which
        # takes every event of the application, is gone before the message's label is set: an
        # object new to Qt for Python (the label's text control) seen by it made the bindings scan
        # their types, 15 ms the first time.
        change, view = result
        command.ran(change)
        editor.undo_stack.push(command)  # its first redo() is skipped: it has run
        editor.imported(preview, view, Turns(editor.window()).later, closed)

    def closed() -> None:
        set_busy(editor, False)
        then(True)

    def failed(exc: BaseException) -> None:
        set_busy(editor, False)
        editor.tell(message_of(exc))
        then(False)

    set_busy(editor, True)
    in_background(editor.tasks, work, (), done, failed)


def step_in_background(editor: PlanEditorDialog, undo: bool) -> bool:
    """元に戻す / やり直す of a slow command (an import) on the worker; False when the next step is
    a quick one, which the editor makes itself."""
    stack = editor.undo_stack
    i = stack.index() - 1 if undo else stack.index()
    command = stack.command(i) if 0 <= i < stack.count() else None
    if editor.tasks is None or not isinstance(command, PlanCommand) or not command.slow:
        return False
    wanted = editor.plan_id()

    def work() -> tuple[PlanChange, EditorView]:
        with quick_switches():
            return command.prepare(undo), read_view(command.workspace, wanted)

    def done(result: tuple[PlanChange, EditorView]) -> None:
        command.prepared, view = result
        set_busy(editor, False)
        editor.step(stack.undo if undo else stack.redo, view)

    def failed(exc: BaseException) -> None:
        set_busy(editor, False)

        def again() -> None:
            raise exc
        editor.step(again)  # a refused step ends the history, as on the GUI thread

    set_busy(editor, True)
    editor.tasks.run_op(work, (), done, on_error=failed, name="plan-undo" if undo else "plan-redo")
    return True
