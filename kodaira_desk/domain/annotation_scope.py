"""Whose notes, questions and attachments they are: the same answer for the window (what a clerk may
type), the hand-out (what a department's file carries) and the merge (what a returned file may
change). Built on domain.scope.

- A note and an attachment go with their field: a department may change them where it may change
  the field (its own item, the handed-out year).
- A question is addressed to the lead departments of its field's item (an indicator's, a
  measure's), whatever the year: "why did the R2 forecast fall?" is answered in the R3 file. Only
  the division writes the question and closes it; the department writes the answer.
- A department's file carries the notes, questions and attachments of the items it leads, and
  nothing of other departments' items (their evidence files would only make the file heavy, and
  the division's questions to a department are that department's).
"""

from __future__ import annotations

from kodaira_desk.domain.annotations import (
    QUESTION,
    QUESTION_ANSWER,
    AnnotationKey,
    is_annotation_key,
)
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.scope import DepartmentScope, field_owners


def leads_item(scope: DepartmentScope, field_key: str) -> bool:
    """Whether the scope's department leads the item (indicator or node) a field belongs to."""
    try:
        fk = FieldKey.parse(field_key)
    except ValueError:
        return False
    if fk.plan_id != scope.tree.plan.id:
        return False
    return scope.owns_indicator(fk.item) if fk.kind == "value" else scope.owns_node(fk.item)


def owns(scope: DepartmentScope, key: str) -> bool:
    """Whether the department may change this annotation field (a returned file, clerk mode)."""
    ak = AnnotationKey.parse(key)
    if ak.layer == QUESTION:
        return ak.part == QUESTION_ANSWER and leads_item(scope, ak.field_key)
    return scope.owns_field(ak.field_key)


def in_year(key: str, year: int) -> bool:
    """Whether a change of this annotation field belongs to a file handed out for `year`: a note or
    an attachment goes with its field's year; an answer may be about any year."""
    ak = AnnotationKey.parse(key)
    if ak.layer == QUESTION:
        return True
    try:
        return FieldKey.parse(ak.field_key).year == year
    except ValueError:
        return False


def carried(scope: DepartmentScope | None, key: str) -> bool:
    """Whether the department's file carries this annotation (any other field: always)."""
    if not is_annotation_key(key):
        return True
    if scope is None:
        return False
    try:
        return leads_item(scope, AnnotationKey.parse(key).field_key)
    except ValueError:
        return False


def addressed_to(tree: PlanTree, field_key: str) -> list[str]:
    """The departments a question about this field goes to: the lead departments of its item."""
    try:
        fk = FieldKey.parse(field_key)
        return field_owners(tree, fk) if fk.plan_id == tree.plan.id else []
    except (ValueError, KeyError):
        return []
