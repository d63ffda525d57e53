"""The policy division's 確定 of a plan's year, and corrections (修正) afterwards.

Once the committee has seen a year's figures, the division fixes the year of a plan: from then on
its entry fields (values and texts of that year) are refused by a save, held by a collection (a
conflict of kind `locked`, the master keeping its value) and refused by a resolution, each naming
the fields. A change after that is a correction: one field, a new value, a reason, written in one
transaction with an audit row of source "correction" that keeps the reason. Reports printed after a
correction say 修正版 with its date (services.reports asks `revised_on`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kodaira_desk.domain.annotations import is_annotation_key, plan_id_of
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.round_year import YearLock, lock_of_key
from kodaira_desk.services.editing import content_of, content_to_field, target_of, write_edits
from kodaira_desk.services.field_words import describe, trees_by_id
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.plans import load_plan, plan_list
from kodaira_desk.services.rounds.conflicts import parse_typed
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_year_repository import CorrectionRecord

MAX_REASON_CHARS = 500


class LockError(DomainError):
    """A lock or correction that cannot be made as asked."""


UNKNOWN_PLAN = "計画「{plan}」が見つかりません（計画 id: {known}）。計画 id は kodaira-desk plans で確かめられます。"


def require_plan(db: Database, plan_id: str) -> None:
    """Refuse an unknown plan id first, naming those there are: before the round's state (who has
    not returned, which year is fixed) is said of a plan that does not exist."""
    known = [p.id for p in plan_list(db)]
    if plan_id not in known:
        raise LockError.of(UNKNOWN_PLAN, plan=plan_id, known="、".join(known) or "なし")


@dataclass(frozen=True)
class Correction:
    """A correction as the window and the audit show it."""

    at: str
    key: str
    item: str  # the field in words
    old: str | None
    new: str | None
    reason: str
    actor: str | None
    written: Mapping[str, FieldValue] = field(default_factory=dict)  # the fields written (a correction made now)


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def locks(db: Database) -> list[YearLock]:
    with db.reading() as uow:
        return uow.year.locks()


def lock_of(db: Database, plan_id: str, year: FiscalYear) -> YearLock | None:
    return next((lk for lk in locks(db) if lk.plan_id == plan_id and lk.year == year.year), None)


def lock_year(db: Database, plan_id: str, year: FiscalYear, actor: str | None = None, note: str = "") -> YearLock:
    """Fix `year` of the plan (確定). Refused for an unknown plan, a year outside its period, or a year
    already fixed (saying by whom and when)."""
    require_master(db)
    require_plan(db, plan_id)
    try:
        tree = load_plan(db, plan_id)
    except KeyError:  # removed meanwhile
        raise LockError.of(UNKNOWN_PLAN, plan=plan_id, known="、".join(p.id for p in plan_list(db))) from None
    first, last = tree.plan.period_from.year, tree.last_active_year.year
    if not first <= year.year <= last:
        raise LockError(f"{year.era_label()}は「{tree.plan.title}」の期間（{FiscalYear(first).era_label()}～"
                        f"{FiscalYear(last).era_label()}）の外です。")
    with db.unit_of_work() as uow:
        repo = uow.year
        known = next((lk for lk in repo.locks() if lk.plan_id == plan_id and lk.year == year.year), None)
        if known is not None:
            raise LockError(f"「{tree.plan.title}」の{year.era_label()}は確定済みです（{_when(known.locked_at)} "
                            f"{known.locked_by or ''}）。")
        lock = YearLock(plan_id, year.year, _now(), actor, note.strip()[:MAX_REASON_CHARS])
        repo.add_lock(lock)
        uow.audit.add(f"lock:{plan_id}:{year.year}", None, "確定", "lock", None, actor, lock.note or None)
    return lock


def correct(db: Database, key: str, text: str | None, reason: str, actor: str | None = None) -> Correction:
    """A correction (修正) of one field of a fixed year: the value read as the grid reads it, a
    reason required, the audit row keeping it. Refused for a field of a year that is not fixed (that
    is an ordinary edit) or a value the grid would refuse."""
    require_master(db)
    why = " ".join((reason or "").split())
    if not why:
        raise LockError("修正の理由を入力してください（変更履歴と帳票の修正版の記録に残ります）。")
    if len(why) > MAX_REASON_CHARS:
        raise LockError(f"修正の理由が長すぎます（{MAX_REASON_CHARS} 文字まで）。")
    try:
        target = target_of(key)
    except ValueError:
        raise LockError(f"修正する項目が正しくありません: {key}") from None
    require_plan(db, plan_id_of(key))
    trees = trees_by_id(db)
    item = describe(trees, key)
    if is_annotation_key(key):  # a note, a question, an attachment: not fixed with the year's values
        raise LockError(f"{item}: メモ・質問・添付ファイルは確定の対象ではありません。修正ではなく、"
                        "ふつうに入力して保存してください。")
    content = parse_typed(trees, key, text)
    new = content_to_field(content)
    with db.unit_of_work() as uow:
        if lock_of_key(key, uow.year.locked()) is None:
            fk = FieldKey.parse(key)
            raise LockError(f"{item}: {FiscalYear(fk.year).era_label()}は確定されていません。修正ではなく、"
                            "ふつうに入力して保存してください。")
        old = uow.fields.current([key])[key]
        if old == new:
            raise LockError(f"{item}: 今の値と同じです（{old or '空欄'}）。")
        write_edits(uow.fields, {target: None if new is None else content_of(target, new)})
        uow.audit.add(key, old, new, "correction", None, actor, why)
        written = dict(uow.changed)
    return Correction(_now(), key, item, old, new, why, actor, written)


def corrections(db: Database, plan_id: str | None = None) -> list[Correction]:
    """Every correction (of one plan), oldest first, with the field in words."""
    with db.reading() as uow:
        rows: Sequence[CorrectionRecord] = uow.year.corrections(plan_id)
    trees = trees_by_id(db) if rows else {}
    return [Correction(r.at, r.key, describe(trees, r.key), r.old, r.new, r.reason, r.actor) for r in rows]


def revised_on(db: Database, plan_id: str, up_to: FiscalYear | None = None) -> datetime.date | None:
    """The day of the latest correction of the plan's fields (of years up to `up_to`): a report
    printed now is a 修正版 of that day. None when nothing was corrected."""
    days = []
    for c in corrections(db, plan_id):
        fk = FieldKey.parse(c.key)
        if up_to is None or fk.year <= up_to.year:
            try:
                days.append(datetime.date.fromisoformat(c.at[:10]))
            except ValueError:
                continue
    return max(days) if days else None


def _when(at: str) -> str:
    return at.replace("T", " ")[:16]
