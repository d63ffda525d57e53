"""What travels beside an entry field's value: a note, the division's questions and their answers,
and the evidence files that back a figure (issue 25).

Each of them is also a *field* of its own, named by a key that ends with the key of the entry field
it belongs to (domain.fields), so the round hands them out, merges them three ways, holds their
conflicts and audits them exactly like values:

    note:{field}                          → the note's text
    attachment:{sha256}:{field}           → the attached file's name (its content is named by the hash)
    question:{id}:text:{field}            → the division's question
    question:{id}:answer:{field}          → the department's answer
    question:{id}:closed:{field}          → "closed" once the division has taken the answer

Who wrote a note, asked, answered or attached, and when, is kept beside each (not compared by
the merge: two people writing the same words is no conflict).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

NOTE = "note"
ATTACHMENT = "attachment"
QUESTION = "question"
LAYERS = (NOTE, ATTACHMENT, QUESTION)
_PREFIXES = tuple(f"{layer}:" for layer in LAYERS)

QUESTION_TEXT = "text"
QUESTION_ANSWER = "answer"
QUESTION_CLOSED = "closed"
QUESTION_PARTS = (QUESTION_TEXT, QUESTION_ANSWER, QUESTION_CLOSED)
CLOSED = "closed"  # the value of a question's closed field

_SHA256 = re.compile(r"[0-9a-f]{64}")
_QUESTION_ID = re.compile(r"[0-9a-f]{32}")


def is_annotation_key(key: str) -> bool:
    """Whether a field key names a note, an attachment or a question (not an entry field)."""
    return key.startswith(_PREFIXES)


@dataclass(frozen=True)
class AnnotationKey:
    """The parts of an annotation's key (see the module docstring)."""

    layer: str  # note | attachment | question
    field_key: str  # the entry field it belongs to
    ref: str = ""  # an attachment's SHA-256, a question's id
    part: str = ""  # a question's text | answer | closed

    def __str__(self) -> str:
        if self.layer == NOTE:
            return f"{NOTE}:{self.field_key}"
        if self.layer == ATTACHMENT:
            return f"{ATTACHMENT}:{self.ref}:{self.field_key}"
        return f"{QUESTION}:{self.ref}:{self.part}:{self.field_key}"

    @classmethod
    def parse(cls, key: str) -> AnnotationKey:
        layer, _, rest = key.partition(":")
        if layer == NOTE and rest:
            return cls(NOTE, rest)
        if layer == ATTACHMENT:
            sha, _, field_key = rest.partition(":")
            if _SHA256.fullmatch(sha) and field_key:
                return cls(ATTACHMENT, field_key, sha)
        if layer == QUESTION:
            qid, _, rest = rest.partition(":")
            part, _, field_key = rest.partition(":")
            if _QUESTION_ID.fullmatch(qid) and part in QUESTION_PARTS and field_key:
                return cls(QUESTION, field_key, qid, part)
        raise ValueError(f"not an annotation key: {key!r}")

    @classmethod
    def note(cls, field_key: str) -> AnnotationKey:
        return cls(NOTE, field_key)

    @classmethod
    def attachment(cls, field_key: str, sha256: str) -> AnnotationKey:
        return cls(ATTACHMENT, field_key, sha256)

    @classmethod
    def question(cls, field_key: str, question_id: str, part: str) -> AnnotationKey:
        return cls(QUESTION, field_key, question_id, part)


def underlying(key: str) -> str:
    """The entry field a key belongs to: itself for an entry field, the annotated field else."""
    if is_annotation_key(key):
        try:
            return AnnotationKey.parse(key).field_key
        except ValueError:
            return key
    return key


def plan_id_of(key: str) -> str:
    """The plan of any field key, an annotation's included (its field's)."""
    field = underlying(key)
    return field.split(":", 2)[1] if field.count(":") >= 2 else ""


def is_question_id(text: str) -> bool:
    return bool(_QUESTION_ID.fullmatch(text))


def is_sha256(text: str) -> bool:
    return bool(_SHA256.fullmatch(text))


@dataclass(frozen=True)
class Note:
    """A short text on one entry field, with who wrote it and when."""

    field_key: str
    text: str
    author: str | None = None
    at: str | None = None  # ISO date and time


class QuestionState(Enum):
    OPEN = "open"  # asked, not answered (未回答)
    ANSWERED = "answered"  # answered, the division has not taken it yet (回答あり)
    CLOSED = "closed"  # the division took the answer or withdrew the question (完了)

    @property
    def label(self) -> str:
        return {QuestionState.OPEN: "未回答", QuestionState.ANSWERED: "回答あり",
                QuestionState.CLOSED: "完了"}[self]


@dataclass(frozen=True)
class Question:
    """A question from the policy division about one entry field, and the department's answer."""

    id: str
    field_key: str
    text: str
    asked_by: str | None = None
    asked_at: str | None = None
    answer: str | None = None
    answered_by: str | None = None
    answered_at: str | None = None
    closed_by: str | None = None
    closed_at: str | None = None

    @property
    def state(self) -> QuestionState:
        if self.closed_at:
            return QuestionState.CLOSED
        return QuestionState.ANSWERED if self.answer else QuestionState.OPEN

    def key(self, part: str) -> str:
        return str(AnnotationKey.question(self.field_key, self.id, part))


@dataclass(frozen=True)
class Attachment:
    """An evidence file attached to one entry field (its content is kept once, by its hash)."""

    field_key: str
    sha256: str
    name: str
    kind: str  # domain.evidence.EvidenceKind value
    size: int
    added_by: str | None = None
    added_at: str | None = None

    @property
    def key(self) -> str:
        return str(AnnotationKey.attachment(self.field_key, self.sha256))


@dataclass(frozen=True)
class Annotations:
    """Every note, question and attachment of one plan, looked up by the entry field's key."""

    notes: tuple[Note, ...] = ()
    questions: tuple[Question, ...] = ()
    attachments: tuple[Attachment, ...] = ()

    @cached_property
    def _notes(self) -> dict[str, Note]:
        return {n.field_key: n for n in self.notes}

    @cached_property
    def _questions(self) -> dict[str, list[Question]]:
        out: dict[str, list[Question]] = {}
        for q in sorted(self.questions, key=lambda q: (q.asked_at or "", q.id)):
            out.setdefault(q.field_key, []).append(q)
        return out

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def _attachments(self) -> dict[str, list[Attachment]]:
        out: dict[str, list[Attachment]] = {}
        for a in sorted(self.attachments, key=lambda a: (a.added_at or "", a.name)):
            out.setdefault(a.field_key, []).append(a)
        return out

    def __bool__(self) -> bool:
        return bool(self.notes or self.questions or self.attachments)

    def note(self, field_key: str) -> Note | None:
        return self._notes.get(field_key)

    def questions_on(self, field_key: str) -> list[Question]:
        return list(self._questions.get(field_key, []))

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    def attachments_on(self, field_key: str) -> list[Attachment]:
        return list(self._attachments.get(field_key, []))

    def annotated_fields(self) -> set[str]:
        """The entry fields with a note, a question or an attachment."""
        return set(self._notes) | set(self._questions) | set(self._attachments)

    @cached_property
    def _fields(self) -> dict[str, str]:
        return annotation_fields(self.notes, self.questions, self.attachments)

    def fields(self) -> dict[str, str]:
        """The annotations as fields (keys as in the module docstring, values as the merge compares)."""
        return dict(self._fields)

    def field(self, key: str) -> str | None:
        """One annotation field's value (None: nothing there)."""
        return self._fields.get(key)


def annotation_fields(notes: Iterable[Note], questions: Iterable[Question],
                      attachments: Iterable[Attachment]) -> dict[str, str]:
    out: dict[str, str] = {}
    for n in notes:
        if n.text:
            out[str(AnnotationKey.note(n.field_key))] = n.text
    for q in questions:
        out[q.key(QUESTION_TEXT)] = q.text
        if q.answer:
            out[q.key(QUESTION_ANSWER)] = q.answer
        if q.closed_at:
            out[q.key(QUESTION_CLOSED)] = CLOSED
    for a in attachments:
        out[a.key] = a.name
    return out


NO_ANNOTATIONS = Annotations()
