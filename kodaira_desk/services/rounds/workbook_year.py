"""A returned workbook's answers to the round's year (issue 24), read from the cells the master's
layout names (io/dept_workbook/year_cells.py wrote them), so that a workbook is collected as a .kdesk
is:

- each carried 実施等状況 is a CarriedText of the returned file, confirmed when its 変更なし cell says
  so: left untouched and unconfirmed it is no answer (services/rounds/year_rules.py takes it out of
  the changes, the measure stays 未記入); confirmed, it arrives as 変更なし;
- the head's check (課長確認) typed on the first sheet: a name and a day. It is the check of the
  return it comes with (a workbook keeps no save counter), kept on the import's record and in the
  audit like a .kdesk's. A check that cannot be read (no day, a day before the year or after today)
  is not recorded, and the collection's message says why; where the round requires the check, the
  return is then held as 要確認.

A 変更なし cell that says anything else, or says 変更なし over an emptied text, is a cell that cannot
be read: the whole workbook is refused naming it, as for any other cell.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.round import Outcome
from kodaira_desk.domain.round_year import CarriedText, HeadCheck, head_check_name, parse_date
from kodaira_desk.io.dept_workbook import Layout, RawCell
from kodaira_desk.io.excel_cell import cell_day
from kodaira_desk.store.department_file import FileRefused

CONFIRMED = ("変更なし", "変更無し")
MAX_LISTED = 5
_EMPTY = RawCell(None, "General")


@dataclass(frozen=True)
class YearAnswers:
    carried: dict[str, CarriedText] = field(default_factory=dict)  # with the clerk's 変更なし
    checked_by: str | None = None
    checked_on: datetime.date | None = None
    notes: str = ""  # what the collection's message adds

    def head_check(self, revision: int) -> HeadCheck | None:
        """The head's check as the return numbered `revision` carries it."""
        if self.checked_by is None or self.checked_on is None:
            return None
        return HeadCheck(self.checked_by, self.checked_on.isoformat(), revision)

    def untouched(self, fields: Mapping[str, FieldValue], origin: Mapping[str, FieldValue]) -> bool:
        """Nothing answered against `origin`: every difference is a carried text left as it was and
        not confirmed (a workbook returned so is 未記入, as an unsaved .kdesk is)."""
        return all(fields.get(k) == origin.get(k) or (k in self.carried and self.carried[k].untouched(fields.get(k)))
                   for k in fields.keys() | origin.keys())


def year_answers(layout: Layout, cells: Mapping[tuple[str, str], RawCell], fields: Mapping[str, FieldValue],
                 name: str, today: datetime.date | None = None) -> YearAnswers:
    """The carried texts with the clerk's 変更なし and the head's check of a returned workbook.
    `fields`: what its cells read as (services/rounds/workbook.fields_of). Raises FileRefused naming
    the 変更なし cells that cannot be read."""
    carried: dict[str, CarriedText] = {}
    problems: list[str] = []
    notes = ""
    for cc in layout.carried:
        where = f"{cc.sheet}!{cc.confirm}"
        said = _confirmation(cells.get((cc.sheet, cc.confirm), _EMPTY))
        if said is None:
            problems.append(f"{where}（「変更なし」か空欄にしてください）")
            continue
        text = fields.get(cc.key)
        if said and not (text or "").strip():
            problems.append(f"{where}（「変更なし」が選ばれていますが、実施等状況が空です。前年度の文に戻すか、"
                            "「変更なし」を消してください）")
            continue
        carried[cc.key] = CarriedText(cc.key, cc.text, cc.from_year, said)
        if said and text != cc.text:
            notes = " 「変更なし」が選ばれていても実施等状況が書き換えられている行は、書き換えた文を取り込みました。"
    if problems:
        listed = "、".join(problems[:MAX_LISTED]) + (f" ほか{len(problems) - MAX_LISTED}件"
                                                     if len(problems) > MAX_LISTED else "")
        raise FileRefused(Outcome.INVALID_VALUES.value,
                          f"{name}: 読み取れないセルがあるため取り込みません: {listed}。"
                          "セルを直して保存し、もう一度送ってもらってください。")
    by, on, why = _head_check(layout, cells, today or datetime.date.today())
    return YearAnswers(carried, by, on, notes + why)


def _confirmation(raw: RawCell) -> bool | None:
    """A 変更なし cell: True (変更なし), False (blank), None (anything else)."""
    if getattr(raw, "problem", None):  # a formula that cannot be read
        return None
    v = raw.value
    if v is None:
        return False
    if not isinstance(v, str):
        return None
    s = unicodedata.normalize("NFKC", v).strip()
    if not s:
        return False
    return True if s in CONFIRMED else None


def _head_check(layout: Layout, cells: Mapping[tuple[str, str], RawCell],
                today: datetime.date) -> tuple[str | None, datetime.date | None, str]:
    """(name, day, why it is not recorded) of the head's check typed on the first sheet."""
    spec = layout.head_check
    if spec is None:
        return None, None, ""
    raw_name = cells.get((spec.sheet, spec.name), _EMPTY).value
    raw_day = cells.get((spec.sheet, spec.date), _EMPTY).value
    typed = "" if raw_name is None else str(raw_name).strip()
    day = _day(raw_day)
    if not typed and raw_day in (None, ""):
        return None, None, ""
    where = f"（{spec.sheet}!{spec.name}・{spec.date}）"
    try:
        who = head_check_name(typed)
    except DomainError as exc:
        return None, None, f" 課長確認{where}を記録していません: {exc.message}"
    first = datetime.date(layout.fiscal_year, 4, 1)
    if day is None:
        return None, None, f" 課長確認{where}を記録していません: 確認した日がないか、日付として読めません。"
    if not first <= day <= today:
        return None, None, (f" 課長確認{where}を記録していません: 確認した日（{day:%Y/%m/%d}）が"
                            f"{first:%Y/%m/%d}から今日までの間にありません。")
    return who, day, ""


def _day(v: object) -> datetime.date | None:
    """A day cell as Excel and LibreOffice store it: a date, a serial number, or text."""
    return parse_date(v) if isinstance(v, str) else cell_day(v)


__all__ = ["YearAnswers", "year_answers"]
