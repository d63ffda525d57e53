"""The round's board with its deadline (issue 24): for a fiscal year, the deadline and the days left,
and per department its state, whether it is overdue (not returned, or returned untouched, after the
deadline), its last return (revision, when, by whom, the head's check) and why it is 要確認.

The collection window shows it; `kodaira-desk round status --year R8` prints it for a person or, as
JSON, for a script run each morning.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from kodaira_desk.domain.era_text import era_date
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round import BoardState
from kodaira_desk.domain.round_year import AddressError, RoundSettings, deadline_text, parse_addresses
from kodaira_desk.services.plan_editing.departments import list_departments
from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.services.rounds.common import when as when  # the board's form of a time
from kodaira_desk.services.rounds.interrupted import Finished, finish_interrupted
from kodaira_desk.services.rounds.settings import round_settings
from kodaira_desk.services.rounds.status import round_status
from kodaira_desk.store.database import Database

NOT_RETURNED = (BoardState.ISSUED.value, BoardState.UNFILLED.value)


def today() -> datetime.date:
    """Today as the round counts it (the tests put the city's own date here)."""
    return datetime.date.today()


@dataclass(frozen=True)
class DepartmentLine:
    state: DepartmentState
    overdue: bool  # the deadline passed and the department has not returned a filled-in file
    late: bool  # its last return came after the deadline
    addresses: tuple[str, ...]  # from the 課 list: where a reminder goes

    @property
    def department(self) -> str:
        return self.state.department

    @property
    def reminded(self) -> bool:
        """Whether a reminder (催促) is for this department: not returned, or 要確認 left."""
        return self.state.state in (*NOT_RETURNED, BoardState.NEEDS_REVIEW.value)


@dataclass(frozen=True)
class RoundOverview:
    year: FiscalYear
    today: datetime.date
    settings: RoundSettings
    lines: tuple[DepartmentLine, ...]
    finished: Finished = field(default_factory=Finished)  # what a killed hand-out left, finished or to hand out again

    @property
    def days_left(self) -> int | None:
        due = self.settings.due
        return due.days_left(self.today) if due else None

    def of_state(self, *states: str) -> list[str]:
        return [ln.department for ln in self.lines if ln.state.state in states]

    def owing(self, state: str) -> list[str]:
        """Departments whose file is still out in `state`, whatever their row says (a 課 handed
        out again is 要確認 while its earlier file's conflicts are open, and owes the new one)."""
        return [ln.department for ln in self.lines if state in (ln.state.state, ln.state.owed)]

    @property
    def missing(self) -> list[str]:
        """Departments that have not returned their file at all (未返却)."""
        return self.owing(BoardState.ISSUED.value)

    @property
    def unfilled(self) -> list[str]:
        """Departments whose returned file had nothing typed in it (未記入): returned, yet still owed."""
        return self.owing(BoardState.UNFILLED.value)

    @property
    def overdue(self) -> list[str]:
        return [ln.department for ln in self.lines if ln.overdue]

    @property
    def review(self) -> list[str]:
        return self.of_state(BoardState.NEEDS_REVIEW.value)

    @property
    def needs_attention(self) -> bool:
        return bool(self.missing or self.unfilled or self.review or self.finished.missing or self.finished.waiting)


def round_overview(db: Database, year: FiscalYear, on: datetime.date | None = None) -> RoundOverview:
    finished = finish_interrupted(db, year)  # a killed hand-out's files, named before anyone is "missing"
    day = on or today()
    settings = round_settings(db, year)
    due = settings.due
    addresses = {d.name: _addresses(d.email) for d in list_departments(db, include_retired=True)}
    lines = []
    for st in round_status(db, year):
        overdue = bool(due and due.passed(day) and (st.state in NOT_RETURNED or st.owed))
        late = bool(due and st.last_return and due.late(st.last_return.received_at))
        lines.append(DepartmentLine(st, overdue, late, addresses.get(st.department, ())))
    return RoundOverview(year, day, settings, tuple(lines), finished)


def _addresses(text: str | None) -> tuple[str, ...]:
    try:
        return parse_addresses(text)
    except AddressError:  # an address stored before the checks: shown as missing, never a traceback
        return ()


def last_return_text(st: DepartmentState) -> str:
    """第3版 2027-05-20 10:31 山田（課長確認 佐藤）, or empty."""
    r = st.last_return
    if r is None:
        return ""
    parts = [f"第{r.revision}版" if r.revision is not None else "", when(r.saved_at or r.received_at),
             r.saved_by or ""]
    text = " ".join(p for p in parts if p)
    if r.head_check_by:
        text += f"（課長確認 {r.head_check_by}）"
    return text


def deadline_words(ov: RoundOverview) -> str:
    due = ov.settings.deadline
    if due is None:
        return "提出期限: 未設定"
    left = ov.days_left
    assert left is not None
    return f"提出期限: {era_date(due, weekday=True)}（{due.isoformat()}）　{deadline_text(left)}"


def overview_lines(ov: RoundOverview) -> list[str]:
    """The board as text lines (the command line): a heading, then one line per department."""
    out = [*ov.finished.lines(), f"{ov.year.era_label()}の回収状況（{ov.today.isoformat()} 現在）", deadline_words(ov),
           f"課長確認: {'必須' if ov.settings.head_check_required else '任意'}"]
    for ln in ov.lines:
        st = ln.state
        mark = "×" if ln.overdue else ("!" if st.state == BoardState.NEEDS_REVIEW.value
                                       else ("-" if st.state in NOT_RETURNED else "○"))
        extra = []
        if ln.overdue:
            extra.append("期限超過")
        elif ln.late:
            extra.append("期限後に返却")
        extra.extend(st.reasons)
        if st.reason and st.state != BoardState.UNFILLED.value:  # a refusal's reason (未記入 says itself)
            extra.append(st.reason.splitlines()[0])
        last = last_return_text(st) or ("返却なし" if st.state == BoardState.ISSUED.value else "—")
        out.append("\t".join([mark, st.department, st.label, last, "・".join(extra)]).rstrip("\t"))
    summary = [f"配布 {len(ov.lines)} 課", f"取込済 {len(ov.of_state(BoardState.MERGED.value))}"]
    if ov.missing:
        summary.append(f"未返却 {len(ov.missing)}（{'、'.join(ov.missing)}）")
    if ov.unfilled:
        summary.append(f"未記入 {len(ov.unfilled)}（{'、'.join(ov.unfilled)}）")
    if ov.overdue:
        summary.append(f"期限超過 {len(ov.overdue)}（{'、'.join(ov.overdue)}）")
    if ov.review:
        summary.append(f"要確認 {len(ov.review)}（{'、'.join(ov.review)}）")
    out.append("　".join(summary))
    return out


def overview_json(ov: RoundOverview) -> str:
    """The board for a script: one JSON object, UTF-8, stable keys."""
    def line(ln: DepartmentLine) -> dict[str, object]:
        st, r = ln.state, ln.state.last_return
        return {"department": st.department, "state": st.state, "label": st.label, "overdue": ln.overdue,
                "late": ln.late, "open_conflicts": st.open_conflicts, "reasons": list(st.reasons),
                "refused": st.reason, "file": st.file_name, "issued_at": st.issued_at,
                "last_return": None if r is None else {
                    "revision": r.revision, "saved_at": r.saved_at, "saved_by": r.saved_by,
                    "received_at": r.received_at, "head_check_by": r.head_check_by,
                    "head_check_at": r.head_check_at, "unchanged": r.unchanged, "carried_untouched": r.carried},
                "addresses": list(ln.addresses)}

    return json.dumps({"fiscal_year": ov.year.year, "label": ov.year.era_label(), "today": ov.today.isoformat(),
                       "deadline": ov.settings.deadline.isoformat() if ov.settings.deadline else None,
                       "days_left": ov.days_left, "head_check_required": ov.settings.head_check_required,
                       "missing": ov.missing, "unfilled": ov.unfilled, "overdue": ov.overdue, "needs_review": ov.review,
                       "departments": [line(ln) for ln in ov.lines]}, ensure_ascii=False, indent=2)
