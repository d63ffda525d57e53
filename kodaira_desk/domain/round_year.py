"""The round as a year runs (issue 24): the deadline and how far off it is, the division's lock of a
plan's year (確定), the department head's check (課長確認), next year's texts carried over, and the
addresses a reminder goes to. Plain rules; the store keeps them, the services apply them.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from kodaira_desk.domain.entry import expects_progress
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import ERAS, FiscalYear
from kodaira_desk.domain.model import ALL_DEPARTMENTS, PlanTree, Role
from kodaira_desk.domain.yearly import active_years

# --------------------------------------------------------------------------- deadline (提出期限)

_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_ERA_DATE = re.compile(r"^(令和|平成|[RH])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", re.IGNORECASE)


class DeadlineError(DomainError):
    """Text that is not a date a deadline can be."""


def parse_date(text: str) -> datetime.date | None:
    """A day as people write it: 2027-05-31, 2027/5/31, 令和9年5月31日, R9.5.31 (None: not a day)."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    try:
        m = _ISO.match(s)
        if m:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _ERA_DATE.match(s)
        if m:
            name = m.group(1).upper() if len(m.group(1)) == 1 else m.group(1)
            era = next(e for e in ERAS if name in (e.name, e.letter))
            n = 1 if m.group(2) == "元" else int(m.group(2))
            return datetime.date(era.first_year + n - 1, int(m.group(3)), int(m.group(4)))
    except (ValueError, StopIteration):
        pass
    return None


def parse_deadline(text: str) -> datetime.date:
    """A deadline as people write it: 2027-05-31, 2027/5/31, 令和9年5月31日, R9.5.31."""
    day = parse_date(text)
    if day is None:
        raise DeadlineError(f"提出期限として読めない日付です: 「{text}」（例: 2027-05-31、令和9年5月31日）")
    return day


@dataclass(frozen=True)
class Deadline:
    """The last day a department's file is on time (inclusive)."""

    day: datetime.date

    def days_left(self, today: datetime.date) -> int:
        """Days until the deadline: 0 on the day itself, negative once it has passed."""
        return (self.day - today).days

    def passed(self, today: datetime.date) -> bool:
        return today > self.day

    def late(self, returned_at: str | None) -> bool:
        """Whether a return stamped `returned_at` (ISO time) came after the deadline."""
        if not returned_at:
            return False
        try:
            return datetime.date.fromisoformat(returned_at[:10]) > self.day
        except ValueError:
            return False


def deadline_text(days_left: int) -> str:
    """How far off a deadline is, in words: あと 12 日 / 本日が期限 / 期限を 3 日過ぎています."""
    if days_left > 0:
        return f"あと {days_left} 日"
    if days_left == 0:
        return "本日が期限"
    return f"期限を {-days_left} 日過ぎています"


@dataclass(frozen=True)
class RoundSettings:
    """One fiscal year's round: its deadline and whether the head's check is required."""

    year: int
    deadline: datetime.date | None = None
    head_check_required: bool = False
    updated_at: str | None = None
    updated_by: str | None = None

    @property
    def due(self) -> Deadline | None:
        return Deadline(self.deadline) if self.deadline else None


# --------------------------------------------------------------------------- the division's lock (確定)


@dataclass(frozen=True)
class YearLock:
    """A plan's year fixed by the policy division: who and when."""

    plan_id: str
    year: int
    locked_at: str
    locked_by: str | None = None
    note: str = ""


class YearLockedError(DomainError):
    """A change to fields of a fixed year asked for outside a correction. `keys` are the fields."""

    def __init__(self, message: str, keys: tuple[str, ...]) -> None:
        super().__init__(message)
        self.keys = keys


def lock_of_key(key: str, locked: Collection[tuple[str, int]]) -> tuple[str, int] | None:
    """The (plan, year) lock a field key falls under, or None."""
    try:
        fk = FieldKey.parse(key)
    except ValueError:
        return None
    where = (fk.plan_id, fk.year)
    return where if where in locked else None


def locked_keys(keys: Iterable[str], locked: Collection[tuple[str, int]]) -> list[str]:
    """The keys among `keys` that fall in a fixed year, in order."""
    if not locked:
        return []
    return [k for k in keys if lock_of_key(k, locked) is not None]


# --------------------------------------------------------------------------- the head's check (課長確認)


@dataclass(frozen=True)
class HeadCheck:
    """The department head checked the file as saved at `revision` (課長確認)."""

    name: str
    at: str
    revision: int

    def holds_for(self, revision: int) -> bool:
        """A check belongs to the save it was given at: a later save is not checked."""
        return self.revision == revision


def head_check_name(text: str | None) -> str:
    """The head's name as typed (required, one line, at most 60 characters)."""
    name = " ".join((text or "").split())
    if not name:
        raise DomainError("課長確認をした人の名前を入力してください。")
    if len(name) > 60:
        raise DomainError("課長確認をした人の名前が長すぎます（60 文字まで）。")
    return name


# --------------------------------------------------------------------------- next year starts from this year


@dataclass(frozen=True)
class CarriedText:
    """A 実施等状況 a next year's file starts from: last year's text, and whether the clerk said it
    stands as it is (変更なし)."""

    key: str  # progress:{plan}:{node}:{year}:narrative of the file's year
    text: str
    from_year: int
    confirmed: bool = False

    def untouched(self, value: str | None) -> bool:
        """The clerk left the carried text as it was and did not confirm it: not an answer."""
        return not self.confirmed and (value or "") == self.text

    def unchanged(self, value: str | None) -> bool:
        """The clerk confirmed that the text stands as last year's (変更なし)."""
        return self.confirmed and (value or "") == self.text


def narrative_key(plan_id: str, node_key: str, year: int) -> str:
    return str(FieldKey("progress", plan_id, node_key, year, "narrative"))


def texts_to_carry(tree: PlanTree, department: str, year: FiscalYear) -> list[CarriedText]:
    """The 実施等状況 a department's file for `year` starts from: for each measure the department
    owns that expects progress and has no text for `year` yet, the text of the year before."""
    return texts_to_carry_for(tree, (department,), year)[department]


def texts_to_carry_for(tree: PlanTree, departments: Iterable[str], year: FiscalYear) -> dict[str, list[CarriedText]]:
    """texts_to_carry for each of `departments`, in one pass over the plan (a hand-out of 60
    departments asked each of them of every plan: a scope built 1,800 times at ×10). A measure is
    a department's when the department leads it, or 各課 does (domain.scope: owns_node)."""
    out: dict[str, list[CarriedText]] = {d: [] for d in departments}
    first, last = active_years(tree)
    if not first <= year <= last:
        return out
    before = FiscalYear(year.year - 1)
    for node in tree.nodes:
        leads = {d.department for d in node.departments if d.role is Role.LEAD}
        whom = list(out) if ALL_DEPARTMENTS in leads else [d for d in out if d in leads]
        if not whom or not expects_progress(tree, node):
            continue
        now = tree.progress_in(node.key, year)
        if now is not None and str(now.narrative).strip():
            continue
        last_year = tree.progress_in(node.key, before)
        text = str(last_year.narrative) if last_year is not None else ""
        if text.strip():
            carried = CarriedText(narrative_key(tree.plan.id, node.key, year.year), text, before.year)
            for d in whom:
                out[d].append(carried)
    return out


def same_as_last_year(text: str | None, last_year: str | None) -> bool:
    """A year's 実施等状況 that repeats the year before's (the board's 変更なし)."""
    return bool((text or "").strip()) and (text or "").strip() == (last_year or "").strip()


# --------------------------------------------------------------------------- addresses (課 list)

_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
MAX_ADDRESSES = 10


class AddressError(DomainError):
    """Text that is not a list of mail addresses."""


def parse_addresses(text: str | None) -> tuple[str, ...]:
    """A 課's mail addresses as typed: one or more, separated by commas, semicolons, 、 or spaces.
    Plain addresses only (no display names: the reminder names the 課 itself)."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return ()
    parts = [p for p in re.split(r"[,;、\s]+", s) if p]
    bad = [p for p in parts if not _ADDRESS.match(p) or len(p) > 254]
    if bad:
        raise AddressError(f"メールアドレスとして読めません: {'、'.join(bad[:3])}（例: douro@city.kodaira.lg.jp）")
    if len(parts) > MAX_ADDRESSES:
        raise AddressError(f"メールアドレスは {MAX_ADDRESSES} 件までです。")
    return tuple(dict.fromkeys(parts))


def addresses_text(addresses: Iterable[str]) -> str:
    return ", ".join(addresses)


__all__ = [
    "AddressError", "CarriedText", "Deadline", "DeadlineError", "HeadCheck", "RoundSettings", "YearLock",
    "YearLockedError",
    "addresses_text", "deadline_text", "head_check_name", "lock_of_key", "locked_keys", "narrative_key",
    "parse_addresses", "parse_date", "parse_deadline", "same_as_last_year", "texts_to_carry", "texts_to_carry_for",
]
