"""Fields and the round's records in words, as the window, the files and the messages name them:
市内体験農園の区画数 令和2年度 実績, 1.2 事業名 令和2年度 実施等状況, 確定（総合戦略 令和2年度）."""

from __future__ import annotations

from collections.abc import Mapping

from kodaira_desk.domain.annotations import (
    ATTACHMENT,
    NOTE,
    QUESTION_ANSWER,
    QUESTION_TEXT,
    AnnotationKey,
    is_annotation_key,
)
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, ValueKind, display_number
from kodaira_desk.services.plans import load_all
from kodaira_desk.store.database import Database


def describe(trees: Mapping[str, PlanTree], key: str) -> str:
    """A field in words: 市内体験農園の区画数 令和2年度 実績 (のメモ, への質問, …)."""
    if is_annotation_key(key):
        return _describe_annotation(trees, key)
    try:
        fk = FieldKey.parse(key)
    except ValueError:
        return _describe_record(trees, key)
    tree = trees.get(fk.plan_id)
    if tree is None:
        return key
    year = year_words(fk.year)
    if fk.kind == "value":
        try:
            name = tree.indicator(fk.item).name
        except KeyError:
            return key
        return f"{name} {year} {ValueKind(fk.part).label}"
    if not tree.has_node(fk.item):
        return key
    node = tree.node(fk.item)
    if fk.kind == "progress":  # the narrative in the plan's word; a program's 決算額 and its reason
        what = {"status": "進捗状況", "narrative": tree.plan.round.narrative_label, "settled": "決算額",
                "settled_note": "決算額の差の理由"}.get(fk.part, fk.part)
    else:
        what = "費用" if fk.kind == "cost" else "年次計画"
    parent = tree.node(node.parent_key).number if node.parent_key and tree.has_node(node.parent_key) else None
    return f"{display_number(node.number, parent)} {node.title} {year} {what}"  # ①－２, as the tree shows it


def year_words(year: int) -> str:
    """A field's year as its words say it: 令和8年度 (2026年度 outside the eras known)."""
    try:
        return FiscalYear(year).era_label()
    except DomainError:
        return f"{year}年度"


def _describe_record(trees: Mapping[str, PlanTree], key: str) -> str:
    """An audit row that is not a field in words: the round's year (issue 24), a grading setting."""
    if key.startswith("grading:"):
        return _describe_grading(trees, key)
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in ("head-check", "lock", "round"):
        return key
    kind, what, number = parts if parts[0] != "round" else (parts[0], parts[2], parts[1])
    try:
        year = FiscalYear(int(number)).era_label()
    except (ValueError, DomainError):
        return key
    if kind == "head-check":
        return f"課長確認（{what} {year}）"
    if kind == "lock":
        tree = trees.get(what)
        return f"確定（{tree.plan.title if tree else what} {year}）"
    return f"{'提出期限' if what == 'deadline' else '課長確認の要否'}（{year}）"


def _describe_annotation(trees: Mapping[str, PlanTree], key: str) -> str:
    """A note, a question's part or an attachment (issue 25) in words: its field's, then what it is."""
    try:
        ak = AnnotationKey.parse(key)
    except ValueError:
        return key
    field = describe(trees, ak.field_key)
    if ak.layer == NOTE:
        return f"{field} のメモ"
    if ak.layer == ATTACHMENT:
        return f"{field} の添付ファイル"
    part = {QUESTION_TEXT: "質問", QUESTION_ANSWER: "質問への回答"}.get(ak.part, "質問の完了")
    return f"{field} への{part}"


def _describe_grading(trees: Mapping[str, PlanTree], key: str) -> str:
    """grading:thresholds, grading:<plan>:<indicator> (services.achievement's audit keys) in words."""
    parts = key.split(":", 2)
    if parts == ["grading", "thresholds"]:
        return "達成・概ね順調の基準（全計画）"
    tree = trees.get(parts[1]) if len(parts) == 3 else None
    if tree is None:
        return key
    try:
        name = tree.indicator(parts[2]).name
    except KeyError:
        return key
    return f"{name} の達成状況の向き"


def trees_by_id(db: Database) -> dict[str, PlanTree]:
    return {t.plan.id: t for t in load_all(db)}
