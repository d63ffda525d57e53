"""What a collection asks of the round's year (issue 24), read once per collection under its lock:
the division's locks (a change to a fixed year is held, never applied), the round's settings (a
file without the department head's check, where required, is held as 要確認), and a file's carried
texts (left untouched they are no answer; confirmed they are 変更なし)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kodaira_desk.domain.merge import Conflict, ConflictKind, FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_year import HeadCheck, RoundSettings, lock_of_key
from kodaira_desk.services.rounds.common import describe

if TYPE_CHECKING:
    from kodaira_desk.domain.round_records import Handout
    from kodaira_desk.store.department_file import DepartmentFile
    from kodaira_desk.store.unit_of_work import UnitOfWork

NO_HEAD_CHECK = "no_head_check"


@dataclass(frozen=True)
class CarriedSplit:
    """Of a return's changes: carried texts left as they were (taken out of the changes), and the
    carried texts the clerk confirmed unchanged (kept: they are the department's answer)."""

    untouched: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """What a return says besides its values: who saved it, the head's check that holds for its
    revision, and why it is held as 要確認 (`flags`)."""

    saved_by: str | None
    head_check: HeadCheck | None
    flags: tuple[str, ...] = ()

    def columns(self, unchanged: int, untouched: int) -> dict[str, Any]:
        """The import row's columns of these."""
        check = self.head_check
        return {"saved_by": self.saved_by, "head_check_by": check.name if check else None,
                "head_check_at": check.at if check else None, "unchanged": unchanged, "carried": untouched,
                "flags": " ".join(self.flags)}

    def audit(self, uow: UnitOfWork, handout: Handout, import_id: int, actor: str | None) -> None:
        """The head's check, in the master's audit log with the import it came with."""
        check = self.head_check
        if check is not None:
            uow.audit.add(head_check_key(handout.department, handout.fiscal_year), None, check.name,
                          "import", str(import_id), actor, f"課長確認 {check.at}（第 {check.revision} 版）")


def head_check_key(department: str, year: int) -> str:
    """The audit log's key of a department's head check for a year (not a field)."""
    return f"head-check:{department}:{year}"


class YearRules:
    def __init__(self, uow: UnitOfWork) -> None:
        self._repo = uow.year
        self.locked = self._repo.locked()
        self._settings: dict[int, RoundSettings] = {}

    def is_locked(self, key: str) -> bool:
        return lock_of_key(key, self.locked) is not None

    def settings(self, year: int) -> RoundSettings:
        if year not in self._settings:
            self._settings[year] = self._repo.settings(year)
        return self._settings[year]

    def carried(self, f: DepartmentFile, base: Mapping[str, FieldValue],
                changes: dict[str, FieldValue]) -> CarriedSplit:
        """Take untouched carried texts out of `changes` (in place): a text the hand-out put there
        and the clerk neither changed nor confirmed says nothing, so it is neither applied nor kept
        in the next return's base. Only where this line of returns has no answer for the field yet
        (a text the department answered before and now set back is an ordinary change)."""
        if not f.carried:
            return CarriedSplit()
        untouched, unchanged = [], []
        for key, value in list(changes.items()):
            text = f.carried.get(key)
            if text is None:
                continue
            if base.get(key) is None and text.untouched(value):
                del changes[key]
                untouched.append(key)
            elif text.unchanged(value):
                unchanged.append(key)
        return CarriedSplit(tuple(untouched), tuple(unchanged))

    def review(self, f: DepartmentFile, handout: Handout, *, book: bool) -> Review:
        """The head's check that holds for the file's revision, and whether its absence holds the
        return (the round requires it). A workbook's check is the one typed on its first sheet
        (services/rounds/workbook_year.py), given for the return it comes with."""
        check = f.head_check if f.head_check and f.head_check.holds_for(f.revision) else None
        required = self.settings(handout.fiscal_year).head_check_required
        flags = (NO_HEAD_CHECK,) if required and check is None else ()
        return Review(f.saved_by, check, flags)  # a workbook: who saved it as the workbook says (issue 26)

    def words(self, conflicts: Sequence[Conflict], review: Review, unchanged: int, untouched: int,
              trees: Mapping[str, PlanTree]) -> str:
        """What the collection's message adds about the year's rules."""
        out = ""
        locked = [c for c in conflicts if c.kind is ConflictKind.LOCKED]
        if locked:
            names = "、".join(describe(trees, c.key) for c in locked[:3])
            more = f" ほか{len(locked) - 3}件" if len(locked) > 3 else ""
            out += f" 確定済みの年度の変更（{names}{more}）は反映せず、要確認にしました。"
        if NO_HEAD_CHECK in review.flags:
            out += " 課長確認がありません（この年度は必須です）。要確認にしました。"
        elif review.head_check is not None:
            out += f" 課長確認: {review.head_check.name}（{review.head_check.at.replace('T', ' ')[:16]}）。"
        if unchanged:
            out += f" 変更なし（前年度と同じ）の確認 {unchanged} 件を反映しました。"
        if untouched:
            out += (f" 前年度から引き継いだまま確認されていない実施等状況 {untouched} 件は反映していません"
                    "（未記入のままです）。")
        return out
