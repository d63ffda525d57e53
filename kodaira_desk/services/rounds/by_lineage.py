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
from kodaira_desk.services.rounds.common import FileOutcome, when
from kodaira_desk.services.rounds.lines import ReturnLine
from kodaira_desk.store.department_file import DepartmentFile, FileRefused
from kodaira_desk.store.reader import content_hash
from kodaira_desk.store.round_repository import RoundRepository

# a .kdesk whose chain of saves cannot be read (garbled, hostile) is ordered by its counter: said so
UNREADABLE_CHAIN = " このファイルの保存の記録（写しの系統）が読めないため、保存の回数で順序を決めました。"


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
        if where.beyond:
            raise FileRefused(Outcome.STALE.value,
                              f"{name}: 古い版の可能性があります（届いたのは第 {f.revision} 版 {when(f.saved_at) or '保存日時なし'}、"
                              f"取込済みは第 {n.revision} 版 {when(n.saved_at) or '保存日時なし'} で、その保存の記録（直近 "
                              f"{lineage.MAX_SAVES} 回）より前の版のため、順序を確かめられません）。取り込みません。"
                              "担当課に最新のファイルか確かめてもらってください。", h.id)
        raise FileRefused(Outcome.STALE.value,
                          f"{name}: 古い版です（届いたのは第 {f.revision} 版 {when(f.saved_at) or '保存日時なし'}、"
                          f"取込済みは第 {n.revision} 版 {when(n.saved_at) or '保存日時なし'} で、この版に保存を重ねたものです）。"
                          "取り込みません。", h.id)
    base = where.base
    if base is None and h.collected_revision is not None:  # e.g. collected by its counter (an earlier version's save)
        base = _counted(repo, f, h)
        if base is not None:
            where = lineage.Placed(lineage.Place.MERGE, base=base, descends=True, unsure=where.unsure)
    sibling = bool(collected) and not where.descends
    note = (f" 先に取り込んだ写しとは別に保存された写しのため、共通の{f'第 {base.revision} 版' if base else '配布時の内容'}"
            "を基準に突き合わせました（両方で違う値にした項目は要確認）。") if sibling else ""
    return ReturnLine(False, h.collected_revision, h.collected_saved_at,
                      base.snapshot if base else repo.root_snapshot(h.base_snapshot), note=note,
                      unsure=tuple(c.snapshot for c in where.unsure)), None


def _counted(repo: RoundRepository, f: DepartmentFile, h: Handout) -> lineage.Collected | None:
    """The hand-out's last collected revision as a base of `f` when no record of its save is kept
    (collected by its counter before such returns were recorded): only when `f`'s chain holds that
    revision with the hash of the very fields the master kept for it."""
    save = next((s for s in f.saves if s[0] == h.collected_revision), None)
    if save is None or save[1] != content_hash(repo.load_snapshot(h.base_snapshot)):
        return None
    return lineage.Collected(save[0], save[1], h.base_snapshot, h.collected_saved_at, (save,))


def record(repo: RoundRepository, f: DepartmentFile, handout_id: str) -> None:
    """After `f` merged: its save, chain and snapshot (the hand-out's base the merge just recorded),
    the base of the returns that descend from it. A file without a (readable) chain, ordered by its
    counter, is recorded as its own save: the next return, saved with a chain, descends from it."""
    h = repo.handout(handout_id)
    assert h is not None
    digest = f.saves[-1][1] if f.saves else content_hash(f.fields)
    repo.add_collected_save(handout_id, lineage.Collected(f.revision, digest, h.base_snapshot, f.saved_at,
                                                          f.saves or ((f.revision, digest),)))
