"""The window's side of notes, questions and evidence files (issue 25): the actions (Shift+F2 on
the current cell or text box, the questions list), where the current field is, the strip under the
measure form, the clerk's banner count, and taking in what an action changed.

Installed by the main window with one call (`install`); the grids' corner marks and tooltips are
in ui/field_marks.py, the dialogs in ui/field_notes_dialog.py and ui/questions_dialog.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from kodaira_desk.domain.annotations import QuestionState
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node
from kodaira_desk.services.editing import AnnotationField, ProgressField, Target, target_of
from kodaira_desk.services.workspace import Applied
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.notes.field_marks import describe, marks_for, summary
from kodaira_desk.ui.tasks import free_when_closed

if TYPE_CHECKING:
    from kodaira_desk.ui.notes.field_notes_dialog import FieldNotesDialog
    from kodaira_desk.ui.notes.questions_dialog import QuestionsDialog

# The main window, named by what these functions use of it (its module is not imported: the window
# imports this one, and the window's modules import each other).
MainWindow = Any


def install(w: MainWindow) -> None:
    """The actions in the Edit menu and on every grid's context menu; the banner kept current."""
    w.act_field_notes = QAction(w)
    w.act_field_notes.setObjectName("actionFieldNotes")
    w.act_field_notes.setShortcut(QKeySequence("Shift+F2"))  # a spreadsheet's "edit comment"
    w.act_field_notes.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    w.act_field_notes.triggered.connect(lambda: open_for_current(w))
    w.act_questions = QAction(w)
    w.act_questions.setObjectName("actionQuestions")
    w.act_questions.triggered.connect(lambda: show_questions(w))
    w.menu_edit.addSeparator()
    w.menu_edit.addAction(w.act_field_notes)
    w.menu_edit.addAction(w.act_questions)
    w.addAction(w.act_field_notes)
    w.page.form_built.append(lambda form: _on_form_built(w, form))
    w.editor.cells_changed.connect(lambda targets: _on_cells_changed(w, targets))
    retranslate(w)


def retranslate(w: MainWindow) -> None:
    if not hasattr(w, "act_field_notes"):
        return
    w.act_field_notes.setText(QCoreApplication.translate("FieldNotes", "メモ・質問・添付ファイル(&M)…"))
    if w.clerk is not None:
        w.act_questions.setText(QCoreApplication.translate("FieldNotes", "政策課からの質問(&Q)…"))
    else:
        w.act_questions.setText(QCoreApplication.translate("FieldNotes", "質問の一覧(&Q)…"))
    update_banner(w)


def _on_form_built(w: MainWindow, form: QWidget) -> None:
    view = getattr(form, "view", None)
    if view is not None:  # a grid: Shift+F2 and the right button open the cell's notes
        view.addAction(w.act_field_notes)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    strip = getattr(form, "notes_strip", None)
    if isinstance(strip, NotesStrip):
        strip.open_requested.connect(lambda target, what: open_dialog(w, target, what))


def _on_cells_changed(w: MainWindow, targets: tuple[object, ...]) -> None:
    if any(isinstance(t, AnnotationField) for t in targets):
        update_banner(w)


def current_field(w: MainWindow) -> tuple[Target, str] | None:
    """The field the person is on: the current cell of the shown grid, or the measure form's status
    or 実施等状況 (the one with the focus; 実施等状況 else)."""
    from kodaira_desk.services.field_words import describe as in_words
    from kodaira_desk.ui.forms.grid_model import EntryGridModel

    form = w.page.tabs.currentWidget() if w.page.tabs.isVisible() or w.page.tabs.count() else None
    if form is None:
        return None
    view = getattr(form, "view", None)
    model = getattr(form, "model", None)
    if view is not None and isinstance(model, EntryGridModel):
        index = view.currentIndex()
        target = model.field_at(index) if index.isValid() else None
        return (target, model.what(index)) if target is not None else None
    node = getattr(form, "node", None)
    if isinstance(node, Node):
        status = getattr(form, "status", None)
        focused = status is not None and (status.hasFocus() or status.isAncestorOf(w.focusWidget()))
        target = ProgressField(node.plan_id, node.key, w.year.year, "status" if focused else "narrative")
        from kodaira_desk.services.editing import key_of

        return target, in_words(w.editor.trees, key_of(target))
    return None


def open_for_current(w: MainWindow, focus: str = "note") -> FieldNotesDialog | None:
    found = current_field(w)
    if found is None:
        w.statusBar().showMessage(QCoreApplication.translate(
            "FieldNotes", "メモを付ける欄（表のセル、進捗状況か実施等状況）を選んでから開いてください。"), 8000)
        return None
    return open_dialog(w, *found, focus=focus)


def open_dialog(w: MainWindow, target: Target, what: str, focus: str = "note") -> FieldNotesDialog:
    from kodaira_desk.ui.notes.field_notes_dialog import FieldNotesDialog

    dialog = FieldNotesDialog(w, target, what, focus, take_in=lambda applied: take_in_annotations(w, applied))
    free_when_closed(dialog, w.tasks)  # (else each opening stayed in the window for the session)
    dialog.open()
    return dialog


def open_key(w: MainWindow, field_key: str, focus: str = "answer") -> FieldNotesDialog:
    """The notes of a field named by its key (a question in a list), its item shown in the window."""
    from kodaira_desk.services.editing import key_of
    from kodaira_desk.services.field_words import describe as in_words

    target = target_of(field_key)
    w.select_node(*w.editor.node_of(target))
    return open_dialog(w, target, in_words(w.editor.trees, key_of(target)), focus)


def show_questions(w: MainWindow) -> QuestionsDialog:
    from kodaira_desk.ui.notes.questions_dialog import QuestionsDialog

    dialog = QuestionsDialog(w, open_field=lambda key: open_key(w, key),
                             take_in=lambda applied: take_in_annotations(w, applied))
    free_when_closed(dialog, w.tasks)
    dialog.open()
    return dialog


def take_in_annotations(w: MainWindow, applied: Applied) -> None:
    """An attachment, a question or its closing changed the database: take the re-read plans (the
    unsaved edits stay, and so does the undo history) and repaint what shows them."""
    w.editor.session.take_in(applied.trees)
    w.model.replace_trees(w.editor.trees, applied.changes.nodes(w.editor.trees.loaded()))
    for form in w.page.built_grids():  # the grids' cached cells (their marks) are asked again
        form.model.refresh()
    w.editor.cells_changed.emit(tuple(AnnotationField(k) for k in sorted(applied.changes.keys)))
    w.update_title()


def open_questions(w: MainWindow) -> tuple[int, int]:
    """The clerk's department's questions: (not answered, answered and not yet taken)."""
    from kodaira_desk.services.notes import questions_for

    if w.clerk is None:
        return 0, 0
    unanswered = answered = 0
    for q in questions_for(w.editor.trees.values(), w.clerk.department):
        content = w.editor.content(AnnotationField(q.key("answer")))
        if isinstance(content, str) and content.strip():
            answered += q.state is not QuestionState.CLOSED
        else:
            unanswered += 1
    return unanswered, answered


def update_banner(w: MainWindow) -> None:
    if w.clerk is None or getattr(w, "_banner", None) is None:
        return
    unanswered, answered = open_questions(w)
    w.banner.show_questions(unanswered, answered, lambda: show_questions(w))


class NotesStrip(QWidget):
    """Under the measure form: the status's and the 実施等状況's note, questions and files, each with
    a button that opens them (the same dialog as Shift+F2)."""

    open_requested = Signal(object, str)  # (field, what)

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.node: Node | None = None
        self.word = "実施等状況"  # the plan's word for the narrative (tree.plan.round.narrative_label)
        self.year = FiscalYear(2020)
        self.rows: dict[str, tuple[QLabel, QToolButton]] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        for part in ("status", "narrative"):
            label = QLabel()
            label.setObjectName(f"notesStrip_{part}")
            label.setWordWrap(True)
            label.setStyleSheet("color:#444")
            button = QToolButton()
            button.setObjectName(f"notesButton_{part}")
            button.clicked.connect(lambda _=False, p=part: self._open(p))
            row = QHBoxLayout()
            row.addWidget(label, 1)
            row.addWidget(button)
            lay.addLayout(row)
            self.rows[part] = (label, button)
        editor.cells_changed.connect(self._on_cells_changed)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the buttons' words in the new language
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for part, (_label, button) in self.rows.items():
            if part == "status":
                button.setText(QCoreApplication.translate("FieldNotes", "進捗状況のメモ・添付(&C)…"))
            elif self.word == "実施内容":  # the plan's word for the narrative (a program: 実施内容)
                button.setText(QCoreApplication.translate("FieldNotes", "実施内容のメモ・添付(&X)…"))
            else:
                button.setText(QCoreApplication.translate("FieldNotes", "実施等状況のメモ・添付(&X)…"))
        self.refresh()

    def field(self, part: str) -> ProgressField | None:
        return ProgressField(self.node.plan_id, self.node.key, self.year.year, part) if self.node else None

    def load(self, node: Node, year: FiscalYear, word: str = "実施等状況") -> None:
        changed = word != self.word
        self.node, self.year, self.word = node, year, word
        if changed:
            self.retranslate()  # (refreshes)
        else:
            self.refresh()

    def refresh(self) -> None:
        for part, (label, _button) in self.rows.items():
            target = self.field(part)
            marks = marks_for(self.editor, target) if target is not None else None
            if part == "status":
                name = QCoreApplication.translate("FieldNotes", "進捗状況")
            elif self.word == "実施内容":
                name = QCoreApplication.translate("FieldNotes", "実施内容")
            else:
                name = QCoreApplication.translate("FieldNotes", "実施等状況")
            lines = describe(marks)
            label.setText(f"{name}: {summary(marks)}　{' '.join(lines)[:160]}" if marks else "")
            label.setToolTip("\n".join(lines))
            label.setVisible(bool(marks))

    def _on_cells_changed(self, targets: tuple[object, ...]) -> None:
        if self.node is not None and any(isinstance(t, AnnotationField) for t in targets):
            self.refresh()

    def _open(self, part: str) -> None:
        target = self.field(part)
        if target is not None:
            from kodaira_desk.services.editing import key_of
            from kodaira_desk.services.field_words import describe as in_words

            self.open_requested.emit(target, in_words(self.editor.trees, key_of(target)))
