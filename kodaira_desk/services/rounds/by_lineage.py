"""A returned .kdesk placed by its chain of saves among its hand-out's collected revisions
(domain.lineage, MERGE.md): the same save is a no-op, an ancestor of a collected revision is 古い版,
anything else is merged three-way against the nearest collected ancestor the master keeps, or
against the hand-out's snapshot. A sibling copy (the handed-out file copied and filled twice) never
reverts what another copy set: where both changed a field differently, it is a conflict (要確認).
A file saved before chains were kept has none and is ordered by its counter as before (collect.py).
"""

from __future__ import annotations

from kodaira_desk.domain import lineage
from kodaira_desk.domain.round import Outcome
from kodaira_desk.domain.round_records import Handout
from kodaira_desk.services.rounds.common import FileOutcome
from kodaira_desk.services.rounds.lines import ReturnLine
from kodaira_desk.store.department_file import DepartmentFile, FileRefused
from kodaira_desk.store.round_repository import RoundRepository


def placed(repo: RoundRepository, name: str, f: DepartmentFile, h: Handout) -> tuple[ReturnLine, FileOutcome | None]:
    """The line to merge `f` in (its base: a snapshot the master keeps), or the outcome when there is
    nothing to merge (already collected); raises FileRefused (古い版) for an ancestor of a collected
    revision, naming both revisions and their saves."""
    collected = repo.collected_saves(h.id)
    where = lineage.place(f.saves, collected)
    line = ReturnLine(False, h.collected_revision, h.collected_saved_at, h.base_snapshot)
    if where.place is lineage.Place.SAME:
        return line, FileOutcome(name, Outcome.ALREADY_COLLECTED.value,
                                 f"{name}: 第 {f.revision} 版は取込済みです（変更はありません）。", h.department)
    if where.place is lineage.Place.ANCESTOR:
        n = where.newer
        assert n is not None
        raise FileRefused(Outcome.STALE.value,
                          f"{name}: 古い版です（届いたのは第 {f.revision} 版 {f.saved_at or '保存日時なし'}、"
                          f"取込済みは第 {n.revision} 版 {n.saved_at or '保存日時なし'} で、この版に保存を重ねたものです）。"
                          "取り込みません。", h.id)
    base = where.base
    sibling = bool(collected) and not where.descends
    note = (f" 先に取り込んだ写しとは別に保存された写しのため、共通の{f'第 {base.revision} 版' if base else '配布時の内容'}"
            "を基準に突き合わせました（両方で違う値にした項目は要確認）。") if sibling else ""
    return ReturnLine(False, h.collected_revision, h.collected_saved_at,
                      base.snapshot if base else repo.root_snapshot(h.base_snapshot), note=note,
                      unsure=tuple(c.snapshot for c in where.unsure)), None


def record(repo: RoundRepository, f: DepartmentFile, handout_id: str) -> None:
    """After `f` merged: its save, chain and snapshot (the hand-out's base the merge just recorded),
    the base of the returns that descend from it."""
    h = repo.handout(handout_id)
    assert h is not None
    repo.add_collected_save(handout_id, lineage.Collected(f.revision, f.saves[-1][1], h.base_snapshot,
                                                          f.saved_at, f.saves))
