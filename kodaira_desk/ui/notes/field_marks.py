"""What a cell shows of its note, questions and evidence files (issue 25): marks drawn in the cell's
corners, words for its tooltip, the details line and a screen reader.

The marks are shapes and letters, not colours alone: a triangle in the top right corner for a
note (as a spreadsheet marks a comment), 「問」 at the top left for a question not yet answered,
「答」 for one answered and not yet taken by the division, 「添」 at the bottom left for evidence
files. Unsaved notes and answers show as typed (the editor's session).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPolygonF

from kodaira_desk.domain.annotations import QUESTION_ANSWER, AnnotationKey, Question, QuestionState
from kodaira_desk.services.editing import AnnotationField, Target, key_of
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.i18n import listed

ANNOTATION_ROLE = int(Qt.ItemDataRole.UserRole) + 40  # a cell's FieldMarks (None: nothing)
NOTE_COLOUR = QColor("#c0392b")
QUESTION_COLOUR = QColor("#8e1a1a")
ANSWER_COLOUR = QColor("#1a4f8e")
ATTACHMENT_COLOUR = QColor("#3d5a1e")
MARK_BACKGROUND = QColor(255, 255, 255, 225)


@dataclass(frozen=True)
class FieldMarks:
    """A field's note (as typed), its questions and how many evidence files back it."""

    note: str | None
    note_by: str | None
    questions: tuple[tuple[Question, str | None], ...]  # each question with its answer as typed
    attachments: tuple[str, ...]  # the files' names

    def __bool__(self) -> bool:
        return bool(self.note or self.questions or self.attachments)

    @property
    def unanswered(self) -> int:
        return sum(1 for q, answer in self.questions if q.state is not QuestionState.CLOSED and not answer)

    @property
    def answered(self) -> int:
        return sum(1 for q, answer in self.questions if q.state is not QuestionState.CLOSED and answer)


def note_field(target: Target) -> AnnotationField:
    return AnnotationField(str(AnnotationKey.note(key_of(target))))


def answer_field(question: Question) -> AnnotationField:
    return AnnotationField(question.key(QUESTION_ANSWER))


def marks_for(editor: Editor, target: Target | None) -> FieldMarks | None:
    """The marks of one field, with what is typed and not yet saved; None when there are none."""
    if target is None or isinstance(target, AnnotationField) or target.plan_id not in editor.trees:
        return None
    annotations = editor.trees[target.plan_id].annotations
    key = key_of(target)
    note_target = note_field(target)
    note = editor.content(note_target) if annotations or editor.is_edited(note_target) else None
    stored = annotations.note(key)
    questions = tuple((q, _text(editor.content(answer_field(q)))) for q in annotations.questions_on(key))
    files = tuple(a.name for a in annotations.attachments_on(key))
    marks = FieldMarks(_text(note), stored.author if stored else None, questions, files)
    return marks if marks else None


def _text(content: object) -> str | None:
    return content if isinstance(content, str) and content.strip() else None


def describe(marks: FieldMarks | None) -> list[str]:
    """The marks in words, one line each: the tooltip's and the details line's."""
    if not marks:
        return []
    translate = QCoreApplication.translate
    lines: list[str] = []
    if marks.note:
        who = translate("FieldMarks", "（{who}）").format(who=marks.note_by) if marks.note_by else ""
        lines.append(translate("FieldMarks", "メモ{who}: {text}").format(who=who, text=marks.note))
    for q, answer in marks.questions:
        if q.state is QuestionState.CLOSED:
            state = QCoreApplication.translate("FieldMarks", "完了")
        elif answer:
            state = QCoreApplication.translate("FieldMarks", "回答あり")
        else:
            state = QCoreApplication.translate("FieldMarks", "未回答")
        lines.append(translate("FieldMarks", "政策課からの質問（{state}）: {text}").format(state=state, text=q.text))
        if answer:
            lines.append(translate("FieldMarks", "　回答: {text}").format(text=answer))
    if marks.attachments:
        names = listed(marks.attachments)
        lines.append(QCoreApplication.translate("FieldMarks", "添付ファイル %n 件: {names}", "", len(marks.attachments)).format(
            names=names))
    return lines


def summary(marks: FieldMarks | None) -> str:
    """A short phrase for a screen reader: メモあり、未回答の質問 1 件、添付ファイル 2 件."""
    if not marks:
        return ""
    parts = []
    if marks.note:
        parts.append(QCoreApplication.translate("FieldMarks", "メモあり"))
    if marks.unanswered:
        parts.append(QCoreApplication.translate("FieldMarks", "未回答の質問 %n 件", "", marks.unanswered))
    if marks.answered:
        parts.append(QCoreApplication.translate("FieldMarks", "回答済みの質問 %n 件", "", marks.answered))
    if marks.attachments:
        n = len(marks.attachments)
        parts.append(QCoreApplication.translate("FieldMarks", "添付ファイル %n 件", "", n))
    return listed(parts)


def marks_legend() -> str:
    """What the marks mean, for a grid's legend line."""
    return QCoreApplication.translate(
        "FieldMarks", " 右上の三角: メモ、「問」: 未回答の質問、「答」: 回答済みの質問、「添」: 添付ファイル（Shift+F2 で開く）。")


FRAME_ROOM = 3  # pixels
CHECK_ROOM = 14


def paint_marks(painter: QPainter, rect: QRect, marks: FieldMarks) -> None:
    """Draw the marks in the cell's corners, small enough to leave the value readable."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if marks.note:
        size = 8.0
        right, top = float(rect.right()), float(rect.top())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NOTE_COLOUR)
        painter.drawPolygon(QPolygonF([QPointF(right - size, top), QPointF(right + 1, top),
                                       QPointF(right + 1, top + size + 1)]))
    font = QFont(painter.font())
    font.setPixelSize(max(9, min(12, rect.height() // 3)))
    font.setBold(True)
    painter.setFont(font)
    side = painter.fontMetrics().height()
    flags = int(Qt.AlignmentFlag.AlignCenter)
    glyphs: list[tuple[str, QColor, bool]] = []  # (letter, colour, at the top)
    if marks.unanswered:
        glyphs.append(("問", QUESTION_COLOUR, True))
    elif marks.answered:
        glyphs.append(("答", ANSWER_COLOUR, True))
    if marks.attachments:
        glyphs.append(("添", ATTACHMENT_COLOUR, False))
    for glyph, colour, top in glyphs:
        # clear of the 2-pixel focus frame and, at the top, of the yellow check's triangle in the
        # top-left corner (ui/cell_marks.py, at most 12 pixels)
        left = rect.left() + (CHECK_ROOM if top else FRAME_ROOM)
        box = QRect(left, rect.top() + FRAME_ROOM if top else rect.bottom() - FRAME_ROOM - side, side, side)
        painter.fillRect(box, MARK_BACKGROUND)  # readable on a selected (blue) cell too
        painter.setPen(colour)
        painter.drawText(box, flags, glyph)
    painter.restore()
