"""Who writes a note, a question or an answer, and the text as it is kept (issue 25): shared by
the typed save (services.editing) and the notes' own actions (services.notes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kodaira_desk.domain.annotations import ATTACHMENT, AnnotationKey
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.limits import MAX_NOTE_CHARS, MAX_PERSON_CHARS, LimitError, check_text

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

DIVISION = "政策課"  # who the master's notes and questions are from when no name is set


class AnnotationError(DomainError):
    """A note, question or attachment that cannot be written as asked (the message says why)."""


def author(uow: UnitOfWork, actor: str | None) -> str:
    """Who is writing: in a department file its 課 (and the clerk's name), in the master the name
    or 政策課."""
    name = (actor or "").strip()[:MAX_PERSON_CHARS - 30]
    if uow.meta.is_department_file:
        department = uow.meta.get("department") or ""
        if not name:
            return department
        # a name typed with its 課 (「高齢者支援課 佐藤」, as the name's question shows 「政策課 山田」)
        # is kept as typed: the PC keeps one name for every file, and a second 課 before it read
        # 「文化スポーツ課 高齢者支援課 佐藤」
        return name if name.startswith(department) or names_a_department(name) else f"{department} {name}"
    return name or DIVISION


def names_a_department(name: str) -> bool:
    """Whether a person's name begins with a 課 (or 室): its first word, before a space of either width."""
    first = name.replace("\u3000", " ").split(" ", 1)[0]
    return len(name.split()) > 1 and first.endswith(("課", "室"))


def checked(what: str, text: str) -> str:
    """A note's, a question's or an answer's text within the limits (AnnotationError: why not)."""
    try:
        return check_text(what, text, max_chars=MAX_NOTE_CHARS)
    except LimitError as exc:
        raise AnnotationError(exc.message.replace(f"{what}: ", "")) from exc


def checked_text(key: str, content: object) -> str | None:
    """An annotation field's text as it is kept: stripped, within the limits (an attachment's value,
    its file's name, was checked with the file)."""
    text = content.strip() if isinstance(content, str) else ""
    if text and AnnotationKey.parse(key).layer != ATTACHMENT:
        checked(key, text)
    return text or None
